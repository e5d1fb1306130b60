// Offering entitlements (免申即享) after an official list's import, in the import's transaction: the engine
// runs over the beneficiaries whose facts changed, before and after. For the provisions the list kind
// entitles, each eligible event not yet claimed becomes an entitlement `offered` with the engine's amount;
// an event with a live application (or an open offer) is skipped, and the import says why. Every other
// provision that became eligible (eligible after, not before) gets an inbox message "新可申报" — the policy
// finds the enterprise. Each offer gets an inbox message too, and an e-mail in the outbox when the
// beneficiary has a contact address (sent after commit: mail.ts).
import { createHash, randomUUID } from 'node:crypto';
import { screenProfile } from '../core/engine/summary.ts';
import type { Pack } from '../core/pack.ts';
import type { Profile } from '../core/profile.ts';
import type { Db } from '../store/database.ts';
import type { BeneficiaryRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { CLOSED_STATUS_LIST } from './application-state.ts';
import { defaultEventRef, eventKey, packProvision } from './applications.ts';
import { appendAudit, canonicalJson } from './audit.ts';
import type { OfferReport } from './entitlement-views.ts';
import type { Calculator } from './evaluation.ts';
import type { ListKind } from './list-import-kinds.ts';
import { effectiveCalculator } from './parameter-settings.ts';

export interface OfferContext {
  pack: Pack;
  calculator: Calculator;
}

/** What an offer needs of its beneficiary (not the profile: an import of 100,000 rows keeps only this). */
export type OfferBeneficiary = Pick<BeneficiaryRow, 'credit_code' | 'name' | 'contact_email'>;

interface PlannedOffer {
  id: string;
  beneficiary: OfferBeneficiary;
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
  newlyEligible: { beneficiary: OfferBeneficiary; provision: string }[];
}

/** Eligible in the policy's sense: with its amount, or with the amount waiting on a parameter the policy office sets. */
const OPEN = new Set(['eligible', 'pending']);

const yuan = (n: number | null): string => (n === null ? '金额待定' : `${n.toLocaleString('en-US')}元`);

/** The plan of an import that offers nothing (no affected beneficiary, or a kind without a year). */
export const emptyOfferPlan = (): OfferPlan => ({ report: { offered: 0, skipped: [], newly_eligible: 0 }, offers: [], newlyEligible: [] });

type Candidate = { code: string; kind: 'skip'; provision: string; reason: string } | { code: string; kind: 'offer'; offer: PlannedOffer } | { code: string; kind: 'new'; beneficiary: OfferBeneficiary; provision: string };

/**
 * Plans the offers of an import beneficiary by beneficiary, decided before the import row is written so that
 * the row can state them. add() screens one beneficiary before and after with the compiled rules (statuses and
 * amounts: what the plan decides on); flush() checks the events against live applications and open
 * entitlements, 500 at a time, in the order they were added (the import adds them by credit code).
 */
export class OfferPlanner {
  readonly plan: OfferPlan = emptyOfferPlan();
  private pending: Candidate[] = [];
  private readonly entitled: Set<string>;

  private constructor(private readonly trx: Db, private readonly context: OfferContext, private readonly calculator: Calculator, private readonly year: number, kind: ListKind) {
    this.entitled = new Set(kind.entitles);
  }

  /** undefined when the kind offers nothing (no year). */
  static async start(trx: Db, context: OfferContext, kind: ListKind): Promise<OfferPlanner | undefined> {
    if (kind.year === undefined) return undefined;
    return new OfferPlanner(trx, context, await effectiveCalculator(trx, context.calculator), kind.year, kind);
  }

  /** One affected beneficiary, its profile before and after the import (both valid: stored profiles are). */
  async add(beneficiary: OfferBeneficiary, before: Profile, after: Profile): Promise<void> {
    const { year } = this;
    const options = { year };
    const now = screenProfile(this.calculator.pack, this.calculator.rules, after, options);
    const eligibleBefore = new Set(screenProfile(this.calculator.pack, this.calculator.rules, before, options).filter((r) => OPEN.has(r.status)).map((r) => r.provision));
    const code = beneficiary.credit_code;
    for (const result of now) {
      if (this.entitled.has(result.provision)) {
        if (result.status !== 'eligible') {
          this.pending.push({ code, kind: 'skip', provision: result.provision, reason: `the engine says ${result.status}, not eligible` });
          continue;
        }
        const provision = packProvision(this.context.pack, result.provision);
        const eventRef = defaultEventRef(provision, year, undefined);
        this.pending.push({
          code, kind: 'offer', offer: {
            id: `ENT-${randomUUID()}`, beneficiary, provision: provision.id, department: provision.department, year, event_key: eventKey(provision, code, eventRef), event_ref: eventRef,
            engine_status: result.status, amount: result.amount ?? null, amount_kind: result.amount_kind ?? null,
          },
        });
      } else if (OPEN.has(result.status) && !eligibleBefore.has(result.provision)) {
        this.pending.push({ code, kind: 'new', beneficiary, provision: result.provision });
      }
    }
    if (this.pending.length >= 500) await this.flush();
  }

  /** Decides the candidates added so far; call once more at the end. */
  async flush(): Promise<OfferPlan> {
    const candidates = this.pending;
    this.pending = [];
    const keys = [...new Set(candidates.flatMap((c) => (c.kind === 'offer' ? [c.offer.event_key] : [])))];
    const live = new Map<string, { id: string; status: string }>();
    const open = new Map<string, { id: string; status: string }>();
    if (keys.length > 0) {
      // The first found per event, as the one-by-one query's executeTakeFirst (an event has one live case at most).
      for (const a of await this.trx.selectFrom('applications').select(['id', 'status', 'event_key']).where('event_key', 'in', keys).where('status', 'not in', CLOSED_STATUS_LIST).execute()) if (!live.has(a.event_key)) live.set(a.event_key, a);
      for (const e of await this.trx.selectFrom('entitlements').select(['id', 'status', 'event_key']).where('event_key', 'in', keys).where('status', 'in', ['offered', 'confirmed']).execute()) if (!open.has(e.event_key)) open.set(e.event_key, e);
    }
    const { plan } = this;
    for (const c of candidates) {
      if (c.kind === 'skip') plan.report.skipped.push({ credit_code: c.code, provision: c.provision, reason: c.reason });
      else if (c.kind === 'new') plan.newlyEligible.push({ beneficiary: c.beneficiary, provision: c.provision });
      else {
        const application = live.get(c.offer.event_key);
        const entitlement = open.get(c.offer.event_key);
        if (application) plan.report.skipped.push({ credit_code: c.code, provision: c.offer.provision, reason: `application ${application.id} (${application.status}) already claims this event` });
        else if (entitlement) plan.report.skipped.push({ credit_code: c.code, provision: c.offer.provision, reason: `entitlement ${entitlement.id} (${entitlement.status}) already covers this event` });
        else plan.offers.push(c.offer);
      }
    }
    plan.report.offered = plan.offers.length;
    plan.report.newly_eligible = plan.newlyEligible.length;
    return plan;
  }
}

type InboxInsert = { credit_code: string; kind: 'entitlement' | 'newly-eligible'; title: string; body: string; link: string; created_at: string; read_at: null };
type OutboxInsert = { recipient: string; subject: string; body: string; status: 'pending'; last_error: null; created_at: string; sent_at: null };

/** Multi-row INSERTs, 500 rows each. */
async function insertAll<T>(values: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < values.length; i += 500) await insert(values.slice(i, i + 500));
}

/**
 * Writes the planned offers, their inbox messages and e-mails, after the import row exists, with multi-row
 * INSERTs. The audit log gets one entitlement.offer record per import (count, total, a SHA-256 digest of the
 * offers in order), not one per offer: the chain's head moves one record per statement, so 100,000 records
 * would be 100,000 round trips. Every offer stays visible to the auditor: it is a row of entitlements citing
 * the import (with the engine's status and amount), and the facts behind it are in profile_changes.
 */
export async function writeOffers(trx: Db, context: OfferContext, actor: Actor, importId: string, fileName: string, plan: OfferPlan): Promise<void> {
  const at = new Date().toISOString();
  let inbox: InboxInsert[] = [];
  let outbox: OutboxInsert[] = [];
  // Messages go out 500 at a time, so that 100,000 offers never have all their texts in memory at once.
  const flush = async (all = false) => {
    if (inbox.length >= 500 || (all && inbox.length > 0)) await trx.insertInto('inbox_messages').values(inbox).execute();
    if (outbox.length >= 500 || (all && outbox.length > 0)) await trx.insertInto('mail_outbox').values(outbox).execute();
    if (inbox.length >= 500 || all) inbox = [];
    if (outbox.length >= 500 || all) outbox = [];
  };
  const message = async (beneficiary: OfferBeneficiary, kind: InboxInsert['kind'], title: string, body: string, link: string) => {
    inbox.push({ credit_code: beneficiary.credit_code, kind, title, body, link, created_at: at, read_at: null });
    if (beneficiary.contact_email) {
      outbox.push({ recipient: beneficiary.contact_email, subject: `【直达】${title}`, body: `${beneficiary.name}：\n\n${body}\n\n请登录直达查看：${link}\n`, status: 'pending', last_error: null, created_at: at, sent_at: null });
    }
    await flush();
  };
  const label = actorLabel(actor);
  const digest = createHash('sha256');
  let total = 0;
  await insertAll(plan.offers, (chunk) => trx.insertInto('entitlements').values(chunk.map((offer) => ({
    id: offer.id, credit_code: offer.beneficiary.credit_code, provision: offer.provision, department: offer.department, year: offer.year,
    event_key: offer.event_key, event_ref: offer.event_ref, import_id: importId, engine_status: offer.engine_status,
    engine_amount_yuan: offer.amount, engine_amount_kind: offer.amount_kind, status: 'offered' as const, application_id: null, reason: null, pledge: null,
    created_at: at, updated_at: at, decided_at: null, confirmed_by: null,
  }))).execute());
  for (const offer of plan.offers) {
    const provision = packProvision(context.pack, offer.provision);
    const title = `免申即享：${provision.title.zh} ${yuan(offer.amount)}待确认`;
    const body = `根据名单导入（${fileName}），贵单位符合${provision.title.zh}条件，无需申报。请确认收款账户并作出信用承诺后领取。`;
    await message(offer.beneficiary, 'entitlement', title, body, `/me/entitlements/${offer.id}`);
    digest.update(`${canonicalJson({ id: offer.id, credit_code: offer.beneficiary.credit_code, provision: offer.provision, year: offer.year, event_key: offer.event_key, amount_yuan: offer.amount })}\n`);
    total += offer.amount ?? 0;
  }
  for (const { beneficiary, provision: id } of plan.newlyEligible) {
    const provision = packProvision(context.pack, id);
    await message(beneficiary, 'newly-eligible', `新可申报：${provision.title.zh}`, `名单导入（${fileName}）更新了贵单位的资质信息，贵单位现可申报${provision.title.zh}。`, `/me/apply/${id}`);
  }
  await flush(true);
  if (plan.offers.length > 0) {
    await appendAudit(trx, {
      actor: label, action: 'entitlement.offer', subject: `list-import:${importId}`,
      after: { status: 'offered', import_id: importId, offered: plan.offers.length, amount_yuan_total: total, pending_amounts: plan.offers.filter((o) => o.amount === null).length, offers_sha256: digest.digest('hex') },
    });
  }
  if (plan.newlyEligible.length > 0) {
    await appendAudit(trx, {
      actor: label, action: 'inbox.newly-eligible', subject: `list-import:${importId}`,
      after: { messages: plan.newlyEligible.map((n) => `${n.beneficiary.credit_code}:${n.provision}`) },
    });
  }
}
