// 免申即享 at the service, on SQLite and PostgreSQL: an import offers 新认定国家高新技术企业 (hte-new) to each
// listed enterprise with the engine's amount; one event pays once across both paths — import-then-apply is
// refused (409, naming the entitlement), apply-then-import offers nothing (the import says why), 20
// concurrent confirmations make exactly one application, a live case of the event lapses the offer; the
// entitled award goes through review, notice and payout to paid, once.
import { describe, expect, it } from 'vitest';
import { approveApplication } from '../../src/services/application-approval.ts';
import { createApplication } from '../../src/services/applications.ts';
import { seedBudgetLinesFromPack } from '../../src/services/budget.ts';
import { demoBankConfirmationCsv } from '../../src/services/demo-bank.ts';
import { confirmEntitlement, declineEntitlement } from '../../src/services/entitlement-confirm.ts';
import { entitlementDetail, inbox } from '../../src/services/entitlements.ts';
import { ServiceError } from '../../src/services/errors.ts';
import { closeNotice, publishNotice } from '../../src/services/notices.ts';
import { applyConfirmation } from '../../src/services/payout-confirmation.ts';
import { buildBatch } from '../../src/services/payouts.ts';
import { dialects, useDeliveryApp } from '../delivery/support.ts';
import { BANK, enterprises, importListed, offerOf, policy } from './support.ts';

// 「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」: 30万元 for 新认定.
const HTE_NEW_YUAN = 300_000;

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe.each(dialects)('entitlements on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('an import offers hte-new at 300,000 yuan to each listed enterprise, with an inbox message; the same file again offers nothing new', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const listed = await enterprises(h, 1000, 3);
    const result = await importListed(h, reviewer, listed);
    expect(result.offers).toEqual({ offered: 3, skipped: [], newly_eligible: 0 });
    for (const l of listed) {
      const row = await h.store.db.selectFrom('entitlements').selectAll().where('credit_code', '=', l.code).execute();
      expect(row).toHaveLength(1);
      expect(row[0]).toMatchObject({ provision: 'hte-new', year: 2025, status: 'offered', engine_status: 'eligible', engine_amount_kind: 'exact', import_id: result.id, event_ref: 'once' });
      expect(Number(row[0]!.engine_amount_yuan)).toBe(HTE_NEW_YUAN);
      const box = await inbox(h.store.db, l.enterprise.actor);
      expect(box.unread).toBe(1);
      expect(box.messages[0]).toMatchObject({ kind: 'entitlement', link: `/me/entitlements/${row[0]!.id}` });
      expect(box.messages[0]!.title).toContain('300,000元');
    }
    const again = await importListed(h, reviewer, listed);
    expect(again).toMatchObject({ id: result.id, replayed: true, offers: { offered: 3 } });
    const total = await h.store.db.selectFrom('entitlements').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', result.id).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(3);
    // The list imported again in the other mode (another import): the facts are there already, nothing changes, nothing is offered.
    const other = await importListed(h, reviewer, listed, 'hte-again.csv', 'all-or-nothing');
    expect(other.replayed).toBe(false);
    expect(other.offers).toEqual({ offered: 0, skipped: [], newly_eligible: 0 });
    expect(other.affected).toEqual([]);
  });

  it('another award the recognition opens gets a 新可申报 message linking to its apply page; one open before gets none', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [insured, sme] = await enterprises(h, 1050, 2);
    // 「对科创平台、科技型中小企业、高新技术企业购买的研发类科技保险、科技成果转化保险，按上级资助给予配套资助」: the higher-level
    // grant is there, the recognition was missing; the ratio is unset, so it opens as eligible with the amount pending.
    const grant = [{ kind: 'superior-tech-insurance-grant', year: 2025, amount: 50000 }];
    for (const [l, extra] of [[insured!, {}], [sme!, { recognitions: [{ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2025-03-01' }] }]] as const) {
      const profile = { id: l.code, name: l.name, kind: 'enterprise', grants_received: grant, ...extra };
      await h.store.db.updateTable('beneficiaries').set({ profile: JSON.stringify(profile) }).where('credit_code', '=', l.code).execute();
    }
    const result = await importListed(h, reviewer, [insured!, sme!]);
    expect(result.offers).toEqual({ offered: 2, skipped: [], newly_eligible: 1 });
    const messages = (await inbox(h.store.db, insured!.enterprise.actor)).messages;
    expect(messages.map((m) => [m.kind, m.link])).toEqual(expect.arrayContaining([['newly-eligible', '/me/apply/tech-insurance-matching'], ['entitlement', expect.stringMatching(/^\/me\/entitlements\/ENT-/)]]));
    expect(messages.find((m) => m.kind === 'newly-eligible')!.title).toMatch(/^新可申报：/);
    // The S&T SME held the insurance matching already: only its offer.
    expect((await inbox(h.store.db, sme!.enterprise.actor)).messages.map((m) => m.kind)).toEqual(['entitlement']);
  });

  it('apply then import: no offer, and the import says why; import then apply: 409 naming the entitlement', async () => {
    const h = harness();
    const { pack, calculator } = await policy();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [applied, entitled] = await enterprises(h, 1100, 2);
    const draft = await createApplication(h.store.db, { pack, calculator }, applied!.enterprise.actor, { provision: 'hte-new', year: 2025 });
    const result = await importListed(h, reviewer, [applied!, entitled!]);
    expect(result.offers?.offered).toBe(1);
    expect(result.offers?.skipped).toEqual([{ credit_code: applied!.code, provision: 'hte-new', reason: `application ${draft.id} (draft) already claims this event` }]);
    expect(await offerOf(h, applied!.code)).toBeUndefined();

    const offer = await offerOf(h, entitled!.code);
    const error = await refusal(createApplication(h.store.db, { pack, calculator }, entitled!.enterprise.actor, { provision: 'hte-new', year: 2025 }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`entitlement ${offer!.id}`);
    expect(error.message).toContain('confirm the entitlement instead');
    // hte-reexam is the same event (E01: one certificate is new or re-examined, never both).
    expect((await refusal(createApplication(h.store.db, { pack, calculator }, entitled!.enterprise.actor, { provision: 'hte-reexam', year: 2025 }))).code).toBe('conflict');
  });

  it('20 concurrent confirmations make exactly one submitted application; all answer with it', async () => {
    const h = harness();
    const context = await policy();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [l] = await enterprises(h, 1200, 1);
    await importListed(h, reviewer, [l!]);
    const offer = (await offerOf(h, l!.code))!;
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirmEntitlement(h.store.db, context, l!.enterprise.actor, offer.id, { ...BANK, pledge: true })));
    const cases = await h.store.db.selectFrom('applications').selectAll().where('credit_code', '=', l!.code).execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: 'submitted', provision: 'hte-new', applicant_id: l!.enterprise.account.id, requested_yuan: HTE_NEW_YUAN });
    expect(new Set(answers.map((a) => a.application_id))).toEqual(new Set([cases[0]!.id]));
    expect(answers.every((a) => a.status === 'confirmed')).toBe(true);
    const decisions = await h.store.db.selectFrom('application_decisions').selectAll().where('application_id', '=', cases[0]!.id).execute();
    expect(decisions.map((d) => [d.stage, d.status, Number(d.amount_yuan)])).toEqual([['submission', 'eligible', HTE_NEW_YUAN]]);
    const events = await h.store.db.selectFrom('application_events').selectAll().where('application_id', '=', cases[0]!.id).orderBy('id').execute();
    expect(events.map((e) => e.to_status)).toEqual(['draft', 'submitted']);
    const beneficiary = await h.store.db.selectFrom('beneficiaries').selectAll().where('credit_code', '=', l!.code).executeTakeFirstOrThrow();
    expect(beneficiary.bank_account).toBe(BANK.bank_account);
    const bankChange = await h.store.db.selectFrom('profile_changes').selectAll().where('credit_code', '=', l!.code).where('fact', '=', 'bank').execute();
    expect(bankChange).toHaveLength(1);
    const row = await h.store.db.selectFrom('entitlements').selectAll().where('id', '=', offer.id).executeTakeFirstOrThrow();
    expect(row.pledge).toContain('信用惩戒');
    expect(row.confirmed_by).toBe(l!.enterprise.account.id);
  });

  it('refuses bad answers naming the field; another enterprise gets 404; a declined entitlement cannot be confirmed', async () => {
    const h = harness();
    const context = await policy();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [a, b] = await enterprises(h, 1300, 2);
    await importListed(h, reviewer, [a!, b!]);
    const offer = (await offerOf(h, a!.code))!;
    const pledge = await refusal(confirmEntitlement(h.store.db, context, a!.enterprise.actor, offer.id, { ...BANK, pledge: false }));
    expect(pledge.details?.[0]?.path).toBe('pledge');
    const bank = await refusal(confirmEntitlement(h.store.db, context, a!.enterprise.actor, offer.id, { ...BANK, bank_account: '12AB', pledge: true }));
    expect(bank.details?.[0]?.path).toBe('bank_account');
    const email = await refusal(confirmEntitlement(h.store.db, context, a!.enterprise.actor, offer.id, { ...BANK, contact_email: 'not-mail', pledge: true }));
    expect(email.details?.[0]?.path).toBe('contact_email');
    expect((await refusal(confirmEntitlement(h.store.db, context, b!.enterprise.actor, offer.id, { ...BANK, pledge: true }))).code).toBe('not-found');
    expect((await refusal(confirmEntitlement(h.store.db, context, a!.enterprise.actor, 'ENT-unknown', { ...BANK, pledge: true }))).code).toBe('not-found');
    expect((await refusal(declineEntitlement(h.store.db, context, a!.enterprise.actor, offer.id, ' '))).details?.[0]?.path).toBe('reason');
    expect(await offerOf(h, a!.code)).toMatchObject({ status: 'offered' });

    const declined = await declineEntitlement(h.store.db, context, a!.enterprise.actor, offer.id, '本企业已另行申报');
    expect(declined).toMatchObject({ status: 'declined', reason: '本企业已另行申报' });
    const late = await refusal(confirmEntitlement(h.store.db, context, a!.enterprise.actor, offer.id, { ...BANK, pledge: true }));
    expect(late.code).toBe('conflict');
    expect(late.message).toContain('is declined');
    expect(await h.store.db.selectFrom('applications').select('id').where('credit_code', '=', a!.code).execute()).toEqual([]);
  });

  it('a live case of the event lapses the offer at confirmation (409, with the reason)', async () => {
    const h = harness();
    const context = await policy();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [l] = await enterprises(h, 1400, 1);
    await importListed(h, reviewer, [l!]);
    const offer = (await h.store.db.selectFrom('entitlements').selectAll().where('credit_code', '=', l!.code).executeTakeFirstOrThrow());
    // A case of the same event that got in by another way (an older client, a data fix).
    const now = new Date().toISOString();
    await h.store.db.insertInto('applications').values({
      id: 'APP-other-way', credit_code: l!.code, provision: 'hte-new', department: '科技局', year: 2025, event_key: offer.event_key, event_ref: 'once', status: 'submitted',
      requested_yuan: null, engine_status: 'eligible', engine_amount_yuan: HTE_NEW_YUAN, engine_amount_kind: 'exact', granted_yuan: null, budget_line: null,
      applicant_id: l!.enterprise.account.id, reviewer_id: null, payer_id: null, reason: null, notice_id: null, notice_ends_on: null,
      created_at: now, updated_at: now, submitted_at: now, decided_at: null, paid_at: null,
    }).execute();
    const error = await refusal(confirmEntitlement(h.store.db, context, l!.enterprise.actor, offer.id, { ...BANK, pledge: true }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('lapsed');
    expect(await offerOf(h, l!.code)).toMatchObject({ status: 'lapsed', reason: 'application APP-other-way (submitted) already claims this event: one event pays once' });
  });

  it('the entitled award goes through review, notice and payout to paid, once', async () => {
    const h = harness();
    const context = await policy();
    await seedBudgetLinesFromPack(h.store.db, context.pack);
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const finance = await h.signIn('finance');
    const [l] = await enterprises(h, 1500, 1);
    const listImport = await importListed(h, reviewer, [l!]);
    const offer = (await offerOf(h, l!.code))!;
    const detail = await entitlementDetail(h.store.db, context.calculator, l!.enterprise.actor, offer.id);
    expect(detail).toMatchObject({ amount_yuan: HTE_NEW_YUAN, import: { id: listImport.id, file_name: 'hte.csv' } });
    expect(detail.result?.quote).toBe('对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励');
    const confirmed = await confirmEntitlement(h.store.db, context, l!.enterprise.actor, offer.id, { ...BANK, pledge: true });
    const id = confirmed.application_id!;
    await approveApplication(h.store.db, context, reviewer.actor, id, { granted_yuan: HTE_NEW_YUAN });
    const notice = await publishNotice(h.store.db, context.pack, reviewer.actor, { applicationIds: [id], today: '2025-12-22' });
    await closeNotice(h.store.db, context.pack, reviewer.actor, notice.id, '2026-01-05');
    const { batch } = await buildBatch(h.store.db, finance.actor, `ent-${id}`, [id]);
    await applyConfirmation(h.store.db, finance.actor, batch.id, Buffer.from(await demoBankConfirmationCsv(h.store.db, finance.actor, batch.id), 'utf8'));
    const paid = await h.store.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(paid).toMatchObject({ status: 'paid', granted_yuan: HTE_NEW_YUAN });
    const again = await refusal(createApplication(h.store.db, context, l!.enterprise.actor, { provision: 'hte-new', year: 2025 }));
    expect(again.message).toContain('already has an application');
    const detailForReviewer = await h.app.inject({ method: 'GET', url: `/api/v1/applications/${id}`, headers: reviewer.headers });
    expect(detailForReviewer.json().origin).toMatchObject({ kind: 'entitlement', entitlement_id: offer.id, import: { id: listImport.id, file_name: 'hte.csv' } });
  });
});
