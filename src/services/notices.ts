// Public notice (公示): a reviewer publishes approved cases of their department; the list is public for N
// working days, anyone may object (objections.ts); when the period has passed the cases without an open
// objection become payable. The statuses move only through transition() (application-state.ts).
import { randomUUID } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import { maskIdentity } from '../core/identity.ts';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { ApplicationRow, NoticeRow } from '../store/tables/index.ts';
import { actorLabel, SYSTEM_ACTOR, type Actor } from './actor.ts';
import { transition } from './application-state.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import { beneficiaryFacts, provisionOf, publicName } from './money-views.ts';
import { addWorkingDays, isDate, todayInChina } from './working-days.ts';
import type { NoticeItemView, NoticeView } from './delivery-views.ts';

export type { NoticeItemView, NoticeView } from './delivery-views.ts';

export const DEFAULT_NOTICE_WORKING_DAYS = 5;

export interface PublishInput {
  applicationIds: string[];
  title?: string;
  workingDays?: number;
  /** The first day of the period; default today in China. */
  today?: string;
  /** Statutory holidays inside the period (see working-days.ts). */
  holidays?: string[];
}

export async function publishNotice(db: Db, pack: Pack, actor: Actor, input: PublishInput): Promise<NoticeView> {
  if (actor.role !== 'reviewer' || !actor.department) throw forbidden('only a reviewer publishes notices');
  const department = actor.department;
  const ids = input.applicationIds;
  if (ids.length === 0 || ids.length > 500) throw invalid('application_ids must list 1–500 cases', [{ path: 'body.application_ids', message: 'empty or too long' }]);
  if (new Set(ids).size !== ids.length) throw invalid('application_ids lists a case twice', [{ path: 'body.application_ids', message: 'duplicates' }]);
  const days = input.workingDays ?? DEFAULT_NOTICE_WORKING_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw invalid('working_days must be a whole number from 1 to 30', [{ path: 'body.working_days', message: 'out of range' }]);
  const startsOn = input.today ?? todayInChina();
  if (!isDate(startsOn)) throw invalid(`today must be a YYYY-MM-DD date, got ${startsOn}`);
  const endsOn = addWorkingDays(startsOn, days, input.holidays ?? []);

  const noticeId = await writeTransaction(db, async (trx) => {
    const rows = await forUpdate(trx, trx.selectFrom('applications').selectAll().where('id', 'in', ids)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const problems = ids.flatMap((id, index) => {
      const row = byId.get(id);
      const path = `body.application_ids.${index}`;
      // Another department's case is reported like a missing one: its existence is not the reviewer's business.
      if (!row || row.department !== department) return [{ path, message: `application ${id} is not a case of ${department}` }];
      if (row.status !== 'approved') return [{ path, message: `application ${id} is ${row.status}, not approved` }];
      return [];
    });
    if (problems.length > 0) throw invalid(`only approved cases of ${department} can be published: ${problems.map((p) => p.message).join('; ')}`, problems);

    const id = `GS-${startsOn.replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;
    const year = rows[0]?.year ?? Number(startsOn.slice(0, 4));
    const title = input.title?.trim() || `${department}${year}年度惠企政策兑现公示`;
    const notice: NoticeRow = { id, title, department, published_at: new Date().toISOString(), starts_on: startsOn, ends_on: endsOn, published_by: actor.id };
    await trx.insertInto('notices').values(notice).execute();
    await appendAudit(trx, { actor: actorLabel(actor), action: 'notice.publish', subject: `notice:${id}`, after: { ...notice, application_ids: ids } });
    for (const caseId of ids) {
      await transition(trx, { id: caseId, to: 'in-notice', actor, note: `公示 ${id}（${startsOn} 至 ${endsOn}）`, patch: { notice_id: id, notice_ends_on: endsOn } });
    }
    return id;
  });
  const view = await getNotice(db, pack, noticeId);
  if (!view) throw notFound(`notice ${noticeId}`);
  return view;
}

async function itemsOf(db: Db, pack: Pack, noticeIds: string[]): Promise<Map<string, NoticeItemView[]>> {
  const out = new Map<string, NoticeItemView[]>();
  if (noticeIds.length === 0) return out;
  const apps = await db.selectFrom('applications').selectAll().where('notice_id', 'in', noticeIds).orderBy('created_at').orderBy('id').execute();
  const open = await db.selectFrom('objections').select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', noticeIds).where('status', '=', 'open').groupBy('application_id').execute();
  const openBy = new Map(open.map((o) => [o.application_id, Number(o.n)]));
  const facts = await beneficiaryFacts(db, apps.map((a) => a.credit_code));
  for (const app of apps) {
    const provision = provisionOf(pack, app.provision);
    const list = out.get(app.notice_id as string) ?? [];
    list.push({
      application_id: app.id, beneficiary_name: publicName(facts.get(app.credit_code), ''), credit_code_masked: maskIdentity(app.credit_code),
      provision_title: provision?.title.zh ?? app.provision, catalogue: provision?.catalogue ?? null, amount_yuan: app.granted_yuan ?? 0,
      status: app.status, open_objections: openBy.get(app.id) ?? 0,
    });
    out.set(app.notice_id as string, list);
  }
  return out;
}

const noticeView = (n: NoticeRow, items: NoticeItemView[]): NoticeView => ({
  id: n.id, title: n.title, department: n.department, published_at: n.published_at, starts_on: n.starts_on, ends_on: n.ends_on,
  items, open_objections: items.reduce((sum, i) => sum + i.open_objections, 0),
});

/** Public: every notice, newest first. */
export async function listNotices(db: Db, pack: Pack, limit = 100): Promise<NoticeView[]> {
  const notices = await db.selectFrom('notices').selectAll().orderBy('published_at', 'desc').orderBy('id').limit(Math.min(Math.max(limit, 1), 500)).execute();
  const items = await itemsOf(db, pack, notices.map((n) => n.id));
  return notices.map((n) => noticeView(n, items.get(n.id) ?? []));
}

/** Public: one notice (undefined when there is none). */
export async function getNotice(db: Db, pack: Pack, id: string): Promise<NoticeView | undefined> {
  const notice = await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!notice) return undefined;
  return noticeView(notice, (await itemsOf(db, pack, [id])).get(id) ?? []);
}

export interface CloseResult {
  notice: NoticeView;
  /** Cases that became payable. */
  payable: string[];
  /** Cases kept in notice by an open objection. */
  held: string[];
}

async function closeInTransaction(trx: Db, notice: NoticeRow, actor: Actor): Promise<{ payable: string[]; held: string[] }> {
  const cases = await trx.selectFrom('applications').select('id').where('notice_id', '=', notice.id).where('status', '=', 'in-notice').orderBy('id').execute();
  const payable: string[] = [];
  const held: string[] = [];
  for (const { id } of cases) {
    const open = await trx.selectFrom('objections').select('id').where('application_id', '=', id).where('notice_id', '=', notice.id).where('status', '=', 'open').executeTakeFirst();
    if (open) {
      held.push(id);
      continue;
    }
    await transition(trx, {
      id, to: 'payable', actor, note: `公示 ${notice.id} 期满无异议`,
      check: (row: ApplicationRow) => {
        if (row.notice_id !== notice.id) throw conflict(`application ${id} is no longer in notice ${notice.id}`);
      },
    });
    payable.push(id);
  }
  return { payable, held };
}

/**
 * Ends the notice period for the reviewer's notice: refused (409) until ends_on has passed; cases with an
 * open objection stay in notice until it is resolved (close again after), the others become payable.
 */
export async function closeNotice(db: Db, pack: Pack, actor: Actor, id: string, today: string = todayInChina()): Promise<CloseResult> {
  if (actor.role !== 'reviewer') throw forbidden('only a reviewer closes notices');
  if (!isDate(today)) throw invalid(`today must be a YYYY-MM-DD date, got ${today}`);
  const result = await writeTransaction(db, async (trx) => {
    const notice = await forUpdate(trx, trx.selectFrom('notices').selectAll().where('id', '=', id)).executeTakeFirst();
    if (!notice || notice.department !== actor.department) throw notFound(`notice ${id}`);
    if (today <= notice.ends_on) throw conflict(`notice ${id} runs until ${notice.ends_on}: it can be closed from the next day, not on ${today}`);
    const moved = await closeInTransaction(trx, notice, actor);
    await appendAudit(trx, { actor: actorLabel(actor), action: 'notice.close', subject: `notice:${id}`, after: { today, ...moved } });
    return moved;
  });
  const view = await getNotice(db, pack, id);
  if (!view) throw notFound(`notice ${id}`);
  return { notice: view, ...result };
}

/** For the server's daily job: closes every notice whose period has passed (cases with open objections wait). */
export async function closeDueNotices(db: Db, today: string = todayInChina()): Promise<{ notice: string; payable: string[]; held: string[] }[]> {
  const due = await db.selectFrom('notices').select('id').where('ends_on', '<', today)
    .where((eb) => eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.notice_id', '=', 'notices.id').where('applications.status', '=', 'in-notice')))
    .orderBy('id').execute();
  const out: { notice: string; payable: string[]; held: string[] }[] = [];
  for (const { id } of due) {
    const moved = await writeTransaction(db, async (trx) => {
      const notice = await forUpdate(trx, trx.selectFrom('notices').selectAll().where('id', '=', id)).executeTakeFirstOrThrow();
      const result = await closeInTransaction(trx, notice, SYSTEM_ACTOR);
      if (result.payable.length > 0) await appendAudit(trx, { actor: actorLabel(SYSTEM_ACTOR), action: 'notice.close', subject: `notice:${id}`, after: { today, ...result } });
      return result;
    });
    out.push({ notice: id, ...moved });
  }
  return out;
}
