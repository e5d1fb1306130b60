// The entitlement API: the enterprise lists, reads (amount, trace, import) and answers its own; bad input
// is 4xx naming the field; another enterprise gets 404; a reviewer lists its department's, by import; the
// inbox counts unread messages and marks them read. The import's answer states its offers.
import { describe, expect, it } from 'vitest';
import { dialects, useDeliveryApp } from '../delivery/support.ts';
import { HTE_HEADER, multipartList, utf8Csv } from '../imports/support.ts';
import { BANK, enterprises } from './support.ts';

describe.each(dialects)('entitlement API on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('import → offers → the enterprise confirms once; bad input is refused naming the field', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const otherReviewer = await h.signIn('reviewer', { department: '经信局' });
    const [a, b] = await enterprises(h, 2000, 2);
    const list = utf8Csv([HTE_HEADER, [a!.code, a!.name, a!.certificate, '2025-12-19'], [b!.code, b!.name, b!.certificate, '2025-12-19']]);
    const imported = await reviewer.inject({ method: 'POST', url: '/api/v1/imports', ...multipartList({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, list, '名单.csv') });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().offers).toEqual({ offered: 2, skipped: [], newly_eligible: 0 });
    const importId = imported.json().id as string;

    const mine = await a!.enterprise.inject({ method: 'GET', url: '/api/v1/me/entitlements' });
    expect(mine.json().entitlements).toHaveLength(1);
    const offer = mine.json().entitlements[0];
    expect(offer).toMatchObject({ credit_code: a!.code, provision: 'hte-new', amount_yuan: 300000, status: 'offered', import: { id: importId, file_name: '名单.csv' } });
    const detail = await a!.enterprise.inject({ method: 'GET', url: `/api/v1/entitlements/${offer.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ bank_account: '1202021309900012345', result: { status: 'eligible', amount: 300000 } });
    expect((await b!.enterprise.inject({ method: 'GET', url: `/api/v1/entitlements/${offer.id}` })).statusCode).toBe(404);
    expect((await otherReviewer.inject({ method: 'GET', url: `/api/v1/entitlements/${offer.id}` })).statusCode).toBe(404);

    const confirm = (payload: unknown) => a!.enterprise.inject({ method: 'POST', url: `/api/v1/entitlements/${offer.id}/confirm`, payload: payload as Record<string, unknown> });
    const noPledge = await confirm({ ...BANK });
    expect(noPledge.statusCode).toBe(400);
    expect(noPledge.body).toContain('pledge');
    const badBank = await confirm({ ...BANK, bank_account: 'abc', pledge: true });
    expect(badBank.statusCode).toBe(400);
    expect(badBank.json().error.details[0].path).toBe('bank_account');
    expect((await a!.enterprise.inject({ method: 'POST', url: '/api/v1/entitlements/ENT-nope/confirm', payload: { ...BANK, pledge: true } })).statusCode).toBe(404);

    const first = await confirm({ ...BANK, contact_email: 'caiwu@example.com', pledge: true });
    expect(first.statusCode).toBe(200);
    const second = await confirm({ ...BANK, contact_email: 'caiwu@example.com', pledge: true });
    expect(second.json().entitlement.application_id).toBe(first.json().entitlement.application_id);
    expect(first.json().entitlement).toMatchObject({ status: 'confirmed', application_status: 'submitted' });

    const declineByB = await b!.enterprise.inject({ method: 'POST', url: `/api/v1/entitlements/${offer.id}/decline`, payload: { reason: '不是我们的' } });
    expect(declineByB.statusCode).toBe(404);
    const byImport = await reviewer.inject({ method: 'GET', url: `/api/v1/entitlements?import=${importId}` });
    expect(byImport.json().entitlements.map((e: { status: string }) => e.status).sort()).toEqual(['confirmed', 'offered']);
    expect((await reviewer.inject({ method: 'GET', url: `/api/v1/imports/${importId}/entitlements` })).json().entitlements).toHaveLength(2);
    expect((await otherReviewer.inject({ method: 'GET', url: '/api/v1/entitlements' })).json().entitlements).toEqual([]);

    const box = await b!.enterprise.inject({ method: 'GET', url: '/api/v1/me/inbox' });
    expect(box.json().unread).toBe(1);
    const messageId = box.json().messages[0].id as number;
    expect((await a!.enterprise.inject({ method: 'POST', url: `/api/v1/me/inbox/${messageId}/read` })).statusCode).toBe(404);
    const read = await b!.enterprise.inject({ method: 'POST', url: `/api/v1/me/inbox/${messageId}/read` });
    expect(read.json().message.read_at).toEqual(expect.any(String));
    expect((await b!.enterprise.inject({ method: 'GET', url: '/api/v1/me/inbox' })).json().unread).toBe(0);
  });

  it('the enterprise sets its contact e-mail with its profile (history kept); a bad one is refused naming the field', async () => {
    const h = harness();
    const [a] = await enterprises(h, 2100, 1);
    const patch = (payload: Record<string, unknown>) => a!.enterprise.inject({ method: 'PATCH', url: `/api/v1/beneficiaries/${a!.code}`, payload });
    const bad = await patch({ expected_version: 1, contact_email: 'caiwu at example' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('contact_email');
    const set = await patch({ expected_version: 1, contact_email: 'caiwu@example.com' });
    expect(set.statusCode).toBe(200);
    expect(set.json().changes).toMatchObject([{ fact: 'contact_email', before: null, after: 'caiwu@example.com', version: 2 }]);
    expect((await h.store.db.selectFrom('beneficiaries').select('contact_email').where('credit_code', '=', a!.code).executeTakeFirstOrThrow()).contact_email).toBe('caiwu@example.com');
  });
});
