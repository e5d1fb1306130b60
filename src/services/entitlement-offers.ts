// Offering entitlements (免申即享) after an official list's import, in the import's transaction: the engine
// runs over the beneficiaries whose facts changed, before and after. For the provisions the list kind
// entitles, each eligible event not yet claimed becomes an entitlement `offered` with the engine's amount;
// an event with a live application (or an open offer) is skipped, and the import says why. Every other
// provision that became eligible (eligible after, not before) gets an inbox message "新可申报" — the policy
// finds the enterprise. Each offer gets an inbox message too, and an e-mail in the outbox when the
// beneficiary has a contact address (sent after commit: mail.ts).
import { randomUUID } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import type { Profile } from '../core/profile.ts';
import type { Db } from '../store/database.ts';
import type { BeneficiaryRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { defaultEventRef, eventKey, packProvision } from './applications.ts';
import { appendAudit } from './audit.ts';
import type { OfferReport } from './entitlement-views.ts';
import type { Calculator } from './evaluation.ts';
import type { ListKind } from './list-import-kinds.ts';
import { effectiveCalculator } from './parameter-settings.ts';

export interface OfferContext {
  pack: Pack;
  calculator: Calculator;
}

interface PlannedOffer {
  id: string;
  beneficiary: BeneficiaryRow;
  provision: string;
  department: string;
  year: number;
  event_key: string;
  event_ref: string;
  engine_status: string;
  amount: number | null;
  amount_kind: string | null;
}

export interface OfferPlan {
  report: OfferReport;
  offers: PlannedOffer[];
  newlyEligible: { beneficiary: BeneficiaryRow; provision: string }[];
}

const LIVE_EXCLUDED = ['rejected', 'withdrawn'] as const;
/** Eligible in the policy's sense: with its amount, or with the amount waiting on a parameter the policy office sets. */
const OPEN = new Set(['eligible', 'pending']);

const yuan = (n: number | null): string => (n === null ? '金额待定' : `${n.toLocaleString('en-US')}元`);

/** What the import will offer: decided before the import row is written, so the row can state it. */
export async function planOffers(trx: Db, context: OfferContext, kind: ListKind, affected: string[], before: Map<string, Profile>, after: Map<string, BeneficiaryRow>): Promise<OfferPlan> {
  const plan: OfferPlan = { report: { offered: 0, skipped: [], newly_eligible: 0 }, offers: [], newlyEligible: [] };
  if (kind.year === undefined || affected.length === 0) return plan;
  const year = kind.year;
  const calculator = await effectiveCalculator(trx, context.calculator);
  const entitled = new Set(kind.entitles);
  for (const code of affected) {
    const beneficiary = after.get(code);
    const was = before.get(code);
    if (!beneficiary || !was) continue;
    const now = calculator.summarise(JSON.parse(beneficiary.profile), { year });
    const then = calculator.summarise(was, { year });
    if (!now.ok || !then.ok) continue;
    const eligibleBefore = new Set(then.summary.results.filter((r) => OPEN.has(r.status)).map((r) => r.provision));
    for (const result of now.summary.results) {
      if (entitled.has(result.provision)) {
        if (result.status !== 'eligible') {
          plan.report.skipped.push({ credit_code: code, provision: result.provision, reason: `the engine says ${result.status}, not eligible` });
          continue;
        }
        const provision = packProvision(context.pack, result.provision);
        const eventRef = defaultEventRef(provision, year, undefined);
        const key = eventKey(provision, code, eventRef);
        const live = await trx.selectFrom('applications').select(['id', 'status']).where('event_key', '=', key).where('status', 'not in', LIVE_EXCLUDED).executeTakeFirst();
        if (live) {
          plan.report.skipped.push({ credit_code: code, provision: provision.id, reason: `application ${live.id} (${live.status}) already claims this event` });
          continue;
        }
        const open = await trx.selectFrom('entitlements').select(['id', 'status']).where('event_key', '=', key).where('status', 'in', ['offered', 'confirmed']).executeTakeFirst();
        if (open) {
          plan.report.skipped.push({ credit_code: code, provision: provision.id, reason: `entitlement ${open.id} (${open.status}) already covers this event` });
          continue;
        }
        plan.offers.push({
          id: `ENT-${randomUUID()}`, beneficiary, provision: provision.id, department: provision.department, year, event_key: key, event_ref: eventRef,
          engine_status: result.status, amount: result.amount ?? null, amount_kind: result.amount_kind ?? null,
        });
      } else if (OPEN.has(result.status) && !eligibleBefore.has(result.provision)) {
        plan.newlyEligible.push({ beneficiary, provision: result.provision });
      }
    }
  }
  plan.report.offered = plan.offers.length;
  plan.report.newly_eligible = plan.newlyEligible.length;
  return plan;
}

/** Writes the planned offers, their inbox messages and e-mails, after the import row exists. */
export async function writeOffers(trx: Db, context: OfferContext, actor: Actor, importId: string, fileName: string, plan: OfferPlan): Promise<void> {
  const at = new Date().toISOString();
  for (const offer of plan.offers) {
    const provision = packProvision(context.pack, offer.provision);
    await trx.insertInto('entitlements').values({
      id: offer.id, credit_code: offer.beneficiary.credit_code, provision: offer.provision, department: offer.department, year: offer.year,
      event_key: offer.event_key, event_ref: offer.event_ref, import_id: importId, engine_status: offer.engine_status,
      engine_amount_yuan: offer.amount, engine_amount_kind: offer.amount_kind, status: 'offered', application_id: null, reason: null, pledge: null,
      created_at: at, updated_at: at, decided_at: null, confirmed_by: null,
    }).execute();
    const title = `免申即享：${provision.title.zh} ${yuan(offer.amount)}待确认`;
    const body = `根据名单导入（${fileName}），贵单位符合${provision.title.zh}条件，无需申报。请确认收款账户并作出信用承诺后领取。`;
    await message(trx, offer.beneficiary, 'entitlement', title, body, `/me/entitlements/${offer.id}`, at);
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'entitlement.offer', subject: `entitlement:${offer.id}`,
      after: { status: 'offered', credit_code: offer.beneficiary.credit_code, provision: offer.provision, year: offer.year, event_key: offer.event_key, amount_yuan: offer.amount, import_id: importId },
    });
  }
  for (const { beneficiary, provision: id } of plan.newlyEligible) {
    const provision = packProvision(context.pack, id);
    await message(trx, beneficiary, 'newly-eligible', `新可申报：${provision.title.zh}`,
      `名单导入（${fileName}）更新了贵单位的资质信息，贵单位现可申报${provision.title.zh}。`, `/me/apply/${id}`, at);
  }
  if (plan.newlyEligible.length > 0) {
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'inbox.newly-eligible', subject: `list-import:${importId}`,
      after: { messages: plan.newlyEligible.map((n) => `${n.beneficiary.credit_code}:${n.provision}`) },
    });
  }
}

async function message(trx: Db, beneficiary: BeneficiaryRow, kind: 'entitlement' | 'newly-eligible', title: string, body: string, link: string, at: string): Promise<void> {
  await trx.insertInto('inbox_messages').values({ credit_code: beneficiary.credit_code, kind, title, body, link, created_at: at, read_at: null }).execute();
  if (beneficiary.contact_email) {
    await trx.insertInto('mail_outbox').values({
      recipient: beneficiary.contact_email, subject: `【直达】${title}`, body: `${beneficiary.name}：\n\n${body}\n\n请登录直达查看：${link}\n`,
      status: 'pending', last_error: null, created_at: at, sent_at: null,
    }).execute();
  }
}
