// Objections (异议) to a public notice: anyone may file one during the period; a reviewer of the notice's
// department resolves it. Upheld: the case is rejected and its reservation released; dismissed: the case
// goes on (payable when the notice is closed).
import { randomUUID } from 'node:crypto';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { ObjectionRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { lockApplication, transition } from './application-state.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import { caseBalance, release } from './ledger.ts';
import { isDate, todayInChina } from './working-days.ts';
import type { ObjectionView } from './delivery-views.ts';

export type { ObjectionView } from './delivery-views.ts';

export const OBJECTION_TEXT_MAX = 2000;

export const objectionView = (o: ObjectionRow): ObjectionView => ({
  id: o.id, notice_id: o.notice_id, application_id: o.application_id, at: o.at, objector: o.objector, status: o.status,
  resolution: o.resolution, resolved_at: o.resolved_at,
});

export interface ObjectionInput {
  application_id: string;
  objector: string;
  contact?: string;
  text: string;
}

function text(value: string | undefined, field: string, max: number, required: boolean): string | null {
  const trimmed = value?.trim() ?? '';
  if (required && trimmed === '') throw invalid(`${field} must not be empty`, [{ path: `body.${field}`, message: 'empty' }]);
  if (trimmed.length > max) throw invalid(`${field} must be at most ${max} characters`, [{ path: `body.${field}`, message: 'too long' }]);
  return trimmed === '' ? null : trimmed;
}

/** Files an objection; actor null: anonymous (the public). */
export async function fileObjection(db: Db, actor: Actor | null, noticeId: string, input: ObjectionInput, today: string = todayInChina()): Promise<ObjectionView> {
  const objector = text(input.objector, 'objector', 200, true) as string;
  const contact = text(input.contact, 'contact', 200, false);
  const body = text(input.text, 'text', OBJECTION_TEXT_MAX, true) as string;
  if (!isDate(today)) throw invalid(`today must be a YYYY-MM-DD date, got ${today}`);
  return writeTransaction(db, async (trx) => {
    const notice = await trx.selectFrom('notices').selectAll().where('id', '=', noticeId).executeTakeFirst();
    if (!notice) throw notFound(`notice ${noticeId}`);
    if (today < notice.starts_on || today > notice.ends_on) {
      throw conflict(`notice ${noticeId} takes objections from ${notice.starts_on} to ${notice.ends_on}, not on ${today}`);
    }
    const app = await trx.selectFrom('applications').select(['id', 'status', 'notice_id']).where('id', '=', input.application_id).executeTakeFirst();
    if (!app || app.notice_id !== noticeId) throw invalid(`application ${input.application_id} is not on notice ${noticeId}`, [{ path: 'body.application_id', message: 'not on this notice' }]);
    if (app.status !== 'in-notice') throw conflict(`application ${app.id} is ${app.status}: it no longer takes objections`);
    const row: ObjectionRow = {
      id: `YY-${randomUUID()}`, application_id: app.id, notice_id: noticeId, at: new Date().toISOString(), objector, contact, text: body,
      status: 'open', resolution: null, resolved_by: null, resolved_at: null,
    };
    await trx.insertInto('objections').values(row).execute();
    // The objector's contact is kept for the reviewer, not written to the audit log's wider readership.
    await appendAudit(trx, { actor: actor ? actorLabel(actor) : 'public', action: 'objection.file', subject: `objection:${row.id}`, after: { ...objectionView(row), text: body } });
    return objectionView(row);
  });
}

export interface ResolveInput {
  decision: 'upheld' | 'dismissed';
  resolution: string;
}

export async function resolveObjection(db: Db, actor: Actor, objectionId: string, input: ResolveInput): Promise<ObjectionView> {
  if (actor.role !== 'reviewer') throw forbidden('only a reviewer resolves objections');
  const resolution = text(input.resolution, 'resolution', OBJECTION_TEXT_MAX, true) as string;
  return writeTransaction(db, async (trx) => {
    const objection = await forUpdate(trx, trx.selectFrom('objections').selectAll().where('id', '=', objectionId)).executeTakeFirst();
    const notice = objection && await trx.selectFrom('notices').select('department').where('id', '=', objection.notice_id).executeTakeFirst();
    if (!objection || notice?.department !== actor.department) throw notFound(`objection ${objectionId}`);
    if (objection.status !== 'open') throw conflict(`objection ${objectionId} was already resolved (${objection.status})`);
    const resolvedAt = new Date().toISOString();
    const updated = await trx.updateTable('objections')
      .set({ status: input.decision, resolution, resolved_by: actor.id, resolved_at: resolvedAt })
      .where('id', '=', objectionId).where('status', '=', 'open').returningAll().executeTakeFirstOrThrow();
    if (input.decision === 'upheld') {
      // Lock order: the case, then its budget line (release), then the audit head (transition).
      const app = await lockApplication(trx, objection.application_id);
      if (app.status !== 'in-notice') throw conflict(`application ${app.id} is ${app.status}: an objection can no longer reject it`);
      if (app.budget_line && (await caseBalance(trx, app.budget_line, app.id)).reserved > 0) {
        await release(trx, { key: `release:${app.id}`, actor: actorLabel(actor), line: app.budget_line, caseId: app.id });
      }
      await transition(trx, { id: app.id, to: 'rejected', actor, note: `异议成立：${resolution}`, patch: { reason: `公示异议成立：${resolution}`, decided_at: resolvedAt } });
    }
    await appendAudit(trx, {
      actor: actorLabel(actor), action: `objection.${input.decision}`, subject: `objection:${objectionId}`,
      before: { status: 'open' }, after: { status: updated.status, resolution, application_id: updated.application_id },
    });
    return objectionView(updated);
  });
}
