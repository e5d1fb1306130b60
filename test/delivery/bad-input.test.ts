// Bad input → 4xx (never 500) with a message naming the field, and nothing persisted: malformed JSON, bodies
// that are not objects, wrong types, missing fields, oversized bodies and files, content types not taken,
// malformed multipart, invalid 统一社会信用代码, amounts past what a line can hold, router refusals, illegal
// moves of a case. Covered elsewhere and not repeated here: invalid account fields incl. a bad credit_code
// (accounts.test), invalid parameter settings (parameters.test), a bad check character at registration
// and invalid profile facts (beneficiaries.test), a case file of the wrong type or over 10 MiB (evidence.test),
// moves of a withdrawn case, a stale version, an unknown provision, a missing event_ref or Idempotency-Key,
// a grant above the engine's (applications.test), a notice closed early and objections too long or not on
// the notice (notices.test), a bank confirmation that does not match (payouts.test), malformed JSON to the
// calculator (test/api/evaluate-api.test).
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishNotice } from '../../src/services/notices.ts';
import { fundLine, freshCreditCode, idem, registered } from './fixtures/case-world.ts';
import { snapshot } from './fixtures/access-world.ts';
import { approvedCase, multipartFile } from './fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp, type SignedIn } from './support.ts';

interface World {
  as: Record<'enterprise' | 'approvedEnterprise' | 'reviewer' | 'finance' | 'admin', SignedIn> & { anonymous: null };
  code: string;
  draftId: string;
  submittedId: string;
  approvedId: string;
  noticeId: string;
}

interface Row {
  name: string;
  as: keyof World['as'];
  request(w: World): InjectOptions;
  status: number;
  code?: string;
  /** In the message or a detail's path: the field (or the thing) that was wrong. */
  names: string;
}

const v1 = '/api/v1';
const json = (method: 'POST' | 'PATCH', url: string, body: string, headers: Record<string, string> = {}): InjectOptions =>
  ({ method, url: `${v1}${url}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({ method: 'POST', url: `${v1}${url}`, payload: payload as InjectOptions['payload'], headers });
const MALFORMED = '{"provision": "hte-new", "year": ';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
/** A code whose 18th character is not its check character. */
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

const ROWS: Row[] = [
  // Malformed JSON and bodies that are not objects.
  { name: 'malformed JSON: new application', as: 'enterprise', request: () => json('POST', '/applications', MALFORMED), status: 400, names: 'JSON' },
  { name: 'malformed JSON: profile change', as: 'enterprise', request: (w) => json('PATCH', `/beneficiaries/${w.code}`, MALFORMED), status: 400, names: 'JSON' },
  { name: 'malformed JSON: approval', as: 'reviewer', request: (w) => json('POST', `/applications/${w.submittedId}/approve`, MALFORMED, idem()), status: 400, names: 'JSON' },
  { name: 'malformed JSON: budget line', as: 'finance', request: () => json('POST', '/budget/lines', MALFORMED), status: 400, names: 'JSON' },
  { name: 'body null', as: 'enterprise', request: () => json('POST', '/applications', 'null'), status: 400, code: 'invalid_request', names: 'body: ' },
  { name: 'body an array', as: 'reviewer', request: (w) => json('POST', `/applications/${w.submittedId}/approve`, '[]', idem()), status: 400, names: 'expected object' },
  // Wrong types.
  { name: 'year as a string', as: 'enterprise', request: () => post('/applications', { provision: 'hte-new', year: '2025' }), status: 400, names: 'body.year' },
  { name: 'requested_yuan fractional', as: 'enterprise', request: () => post('/applications', { provision: 'sme-province-new', year: 2025, requested_yuan: 1.5 }), status: 400, names: 'body.requested_yuan' },
  { name: 'granted_yuan as a string', as: 'reviewer', request: (w) => post(`/applications/${w.submittedId}/approve`, { granted_yuan: '300000' }, idem()), status: 400, names: 'body.granted_yuan' },
  { name: 'granted_yuan zero', as: 'reviewer', request: (w) => post(`/applications/${w.submittedId}/approve`, { granted_yuan: 0 }, idem()), status: 400, names: 'body.granted_yuan' },
  { name: 'amount_yuan fractional', as: 'finance', request: () => post('/budget/lines/D01-2025/allocate', { amount_yuan: 100.5 }, idem()), status: 400, names: 'body.amount_yuan' },
  { name: 'expected_version as a string', as: 'enterprise', request: (w) => ({ method: 'PATCH', url: `${v1}/beneficiaries/${w.code}`, payload: { facts: { industrial: true }, expected_version: '1' } }), status: 400, names: 'body.expected_version' },
  { name: 'application_ids not a list', as: 'reviewer', request: () => post('/notices', { application_ids: 'APP-1' }), status: 400, names: 'body.application_ids' },
  { name: 'objector a number', as: 'anonymous', request: (w) => post(`/notices/${w.noticeId}/objections`, { application_id: 'x', objector: 1, text: '异议' }), status: 400, names: 'body.objector' },
  { name: 'limit not a number', as: 'enterprise', request: () => ({ method: 'GET', url: `${v1}/applications?limit=abc` }), status: 400, names: 'querystring.limit' },
  // Missing fields.
  { name: 'new application without provision and year', as: 'enterprise', request: () => post('/applications', {}), status: 400, names: 'body.provision' },
  { name: 'approval without granted_yuan', as: 'reviewer', request: (w) => post(`/applications/${w.submittedId}/approve`, {}, idem()), status: 400, names: 'body.granted_yuan' },
  { name: 'return without a reason', as: 'reviewer', request: (w) => post(`/applications/${w.submittedId}/return`, {}), status: 400, names: 'body.reason' },
  { name: 'budget line without label', as: 'finance', request: () => post('/budget/lines', { id: 'BAD-2025', year: 2025 }), status: 400, names: 'body.label' },
  // Oversized bodies and files; content types not taken.
  { name: 'JSON body over 1 MiB', as: 'enterprise', request: () => post('/applications', { provision: 'x'.repeat(1024 * 1024), year: 2025 }), status: 413, code: 'payload_too_large', names: 'too large' },
  { name: 'calculator body over 1 MiB (anonymous)', as: 'anonymous', request: () => post('/evaluate', { id: 'x', name: 'x'.repeat(1024 * 1024) }), status: 413, code: 'payload_too_large', names: 'too large' },
  {
    name: 'bank confirmation over 10 MiB', as: 'finance', status: 413, code: 'payload_too_large', names: 'larger than',
    request: () => {
      const file = multipartFile(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'confirmation.csv', 'text/csv');
      return { method: 'POST', url: `${v1}/payouts/PB-none/confirmation`, payload: file.payload, headers: { ...file.headers, ...idem() } };
    },
  },
  { name: 'form-urlencoded to a JSON route', as: 'enterprise', request: () => ({ method: 'POST', url: `${v1}/applications`, payload: 'provision=hte-new&year=2025', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, code: 'unsupported_media_type', names: 'application/json' },
  { name: 'JSON to an upload route', as: 'enterprise', request: (w) => post(`/applications/${w.draftId}/evidence`, { file: 'x' }), status: 415, code: 'unsupported_media_type', names: '"file"' },
  { name: 'own evidence: text named .pdf', as: 'enterprise', request: (w) => ({ method: 'POST', url: `${v1}/beneficiaries/${w.code}/evidence`, ...multipartFile(Buffer.from('not a pdf'), '证书.pdf', 'application/pdf') }), status: 415, code: 'unsupported_media_type', names: 'PDF' },
  { name: 'own evidence: empty file', as: 'enterprise', request: (w) => ({ method: 'POST', url: `${v1}/beneficiaries/${w.code}/evidence`, ...multipartFile(Buffer.alloc(0), 'empty.pdf') }), status: 400, names: 'file' },
  { name: 'multipart without a boundary', as: 'enterprise', request: (w) => ({ method: 'POST', url: `${v1}/beneficiaries/${w.code}/evidence`, payload: 'garbage', headers: { 'content-type': 'multipart/form-data' } }), status: 400, names: 'file' },
  {
    name: 'multipart cut short', as: 'enterprise', status: 400, names: 'file',
    request: (w) => {
      const file = multipartFile(PDF, 'scan.pdf', 'application/pdf');
      return { method: 'POST', url: `${v1}/applications/${w.draftId}/evidence`, payload: (file.payload as Buffer).subarray(0, (file.payload as Buffer).length - 30), headers: file.headers };
    },
  },
  { name: 'bank confirmation multipart without a boundary', as: 'finance', request: () => ({ method: 'POST', url: `${v1}/payouts/PB-none/confirmation`, payload: 'garbage', headers: { 'content-type': 'multipart/form-data', ...idem() } }), status: 400, names: 'file' },
  // Invalid 统一社会信用代码.
  { name: 'credit code: wrong check character', as: 'admin', request: () => post('/beneficiaries', { profile: { id: wrongCheck(freshCreditCode()), name: '错码企业', kind: 'enterprise' } }), status: 400, names: 'profile.id' },
  { name: 'credit code: 17 characters', as: 'admin', request: () => post('/beneficiaries', { profile: { id: freshCreditCode().slice(0, 17), name: '短码企业', kind: 'enterprise' } }), status: 400, names: 'profile.id' },
  { name: 'credit code: letter I', as: 'admin', request: () => post('/beneficiaries', { profile: { id: '91330108MA2AY1234I', name: '错字母企业', kind: 'enterprise' } }), status: 400, names: 'profile.id' },
  { name: 'credit code: lower case', as: 'admin', request: () => post('/beneficiaries', { profile: { id: freshCreditCode().toLowerCase(), name: '小写企业', kind: 'enterprise' } }), status: 400, names: 'profile.id' },
  { name: 'credit code: wrong check character to the calculator', as: 'anonymous', request: () => post('/evaluate', { id: wrongCheck(freshCreditCode()), name: '试算', kind: 'enterprise' }), status: 400, names: 'check' },
  // Money a line cannot hold: 10 000 000 funded + 2^53 − 1 would round.
  { name: 'allocation past 2^53 − 1 yuan', as: 'finance', request: () => post('/budget/lines/D01-2025/allocate', { amount_yuan: Number.MAX_SAFE_INTEGER }, idem()), status: 400, names: 'D01-2025' },
  // The router's refusals, in the same error shape.
  { name: 'bad %-escape in the path', as: 'enterprise', request: () => ({ method: 'GET', url: `${v1}/beneficiaries/%FF` }), status: 400, names: '%FF' },
  { name: 'path parameter over 100 characters', as: 'reviewer', request: () => post(`/applications/${'A'.repeat(101)}/return`, { reason: 'x' }), status: 414, names: 'max' },
  // Illegal moves of a case.
  { name: 'approve a draft (not the reviewer\'s to see)', as: 'reviewer', request: (w) => post(`/applications/${w.draftId}/approve`, { granted_yuan: 300000 }, idem()), status: 404, names: 'not found' },
  { name: 'approve an approved case again', as: 'reviewer', request: (w) => post(`/applications/${w.approvedId}/approve`, { granted_yuan: 300000 }, idem()), status: 409, names: 'approved' },
  { name: 'return an approved case', as: 'reviewer', request: (w) => post(`/applications/${w.approvedId}/return`, { reason: '补充材料' }), status: 409, names: 'approved' },
  { name: 'withdraw after approval', as: 'approvedEnterprise', request: (w) => post(`/applications/${w.approvedId}/withdraw`, {}), status: 409, names: 'approved' },
  { name: 'submit an approved case', as: 'approvedEnterprise', request: (w) => post(`/applications/${w.approvedId}/submit`, {}), status: 409, names: 'approved' },
  { name: 'evidence for an approved case', as: 'approvedEnterprise', request: (w) => ({ method: 'POST', url: `${v1}/applications/${w.approvedId}/evidence`, ...multipartFile(PDF, 'late.pdf', 'application/pdf') }), status: 409, names: 'approved' },
  { name: 'pay a submitted case', as: 'finance', request: (w) => post('/payouts', { application_ids: [w.submittedId] }, idem()), status: 409, names: 'not payable' },
  { name: 'pay an approved case before its notice', as: 'finance', request: (w) => post('/payouts', { application_ids: [w.approvedId] }, idem()), status: 409, names: 'not payable' },
  { name: 'publish a submitted case', as: 'reviewer', request: (w) => post('/notices', { application_ids: [w.submittedId] }), status: 400, names: 'body.application_ids.0' },
];

for (const dialect of dialects) {
  describe(`bad input on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);
    let world: World | undefined;

    beforeAll(async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      const [finance, admin] = [await h.signIn('finance'), await h.signIn('admin')];
      await fundLine(h, 'D01-2025', 10_000_000);
      // 新认定国家高新技术企业 (hte-new): a draft of one enterprise, a submitted case of another.
      const { code, enterprise } = await registered(h);
      const draft = await enterprise.inject({ method: 'POST', url: `${v1}/applications`, payload: { provision: 'hte-new', year: 2025 } });
      const other = await registered(h);
      const created = await other.enterprise.inject({ method: 'POST', url: `${v1}/applications`, payload: { provision: 'hte-new', year: 2025 } });
      const submitted = await other.enterprise.inject({ method: 'POST', url: `${v1}/applications/${created.json().application.id}/submit`, payload: {} });
      expect([draft.statusCode, submitted.statusCode], `${draft.body} ${submitted.body}`).toEqual([201, 200]);
      const approved = await approvedCase(h, reviewer, 'D01-2025');
      const onNotice = await approvedCase(h, reviewer, 'D01-2025');
      const notice = await publishNotice(h.store.db, testPack(), reviewer.actor, { applicationIds: [onNotice.id] });
      world = {
        as: { anonymous: null, enterprise, approvedEnterprise: approved.enterprise, reviewer, finance, admin },
        code, draftId: draft.json().application.id, submittedId: submitted.json().application.id, approvedId: approved.id, noticeId: notice.id,
      };
    });

    for (const row of ROWS) {
      it(`${row.name} → ${row.status}`, async () => {
        const h = harness();
        const w = world!;
        const before = await snapshot(h);
        const caller = w.as[row.as];
        const request = row.request(w);
        const response = caller ? await caller.inject(request) : await h.app.inject(request);
        expect(response.statusCode, response.body.slice(0, 400)).toBe(row.status);
        const { error } = response.json() as { error: { code: string; message: string; details?: { path: string }[] } };
        if (row.code) expect(error.code).toBe(row.code);
        expect(`${error.message} ${(error.details ?? []).map((d) => d.path).join(' ')}`).toContain(row.names);
        expect(await snapshot(h), 'nothing persisted').toEqual(before);
      });
    }
  });
}
