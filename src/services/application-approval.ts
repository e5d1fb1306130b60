// Approval (审核通过): the reviewer of the provision's department grants an amount the engine confirms, within
// the per-beneficiary annual cap, and the grant is reserved on the case's budget line — reservation, status
// change, decision and audit in one transaction, so a refusal (insufficient budget…) changes nothing.
import type { Pack, PackProvision } from '../core/pack.ts';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import { actorLabel, type Actor } from './actor.ts';
import { canTransition, lockApplication, RESERVED_STATUSES, transition } from './application-state.ts';
import { enginePatch, evaluateCase, recordDecision, refusalReasons } from './application-engine.ts';
import { viewOf, type ApplicationView } from './application-views.ts';
import { packProvision, reviewersCase, type CaseContext } from './applications.ts';
import { refuseIfBlocked } from './credit-list.ts';
import { conflict, forbidden, invalid } from './errors.ts';
import { reserve } from './ledger.ts';

export interface ApproveInput {
  granted_yuan: number;
  note?: string;
  expected_version?: number;
}

/**
 * The case's budget line: a line finance made for the provision and year, else the pack's line of the
 * provision's article (e.g. （十二）设备更新 D03) or, failing that, of its domain (领域一 D01).
 */
export async function budgetLineFor(db: Db, pack: Pack, provision: PackProvision, year: number): Promise<string> {
  const own = await db.selectFrom('budget_lines').select('id').where('provision', '=', provision.id).where('year', '=', year).orderBy('id').executeTakeFirst();
  if (own) return own.id;
  const candidates: string[] = [];
  if (provision.section.kind === 'article') {
    const number = provision.section.number;
    const article = pack.articles.find((a) => a.number === number);
    candidates.push(...pack.budgets.filter((b) => b.section.kind === 'article' && b.section.number === number).map((b) => `${b.id}-${year}`));
    if (article) candidates.push(...pack.budgets.filter((b) => b.section.kind === 'domain' && b.section.number === article.domain).map((b) => `${b.id}-${year}`));
  } else if (provision.section.kind === 'domain') {
    const number = provision.section.number;
    candidates.push(...pack.budgets.filter((b) => b.section.kind === 'domain' && b.section.number === number).map((b) => `${b.id}-${year}`));
  }
  for (const id of candidates) {
    const line = await db.selectFrom('budget_lines').select('id').where('id', '=', id).executeTakeFirst();
    if (line) return line.id;
  }
  throw conflict(`no budget line for ${provision.id} in ${year}${candidates.length > 0 ? ` (looked for a line of the provision and ${candidates.join(', ')})` : ''}: finance must create and fund one first`);
}

/** The provision's per-beneficiary annual cap parameter (e.g. tech-contract-voucher.annual-cap), if it has one. */
const annualCapParameter = (provision: PackProvision): string | undefined => provision.parameters.find((id) => id.endsWith('.annual-cap'));

export async function approveApplication(db: Db, context: CaseContext, actor: Actor, id: string, input: ApproveInput): Promise<ApplicationView> {
  await reviewersCase(db, actor, id);
  if (!Number.isSafeInteger(input.granted_yuan) || input.granted_yuan <= 0) {
    throw invalid('granted_yuan must be a positive whole number of yuan', [{ path: 'granted_yuan', message: 'not a positive whole number of yuan' }]);
  }
  const granted = input.granted_yuan;
  const note = input.note?.trim() || undefined;

  return writeTransaction(db, async (trx) => {
    const row = await lockApplication(trx, id);
    if (row.applicant_id === actor.id) throw forbidden('the applicant may not approve their own application');
    if (input.expected_version !== undefined && row.version !== input.expected_version) {
      throw conflict(`application ${id} changed since you saw it (version ${row.version}, you had ${input.expected_version}): reload it`);
    }
    if (!canTransition(row.status, 'approved')) throw conflict(`application ${id} is ${row.status}: only a submitted case may be approved`);
    const provision = packProvision(context.pack, row.provision);
    // Locks the beneficiary: approvals of its cases queue, so the annual cap holds under concurrency.
    const beneficiary = await forUpdate(trx, trx.selectFrom('beneficiaries').selectAll().where('credit_code', '=', row.credit_code)).executeTakeFirstOrThrow();
    await refuseIfBlocked(trx, row.credit_code);

    const evaluation = await evaluateCase(trx, context.calculator, beneficiary, row.provision, row.year);
    const { result } = evaluation;
    if (result.status !== 'eligible' || result.amount === undefined) {
      throw conflict(`the engine says ${result.status} for ${row.provision} in ${row.year}, it cannot be approved: ${refusalReasons(result, row.year)}`);
    }
    if (granted > result.amount) {
      throw invalid(`granted_yuan ${granted} is more than the engine's amount ${result.amount} (${result.amount_kind})`, [{ path: 'granted_yuan', message: `at most ${result.amount}` }]);
    }
    if (result.amount_kind === 'exact' && granted < result.amount && !note) {
      throw invalid(`the text fixes ${result.amount} yuan: granting less (${granted}) needs a note saying why`, [{ path: 'note', message: 'required for a reduced exact amount' }]);
    }

    const capId = annualCapParameter(provision);
    if (capId) {
      const cap = evaluation.parametersUsed[capId]?.value
        ?? evaluation.pack.parameters.find((p) => p.id === capId)?.values.at(-1)?.value ?? null;
      if (cap !== null && cap !== undefined) {
        const others = await trx.selectFrom('applications').select('granted_yuan')
          .where('credit_code', '=', row.credit_code).where('provision', '=', row.provision).where('year', '=', row.year)
          .where('id', '<>', id).where('status', 'in', [...RESERVED_STATUSES, 'paid']).execute();
        const already = others.reduce((sum, o) => sum + Number(o.granted_yuan ?? 0), 0);
        if (already + granted > cap) {
          throw conflict(`annual cap ${capId} is ${cap} yuan per beneficiary: ${already} yuan already granted in ${row.year}, ${Math.max(cap - already, 0)} yuan left, ${granted} asked`);
        }
      }
    }

    const line = await budgetLineFor(trx, context.pack, provision, row.year);
    await reserve(trx, { key: `approve:${id}`, actor: actorLabel(actor), line, caseId: id, amount: granted });
    const updated = await transition(trx, {
      id, to: 'approved', actor, expectedVersion: row.version,
      note: note ?? `approved ${granted} yuan on ${line}`,
      patch: { ...enginePatch(result), granted_yuan: granted, budget_line: line, reviewer_id: actor.id, decided_at: new Date().toISOString(), reason: null },
    });
    await recordDecision(trx, updated, 'approval', evaluation);
    return viewOf(trx, context.pack, updated);
  });
}
