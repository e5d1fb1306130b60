// Demo mode only (ZHIDA_DEMO is not 0): a person trying Zhida cannot wait 5 working days for a 公示 to end,
// so the reviewer who owns a notice may move its period into the past. Nothing else changes: closing the
// notice still goes through closeNotice (objections hold their cases), and the move is in the audit log.
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import { isDate, todayInChina } from './working-days.ts';

export interface DemoPeriodEnd {
  notice: string;
  starts_on: string;
  ends_on: string;
  cases: number;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function endNoticePeriodForDemo(db: Db, actor: Actor, id: string, today: string = todayInChina()): Promise<DemoPeriodEnd> {
  if (actor.role !== 'reviewer') throw forbidden('only the reviewer who published a notice may end its period');
  if (!isDate(today)) throw invalid(`today must be a YYYY-MM-DD date, got ${today}`);
  return writeTransaction(db, async (trx) => {
    const notice = await forUpdate(trx, trx.selectFrom('notices').selectAll().where('id', '=', id)).executeTakeFirst();
    if (!notice || notice.department !== actor.department) throw notFound(`notice ${id}`);
    const endsOn = dayBefore(today);
    if (notice.ends_on <= endsOn) throw conflict(`notice ${id} already ended on ${notice.ends_on}`);
    const startsOn = notice.starts_on <= endsOn ? notice.starts_on : endsOn;
    await trx.updateTable('notices').set({ starts_on: startsOn, ends_on: endsOn }).where('id', '=', id).execute();
    const moved = await trx.updateTable('applications').set({ notice_ends_on: endsOn })
      .where('notice_id', '=', id).where('status', '=', 'in-notice').executeTakeFirst();
    const cases = Number(moved.numUpdatedRows);
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'notice.demo-end-period', subject: `notice:${id}`,
      before: { starts_on: notice.starts_on, ends_on: notice.ends_on }, after: { starts_on: startsOn, ends_on: endsOn, cases },
    });
    return { notice: id, starts_on: startsOn, ends_on: endsOn, cases };
  });
}
