// Beneficiaries: registration with a validated profile, visibility by party, changes by the enterprise with
// the version it saw and one history row per fact (who, when, evidence), and eligibility of the stored profile.
import { describe, expect, it } from 'vitest';
import { seedDemoBeneficiaries } from '../../src/services/demo-beneficiaries.ts';
import { freshCreditCode, highTechFacts, registered } from './fixtures/case-world.ts';
import { approvedCase, fundedLine } from './fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp } from './support.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function multipart(filename: string, content: Buffer) {
  const boundary = '----zhida-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const dialect of dialects) {
  describe(`beneficiaries on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('the admin registers a valid profile; a bad check character or a duplicate is refused', async () => {
      const h = harness();
      const admin = await h.signIn('admin');
      const code = freshCreditCode();
      const profile = { id: code, name: '滨江注册测试有限公司', ...highTechFacts };
      const created = await admin.inject({ method: 'POST', url: '/api/v1/beneficiaries', payload: { profile, bank_name: '中国银行', bank_account: '6216 6102 0000 1234 567' } });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().beneficiary).toMatchObject({ credit_code: code, name: '滨江注册测试有限公司', version: 1, bank_name: '中国银行', bank_account_masked: '***************4567' });
      expect(created.json().beneficiary.profile.recognitions[0].certificate).toBe('GR202533001234');
      expect((await admin.inject({ method: 'POST', url: '/api/v1/beneficiaries', payload: { profile } })).statusCode).toBe(409);
      const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      const bad = await admin.inject({ method: 'POST', url: '/api/v1/beneficiaries', payload: { profile: { ...profile, id: wrongCheck } } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('check character');
      const enterprise = await h.signIn('enterprise', { creditCode: code });
      expect((await enterprise.inject({ method: 'POST', url: '/api/v1/beneficiaries', payload: { profile } })).statusCode).toBe(403);
    });

    it('visibility: own enterprise, auditor, admin; finance from an approved case on; another enterprise 404; a reviewer only with a case of theirs', async () => {
      const h = harness();
      const { code, enterprise } = await registered(h);
      const other = await registered(h);
      const get = (who: { inject: typeof enterprise.inject }) => who.inject({ method: 'GET', url: `/api/v1/beneficiaries/${code}` });
      expect((await get(enterprise)).statusCode).toBe(200);
      for (const role of ['auditor', 'admin'] as const) expect((await get(await h.signIn(role))).statusCode, role).toBe(200);
      // Finance sees a beneficiary only once it has an approved case (to pay it).
      const finance = await h.signIn('finance');
      expect((await get(finance)).statusCode).toBe(404);
      expect((await get(other.enterprise)).statusCode).toBe(404);
      expect((await get(await h.signIn('policy'))).statusCode).toBe(403);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      expect((await get(reviewer)).statusCode).toBe(404);
      const draft = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-new', year: 2025 } });
      await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${draft.json().application.id}/submit`, payload: {} });
      expect((await get(reviewer)).statusCode).toBe(200);
      expect((await get(finance)).statusCode).toBe(404);
      const listed = (await reviewer.inject({ method: 'GET', url: '/api/v1/beneficiaries' })).json().beneficiaries.map((b: { credit_code: string }) => b.credit_code);
      expect(listed).toEqual([code]);
      expect((await other.enterprise.inject({ method: 'GET', url: '/api/v1/beneficiaries' })).statusCode).toBe(403);
      await fundedLine(h, 'BV-2025', 300000);
      const approved = await approvedCase(h, reviewer, 'BV-2025');
      expect((await finance.inject({ method: 'GET', url: `/api/v1/beneficiaries/${approved.code}` })).statusCode).toBe(200);
    });

    it('the enterprise changes facts with the version it saw; history records who, when, before/after and the evidence', async () => {
      const h = harness();
      const { code, enterprise } = await registered(h);
      const upload = await enterprise.inject({ method: 'POST', url: `/api/v1/beneficiaries/${code}/evidence`, ...multipart('营业执照.png', PNG) });
      expect(upload.statusCode, upload.body).toBe(201);
      const evidenceId = upload.json().evidence.id;
      const contracts = [{ id: 'TC-9', registered_on: '2025-06-01', amount: 1_000_000 }];
      const patch = await enterprise.inject({
        method: 'PATCH', url: `/api/v1/beneficiaries/${code}`,
        payload: { facts: { contracts, industrial: null }, expected_version: 1, evidence_id: evidenceId, note: '新登记技术合同' },
      });
      expect(patch.statusCode, patch.body).toBe(200);
      expect(patch.json().beneficiary.version).toBe(2);
      expect(patch.json().beneficiary.profile.contracts).toEqual(contracts);
      expect(patch.json().beneficiary.profile).not.toHaveProperty('industrial');
      const history = (await enterprise.inject({ method: 'GET', url: `/api/v1/beneficiaries/${code}/history` })).json().changes;
      expect(history).toHaveLength(2);
      expect(history.find((c: { fact: string }) => c.fact === 'industrial')).toMatchObject({ version: 2, before: false, after: null, evidence_id: evidenceId, note: '新登记技术合同' });
      const change = history.find((c: { fact: string }) => c.fact === 'contracts');
      expect(change).toMatchObject({ version: 2, before: null, after: contracts, actor: `enterprise:${enterprise.account.username}`, evidence_id: evidenceId });
      expect(Date.parse(change.at)).not.toBeNaN();

      // stale version → 409, nothing changes
      const stale = await enterprise.inject({ method: 'PATCH', url: `/api/v1/beneficiaries/${code}`, payload: { facts: { industrial: true }, expected_version: 1 } });
      expect(stale.statusCode).toBe(409);
      expect((await enterprise.inject({ method: 'GET', url: `/api/v1/beneficiaries/${code}/history` })).json().changes).toHaveLength(2);
      // an invalid fact value names the field; id cannot change; another enterprise's evidence cannot be cited
      const invalid = await enterprise.inject({ method: 'PATCH', url: `/api/v1/beneficiaries/${code}`, payload: { facts: { industrial: 'yes' }, expected_version: 2 } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.message).toContain('profile.industrial');
      expect((await enterprise.inject({ method: 'PATCH', url: `/api/v1/beneficiaries/${code}`, payload: { facts: { id: freshCreditCode() }, expected_version: 2 } })).statusCode).toBe(400);
      const other = await registered(h);
      const foreign = await other.enterprise.inject({ method: 'PATCH', url: `/api/v1/beneficiaries/${other.code}`, payload: { facts: { industrial: true }, expected_version: 1, evidence_id: evidenceId } });
      expect(foreign.statusCode).toBe(400);
      expect((await other.enterprise.inject({ method: 'PATCH', url: `/api/v1/beneficiaries/${code}`, payload: { facts: { industrial: true }, expected_version: 2 } })).statusCode).toBe(404);
    });

    it('eligibility of the stored profile marks provisions that already have an application', async () => {
      const h = harness();
      const { code, enterprise } = await registered(h);
      const draft = (await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-new', year: 2025 } })).json().application;
      const response = await enterprise.inject({ method: 'GET', url: `/api/v1/beneficiaries/${code}/eligibility` });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.year).toBe(2025);
      // 新认定的国家高新技术企业给予30万元奖励 → 300000
      expect(body.results.find((r: { provision: string }) => r.provision === 'hte-new')).toMatchObject({ status: 'eligible', amount: 300000, application_id: draft.id, application_status: 'draft' });
      expect(body.results.find((r: { provision: string }) => r.provision === 'hte-reexam')).toMatchObject({ application_id: null });
      expect((await enterprise.inject({ method: 'GET', url: `/api/v1/beneficiaries/${code}/eligibility?year=2026` })).json().year).toBe(2026);
    });

    it('seeds the two demo beneficiaries once, with valid codes and different awards', async () => {
      const { store } = harness();
      const first = await seedDemoBeneficiaries(store.db, testPack());
      expect(first.map((b) => b.credit_code)).toEqual(['91330108MA2AY1234G', '91330108MA2B05678Y']);
      expect(await seedDemoBeneficiaries(store.db, testPack())).toEqual([]);
    });
  });
}
