// Confirming or declining an entitlement (免申即享). Confirmation saves the payee (bank account, contact
// e-mail) to the profile with its history, stores the 信用承诺, evaluates the engine again and creates the
// application through the state machine as submitted, with the decision recorded like a submission; the
// import is the case's origin and evidence. Confirming twice answers with the same case. One event pays
// once: a live application of the event lapses the entitlement (409), the applications unique index being
// the last guard against a case created at the same moment.
import { randomUUID } from 'node:crypto';
import { writeTransaction, forUpdate, type Db } from '../store/database.ts';
import type { EntitlementRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { enginePatch, evaluateCase, recordDecision, refusalReasons, SUBMITTABLE } from './application-engine.ts';
import { transition } from './application-state.ts';
import { isUniqueViolation, liveCaseOfEvent, type CaseContext } from './applications.ts';
import { appendAudit } from './audit.ts';
import { bankAccount, contactEmail, updateBeneficiary } from './beneficiaries.ts';
import { entitlementView, PLEDGE_TEXT, visibleEntitlement, type EntitlementView } from './entitlements.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';

export interface ConfirmInput {
  bank_name: string;
  bank_account: string;
  contact_email?: string | null;
  /** The enterprise ticked the 信用承诺. */
  pledge: boolean;
}

async function ownEntitlement(db: Db, actor: Actor, id: string): Promise<EntitlementRow> {
  if (actor.role !== 'enterprise' || !actor.creditCode) throw forbidden(`a ${actor.role} account may not answer an entitlement: the enterprise does`);
  return visibleEntitlement(db, actor, id);
}

async function lockEntitlement(trx: Db, id: string): Promise<EntitlementRow> {
  const row = await forUpdate(trx, trx.selectFrom('entitlements').selectAll().where('id', '=', id)).executeTakeFirst();
  if (!row) throw notFound(`entitlement ${id}`);
  return row;
}

async function lapse(db: Db, actor: Actor, id: string, reason: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const row = await lockEntitlement(trx, id);
    if (row.status !== 'offered') return;
    const at = new Date().toISOString();
    await trx.updateTable('entitlements').set({ status: 'lapsed', reason, updated_at: at, decided_at: at, version: row.version + 1 }).where('id', '=', id).execute();
    await appendAudit(trx, { actor: actorLabel(actor), action: 'entitlement.lapsed', subject: `entitlement:${id}`, before: { status: row.status, version: row.version }, after: { status: 'lapsed', reason, version: row.version + 1 } });
  });
}

class Lapsed extends Error {}

export async function confirmEntitlement(db: Db, context: CaseContext, actor: Actor, id: string, input: ConfirmInput): Promise<EntitlementView> {
  const own = await ownEntitlement(db, actor, id);
  if (input.pledge !== true) throw invalid('pledge must be true: the 信用承诺 is required to confirm', [{ path: 'pledge', message: 'required' }]);
  const bank = bankAccount(input.bank_name, input.bank_account);
  if (!bank) throw invalid('bank_name and bank_account are required to confirm', [{ path: 'bank_account', message: 'required' }]);
  const email = contactEmail(input.contact_email);
  if (own.status === 'confirmed') return entitlementView(db, context.pack, id);

  try {
    await writeTransaction(db, async (trx) => {
      const row = await lockEntitlement(trx, id);
      // A concurrent confirmation got in first: the same answer.
      if (row.status === 'confirmed') return;
      if (row.status !== 'offered') throw conflict(`entitlement ${id} is ${row.status}${row.reason ? ` (${row.reason})` : ''}: only an offered entitlement may be confirmed`);
      const live = await liveCaseOfEvent(trx, row.event_key);
      if (live) throw new Lapsed(`application ${live.id} (${live.status}) already claims this event: one event pays once`);

      const current = await trx.selectFrom('beneficiaries').selectAll().where('credit_code', '=', row.credit_code).executeTakeFirstOrThrow();
      await updateBeneficiary(trx, actor, row.credit_code, { facts: {}, expected_version: current.version, ...bank, contact_email: email, note: `免申即享确认 ${id}` });
      const beneficiary = await trx.selectFrom('beneficiaries').selectAll().where('credit_code', '=', row.credit_code).executeTakeFirstOrThrow();

      const evaluation = await evaluateCase(trx, context.calculator, beneficiary, row.provision, row.year);
      if (!SUBMITTABLE.has(evaluation.result.status)) {
        throw conflict(`the engine now says ${evaluation.result.status} for ${row.provision} in ${row.year}: ${refusalReasons(evaluation.result, row.year)}`);
      }
      const at = new Date().toISOString();
      const applicationId = randomUUID();
      await trx.insertInto('applications').values({
        id: applicationId, credit_code: row.credit_code, provision: row.provision, department: row.department, year: row.year, event_key: row.event_key,
        event_ref: row.event_ref, status: 'draft', requested_yuan: evaluation.result.amount ?? null, ...enginePatch(evaluation.result), granted_yuan: null,
        budget_line: null, applicant_id: actor.id, reviewer_id: null, payer_id: null, reason: null, notice_id: null, notice_ends_on: null,
        created_at: at, updated_at: at, submitted_at: null, decided_at: null, paid_at: null,
      }).execute();
      const origin = `免申即享 · 名单导入 ${row.import_id}`;
      await trx.insertInto('application_events').values({ application_id: applicationId, at, actor: actorLabel(actor), from_status: null, to_status: 'draft', note: origin }).execute();
      await appendAudit(trx, {
        actor: actorLabel(actor), action: 'application.draft', subject: `application:${applicationId}`,
        after: { status: 'draft', provision: row.provision, year: row.year, event_ref: row.event_ref, credit_code: row.credit_code, entitlement: id, import_id: row.import_id },
      });
      const submitted = await transition(trx, {
        id: applicationId, to: 'submitted', actor,
        note: `${origin}; engine: ${evaluation.result.status}${evaluation.result.amount !== undefined ? ` ${evaluation.result.amount} yuan (${evaluation.result.amount_kind})` : ''}`,
        patch: { submitted_at: at },
      });
      await recordDecision(trx, submitted, 'submission', evaluation);
      await trx.updateTable('entitlements').set({
        status: 'confirmed', application_id: applicationId, pledge: PLEDGE_TEXT, confirmed_by: actor.id, updated_at: at, decided_at: at, version: row.version + 1,
      }).where('id', '=', id).where('version', '=', row.version).execute();
      await appendAudit(trx, {
        actor: actorLabel(actor), action: 'entitlement.confirm', subject: `entitlement:${id}`, before: { status: row.status, version: row.version },
        after: { status: 'confirmed', application_id: applicationId, pledge: PLEDGE_TEXT, bank_name: bank.bank_name, version: row.version + 1 },
      });
    });
  } catch (error) {
    // The check above, or the applications unique index (a case created at the same moment): the entitlement lapses.
    if (error instanceof Lapsed || isUniqueViolation(error)) {
      const reason = error instanceof Lapsed ? error.message : 'an application of the same event was created at the same moment: one event pays once';
      await lapse(db, actor, id, reason);
      throw conflict(`entitlement ${id} lapsed: ${reason}`);
    }
    throw error;
  }
  return entitlementView(db, context.pack, id);
}

export async function declineEntitlement(db: Db, context: CaseContext, actor: Actor, id: string, reason: string): Promise<EntitlementView> {
  await ownEntitlement(db, actor, id);
  const text = reason?.trim();
  if (!text) throw invalid('declining needs a reason', [{ path: 'reason', message: 'required' }]);
  await writeTransaction(db, async (trx) => {
    const row = await lockEntitlement(trx, id);
    if (row.status === 'declined') return;
    if (row.status !== 'offered') throw conflict(`entitlement ${id} is ${row.status}: only an offered entitlement may be declined`);
    const at = new Date().toISOString();
    await trx.updateTable('entitlements').set({ status: 'declined', reason: text, updated_at: at, decided_at: at, version: row.version + 1 }).where('id', '=', id).execute();
    await appendAudit(trx, { actor: actorLabel(actor), action: 'entitlement.decline', subject: `entitlement:${id}`, before: { status: row.status, version: row.version }, after: { status: 'declined', reason: text, version: row.version + 1 } });
  });
  return entitlementView(db, context.pack, id);
}
