// The access policy of every route, written out by hand: who may call it and whether enterprise users and
// reviewers reach only their own party's objects. The matrix (access-matrix.test.ts) holds the app to it,
// and fails when the app has a route this table does not list, so a new route needs its line here.
import type { InjectOptions } from 'fastify';
import type { Role } from '../../src/services/actor.ts';
import type { AccessWorld } from './fixtures/access-world.ts';
import { multipartFile, newCreditCode } from './fixtures/money-cases.ts';

export interface RouteAccess {
  /** anyone: anonymous callers too; signed-in: any account with a session; else these roles. */
  who: 'anyone' | 'signed-in' | readonly Role[];
  /**
   * object: an enterprise user reaches only its own beneficiary's objects and a reviewer only its own
   * department's, so party B's enterprise and 经信局's reviewer are refused party A's (403 or 404);
   * list: they are answered, but with none of party A's data.
   */
  own?: 'object' | 'list';
  /** The status another party gets when not 403/404 (named with the reason). */
  otherPartyStatus?: number;
  /** A POST that changes nothing (the calculator): called for allowed callers like a GET. */
  safe?: boolean;
  /**
   * A public write (who: anyone) is not made for real: anonymous sends this instead, which changes nothing
   * (an invalid body; signing out without a session) and must get this status, not 401 or 403.
   */
  probe?: { request(w: AccessWorld): InjectOptions; status: number };
  /** The request, aimed at party A's object; a valid body, so that only who calls can be the reason for a refusal. */
  request(w: AccessWorld): InjectOptions;
}

const v1 = '/api/v1';
const get = (url: string) => (): InjectOptions => ({ method: 'GET', url: `${v1}${url}` });
const key = () => ({ 'idempotency-key': `access-${Math.random().toString(36).slice(2)}` });
const pdf = Buffer.from('%PDF-1.7\nbody\n%%EOF\n');
const csv = Buffer.from('序号,业务编号,收款人名称,收款人账号,金额,支付状态,银行流水号\r\n');
const hteList = () => Buffer.from(`统一社会信用代码,企业名称,证书编号,发证日期\r\n${newCreditCode()},未注册企业,GR202533009999,2025-12-19\r\n`);
const library = (url: string): RouteAccess => ({ who: 'anyone', request: get(`/policy${url}`) });
const reviewerOf = (request: RouteAccess['request']): RouteAccess => ({ who: ['reviewer'], own: 'object', request });
const TARGET_READERS = ['leader', 'reviewer', 'policy', 'auditor', 'finance', 'admin'] as const;

export const ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': { who: 'anyone', request: () => ({ method: 'GET', url: '/api/health' }) },

  // The policy library and the calculator: public.
  'GET /api/v1/policy': library(''),
  'GET /api/v1/policy/stats': library('/stats'),
  'GET /api/v1/policy/domains': library('/domains'),
  'GET /api/v1/policy/domains/:number': library('/domains/2'),
  'GET /api/v1/policy/articles': library('/articles?domain=2'),
  'GET /api/v1/policy/articles/:number': library('/articles/13'),
  'GET /api/v1/policy/provisions': library('/provisions?status=unset'),
  'GET /api/v1/policy/provisions/:id': library('/provisions/M02'),
  'GET /api/v1/policy/tax-preferences': library('/tax-preferences'),
  'GET /api/v1/policy/targets': library('/targets'),
  'GET /api/v1/policy/budgets': library('/budgets'),
  'GET /api/v1/policy/departments': library('/departments'),
  'GET /api/v1/policy/departments/:id': library('/departments/kjj'),
  'GET /api/v1/policy/search': library('/search?q=研发'),
  'POST /api/v1/evaluate': {
    who: 'anyone', safe: true,
    request: () => ({ method: 'POST', url: `${v1}/evaluate?view=summary`, payload: { id: newCreditCode(), name: '试算企业', kind: 'enterprise' } }),
  },
  'GET /api/v1/schema/profile': { who: 'anyone', request: get('/schema/profile') },
  // Parameters are the pack's (the library's); impact counts cases by status, never names them.
  'GET /api/v1/parameters': { who: 'anyone', request: get('/parameters') },
  'GET /api/v1/parameters/:id/impact': { who: 'anyone', request: get('/parameters/rd-grant-matching.ratio/impact') },
  'POST /api/v1/parameters/:id/settings': {
    who: ['policy'],
    request: () => ({ method: 'POST', url: `${v1}/parameters/rd-grant-matching.ratio/settings`, payload: { value: 50, effective_from: '2025-01-01', document: '杭高新〔2025〕99号' } }),
  },

  // Signing in.
  'POST /api/v1/auth/login': {
    who: 'anyone', request: () => ({ method: 'POST', url: `${v1}/auth/login`, payload: { username: 'nobody', password: 'wrong' } }),
    probe: { request: () => ({ method: 'POST', url: `${v1}/auth/login`, payload: { username: 'nobody' } }), status: 400 },
  },
  'POST /api/v1/auth/logout': {
    who: 'anyone', request: () => ({ method: 'POST', url: `${v1}/auth/logout` }),
    probe: { request: () => ({ method: 'POST', url: `${v1}/auth/logout` }), status: 204 },
  },
  'POST /api/v1/auth/totp': { who: 'signed-in', request: () => ({ method: 'POST', url: `${v1}/auth/totp`, payload: { code: '123456' } }) },
  'GET /api/v1/auth/me': { who: 'signed-in', request: get('/auth/me') },
  'POST /api/v1/auth/totp/enrol': { who: 'signed-in', request: () => ({ method: 'POST', url: `${v1}/auth/totp/enrol` }) },
  'POST /api/v1/auth/totp/confirm': { who: 'signed-in', request: () => ({ method: 'POST', url: `${v1}/auth/totp/confirm`, payload: { code: '123456' } }) },
  'POST /api/v1/auth/password': {
    who: 'signed-in', request: () => ({ method: 'POST', url: `${v1}/auth/password`, payload: { current_password: 'x', new_password: 'a long enough new password' } }),
  },

  // Accounts: the administrator.
  'GET /api/v1/accounts': { who: ['admin'], request: get('/accounts') },
  'POST /api/v1/accounts': {
    who: ['admin'],
    request: () => ({ method: 'POST', url: `${v1}/accounts`, payload: { username: `new-${Math.random().toString(36).slice(2, 8)}`, display_name: '新审核员', role: 'reviewer', password: 'a long enough password', department: '科技局' } }),
  },
  'POST /api/v1/accounts/:id/disable': { who: ['admin'], request: (w) => ({ method: 'POST', url: `${v1}/accounts/${w.a.accountId}/disable` }) },
  'POST /api/v1/accounts/:id/enable': { who: ['admin'], request: (w) => ({ method: 'POST', url: `${v1}/accounts/${w.a.accountId}/enable` }) },
  'POST /api/v1/accounts/:id/unlock': { who: ['admin'], request: (w) => ({ method: 'POST', url: `${v1}/accounts/${w.a.accountId}/unlock` }) },

  // Beneficiaries: registered by the admin; read by the enterprise itself, the reviewer of a department
  // with a case of it, finance, the auditor and the admin; changed by the enterprise itself.
  'POST /api/v1/beneficiaries': {
    who: ['admin'], request: () => ({ method: 'POST', url: `${v1}/beneficiaries`, payload: { profile: { id: newCreditCode(), name: '新登记企业', kind: 'enterprise' } } }),
  },
  'GET /api/v1/beneficiaries': { who: ['admin', 'auditor', 'reviewer'], own: 'list', request: get('/beneficiaries') },
  'GET /api/v1/beneficiaries/:code': { who: ['enterprise', 'reviewer', 'finance', 'auditor', 'admin'], own: 'object', request: (w) => get(`/beneficiaries/${w.a.code}`)() },
  'PATCH /api/v1/beneficiaries/:code': {
    who: ['enterprise'], own: 'object',
    request: (w) => ({ method: 'PATCH', url: `${v1}/beneficiaries/${w.a.code}`, payload: { facts: { industrial: true }, expected_version: 1 } }),
  },
  'GET /api/v1/beneficiaries/:code/history': { who: ['enterprise', 'reviewer', 'finance', 'auditor', 'admin'], own: 'object', request: (w) => get(`/beneficiaries/${w.a.code}/history`)() },
  'GET /api/v1/beneficiaries/:code/eligibility': { who: ['enterprise', 'reviewer', 'finance', 'auditor', 'admin'], own: 'object', request: (w) => get(`/beneficiaries/${w.a.code}/eligibility`)() },
  'POST /api/v1/beneficiaries/:code/evidence': {
    who: ['enterprise'], own: 'object', request: (w) => ({ method: 'POST', url: `${v1}/beneficiaries/${w.a.code}/evidence`, ...multipartFile(pdf, 'x.pdf', 'application/pdf') }),
  },

  // Applications: the enterprise its own; a reviewer its department's (not drafts); finance approved onwards; the auditor all.
  'POST /api/v1/applications': { who: ['enterprise'], request: () => ({ method: 'POST', url: `${v1}/applications`, payload: { provision: 'sme-province-new', year: 2025 } }) },
  'GET /api/v1/applications': { who: ['enterprise', 'reviewer', 'finance', 'auditor'], own: 'list', request: get('/applications') },
  'GET /api/v1/applications/:id': { who: ['enterprise', 'reviewer', 'finance', 'auditor'], own: 'object', request: (w) => get(`/applications/${w.a.caseId}`)() },
  'POST /api/v1/applications/:id/submit': { who: ['enterprise'], own: 'object', request: (w) => ({ method: 'POST', url: `${v1}/applications/${w.a.caseId}/submit`, payload: {} }) },
  'POST /api/v1/applications/:id/withdraw': { who: ['enterprise'], own: 'object', request: (w) => ({ method: 'POST', url: `${v1}/applications/${w.a.caseId}/withdraw`, payload: {} }) },
  'POST /api/v1/applications/:id/return': reviewerOf((w) => ({ method: 'POST', url: `${v1}/applications/${w.a.caseId}/return`, payload: { reason: '请补充材料' } })),
  'POST /api/v1/applications/:id/reject': reviewerOf((w) => ({ method: 'POST', url: `${v1}/applications/${w.a.caseId}/reject`, payload: { reason: '不符合条件' } })),
  'POST /api/v1/applications/:id/approve': reviewerOf((w) => ({ method: 'POST', url: `${v1}/applications/${w.a.caseId}/approve`, headers: key(), payload: { granted_yuan: 1000 } })),
  'POST /api/v1/applications/:id/evidence': {
    who: ['enterprise'], own: 'object', request: (w) => ({ method: 'POST', url: `${v1}/applications/${w.a.caseId}/evidence`, ...multipartFile(pdf, 'x.pdf', 'application/pdf') }),
  },
  'GET /api/v1/evidence/:id': { who: ['enterprise', 'reviewer', 'finance', 'auditor'], own: 'object', request: (w) => get(`/evidence/${w.a.evidenceId}`)() },

  // Budget: finance manages; the auditor reads; the policy office sees the lines.
  'GET /api/v1/populations': { who: ['policy', 'finance'], request: get('/populations') },
  'POST /api/v1/simulations': { who: ['policy', 'finance'], request: () => ({ method: 'POST', url: `${v1}/simulations`, payload: { population: 'access-world' } }) },
  'POST /api/v1/populations': { who: ['policy'], request: () => ({ method: 'POST', url: `${v1}/populations`, payload: { name: 'access-new', size: 2, seed: 1 } }) },
  'POST /api/v1/simulations/jobs': { who: ['policy', 'finance'], request: () => ({ method: 'POST', url: `${v1}/simulations/jobs`, payload: { population: 'access-world' } }) },
  // A job is seen only by the account that started it: the world's is the policy officer's, so finance
  // (allowed its own jobs, test/simulation/jobs.test.ts) is refused this one with 403 like the other roles.
  'GET /api/v1/simulations/jobs/:id': { who: ['policy'], request: (w) => get(`/simulations/jobs/${w.simulationJobId}`)() },
  'GET /api/v1/simulations/jobs/:id/xlsx': { who: ['policy'], request: (w) => get(`/simulations/jobs/${w.simulationJobId}/xlsx`)() },
  'DELETE /api/v1/simulations/jobs/:id': { who: ['policy'], request: (w) => ({ method: 'DELETE', url: `${v1}/simulations/jobs/${w.simulationJobId}` }) },
  // Editions: the policy office drafts and publishes; finance, leadership and the auditor read; what-if is a simulation.
  'GET /api/v1/editions': { who: ['policy', 'finance', 'leader', 'auditor'], request: get('/editions') },
  'GET /api/v1/editions/:id': { who: ['policy', 'finance', 'leader', 'auditor'], request: (w) => get(`/editions/${w.editionId}`)() },
  'GET /api/v1/editions/:id/diff': { who: ['policy', 'finance', 'leader', 'auditor'], request: (w) => get(`/editions/${w.editionId}/diff`)() },
  'POST /api/v1/editions': {
    who: ['policy'],
    request: () => ({ method: 'POST', url: `${v1}/editions`, payload: { id: 'access-new', title: '访问测试版本', period: { from: '2025-07-01', to: '2025-12-31' }, reform: { 'hte-new.amount': 350000 } } }),
  },
  'POST /api/v1/editions/:id/what-if': { who: ['policy', 'finance'], request: (w) => ({ method: 'POST', url: `${v1}/editions/${w.editionId}/what-if`, payload: { population: 'access-world' } }) },
  'POST /api/v1/editions/:id/publish': { who: ['policy'], request: (w) => ({ method: 'POST', url: `${v1}/editions/${w.editionId}/publish`, payload: {} }) },
  'GET /api/v1/budget/lines': { who: ['finance', 'auditor', 'policy'], request: get('/budget/lines') },
  'POST /api/v1/budget/lines': { who: ['finance'], request: () => ({ method: 'POST', url: `${v1}/budget/lines`, payload: { id: 'ACL-NEW-2025', year: 2025, label: '新预算指标' } }) },
  'POST /api/v1/budget/lines/:id/allocate': { who: ['finance'], request: (w) => ({ method: 'POST', url: `${v1}/budget/lines/${w.line}/allocate`, headers: key(), payload: { amount_yuan: 1000 } }) },
  'GET /api/v1/budget/lines/:id/movements': { who: ['finance', 'auditor'], request: (w) => get(`/budget/lines/${w.line}/movements`)() },
  'GET /api/v1/budget/reservations': { who: ['finance', 'auditor'], request: get('/budget/reservations') },

  // Payouts: finance; the auditor reads.
  'GET /api/v1/payouts/payable': { who: ['finance'], request: get('/payouts/payable') },
  'POST /api/v1/payouts': { who: ['finance'], request: () => ({ method: 'POST', url: `${v1}/payouts`, headers: key(), payload: {} }) },
  'GET /api/v1/payouts': { who: ['finance', 'auditor'], request: get('/payouts') },
  'GET /api/v1/payouts/:id': { who: ['finance', 'auditor'], request: (w) => get(`/payouts/${w.c.batchId}`)() },
  'GET /api/v1/payouts/:id/treasury.xlsx': { who: ['finance', 'auditor'], request: (w) => get(`/payouts/${w.c.batchId}/treasury.xlsx`)() },
  'POST /api/v1/payouts/:id/confirmation': {
    who: ['finance'], request: (w) => {
      const file = multipartFile(csv, 'confirmation.csv', 'text/csv');
      return { method: 'POST', url: `${v1}/payouts/${w.c.batchId}/confirmation`, payload: file.payload, headers: { ...file.headers, ...key() } };
    },
  },

  // Public notice: anyone reads and objects; the reviewer of the department publishes, resolves and closes.
  'POST /api/v1/notices': {
    // Another department's case is refused like a missing one (400 naming the id sent), not 404: publishNotice
    // checks every id of the list at once.
    ...reviewerOf((w) => ({ method: 'POST', url: `${v1}/notices`, payload: { application_ids: [w.a.caseId] } })), otherPartyStatus: 400,
  },
  'GET /api/v1/notices': { who: 'anyone', request: get('/notices') },
  'GET /api/v1/notices/:id': { who: 'anyone', request: (w) => get(`/notices/${w.a.noticeId}`)() },
  'GET /api/v1/notices/:id/xlsx': { who: 'anyone', request: (w) => get(`/notices/${w.a.noticeId}/xlsx`)() },
  'POST /api/v1/notices/:id/objections': {
    who: 'anyone', request: (w) => ({ method: 'POST', url: `${v1}/notices/${w.a.noticeId}/objections`, payload: { application_id: w.a.caseId, objector: '路人', text: '有异议' } }),
    probe: { request: (w) => ({ method: 'POST', url: `${v1}/notices/${w.a.noticeId}/objections`, payload: { application_id: w.a.caseId, objector: '路人' } }), status: 400 },
  },
  'POST /api/v1/objections/:id/resolve': reviewerOf((w) => ({ method: 'POST', url: `${v1}/objections/${w.a.objectionId}/resolve`, payload: { decision: 'dismissed', resolution: '经核实无误' } })),
  'POST /api/v1/notices/:id/close': reviewerOf((w) => ({ method: 'POST', url: `${v1}/notices/${w.a.noticeId}/close` })),

  // Audit: the auditor.
  'GET /api/v1/audit': { who: ['auditor'], request: get('/audit') },
  'GET /api/v1/audit/verify': { who: ['auditor'], request: get('/audit/verify') },

  // Targets (目标责任): readers of targets see every target, report and the dashboard (aggregates, no party's
  // data); a department reports on the targets it is responsible for and decomposes those of the domain it leads.
  'GET /api/v1/targets': { who: TARGET_READERS, request: get('/targets') },
  'GET /api/v1/targets/reminders': { who: TARGET_READERS, request: get('/targets/reminders') },
  'GET /api/v1/targets/:id': { who: TARGET_READERS, request: get('/targets/K07') },
  'POST /api/v1/targets/:id/reports': reviewerOf(() => ({ method: 'POST', url: `${v1}/targets/K07/reports`, payload: { value: 12, asOf: '2025-07-31' } })),
  'POST /api/v1/targets/:id/evidence': reviewerOf(() => ({ method: 'POST', url: `${v1}/targets/K07/evidence`, ...multipartFile(pdf, 'K07-7月.pdf', 'application/pdf') })),
  'GET /api/v1/targets/:id/evidence/:sha256': { who: TARGET_READERS, request: (w) => get(`/targets/K07/evidence/${w.targetEvidence}`)() },
  'PUT /api/v1/targets/:id/assignments': reviewerOf(() => ({ method: 'PUT', url: `${v1}/targets/K07/assignments`, payload: { parts: [{ unit: '科技局', share: 100, owner: '王科长' }] } })),
  'GET /api/v1/dashboard': { who: TARGET_READERS, request: get('/dashboard') },
  'GET /api/v1/dashboard/articles/:id': { who: TARGET_READERS, request: get('/dashboard/articles/A06') },
  'GET /api/v1/dashboard.xlsx': { who: TARGET_READERS, request: get('/dashboard.xlsx') },

  // Official lists (名单导入): the list's department imports (科技局 for 新认定高新技术企业; finance for the credit
  // list) with the admin; readers see the imports of the kinds they may import, the auditor all.
  'POST /api/v1/imports': {
    ...reviewerOf(() => ({ method: 'POST', url: `${v1}/imports?kind=high-tech-new-2025&mode=skip-bad`, ...multipartFile(hteList(), 'list.csv', 'text/csv') })), who: ['reviewer', 'admin'],
  },
  'GET /api/v1/imports': { who: ['reviewer', 'finance', 'admin', 'auditor'], own: 'list', request: get('/imports') },
  'GET /api/v1/imports/:id': { who: ['reviewer', 'admin', 'auditor'], own: 'object', request: (w) => get(`/imports/${w.importId}`)() },
  'GET /api/v1/imports/:id/report': { who: ['reviewer', 'admin', 'auditor'], own: 'object', request: (w) => get(`/imports/${w.importId}/report`)() },

  // Entitlements (免申即享): the enterprise reads and answers its own; a reviewer reads its department's, the
  // auditor all; the import's readers list what an import offered. The inbox is the enterprise's own.
  'GET /api/v1/me/entitlements': { who: ['enterprise'], own: 'list', request: get('/me/entitlements') },
  'GET /api/v1/entitlements': { who: ['reviewer', 'auditor'], own: 'list', request: get('/entitlements') },
  'GET /api/v1/entitlements/:id': { who: ['enterprise', 'reviewer', 'auditor'], own: 'object', request: (w) => get(`/entitlements/${w.a.entitlementId}`)() },
  'POST /api/v1/entitlements/:id/confirm': {
    who: ['enterprise'], own: 'object',
    request: (w) => ({ method: 'POST', url: `${v1}/entitlements/${w.a.entitlementId}/confirm`, payload: { bank_name: '中国银行杭州滨江支行', bank_account: '6222000011112222333', pledge: true } }),
  },
  'POST /api/v1/entitlements/:id/decline': {
    who: ['enterprise'], own: 'object', request: (w) => ({ method: 'POST', url: `${v1}/entitlements/${w.a.entitlementId}/decline`, payload: { reason: '已通过其他渠道申报' } }),
  },
  'GET /api/v1/imports/:id/entitlements': { who: ['reviewer', 'admin', 'auditor'], own: 'object', request: (w) => get(`/imports/${w.importId}/entitlements`)() },
  'GET /api/v1/me/inbox': { who: ['enterprise'], own: 'list', request: get('/me/inbox') },
  'POST /api/v1/me/inbox/:id/read': { who: ['enterprise'], own: 'object', request: (w) => ({ method: 'POST', url: `${v1}/me/inbox/${w.a.inboxId}/read` }) },

  // Demo mode only.
  'GET /api/v1/demo': { who: 'anyone', request: get('/demo') },
  'POST /api/v1/demo/notices/:id/end-period': reviewerOf((w) => ({ method: 'POST', url: `${v1}/demo/notices/${w.a.noticeId}/end-period` })),
  'GET /api/v1/demo/payouts/:id/bank-confirmation.csv': { who: ['finance'], request: (w) => get(`/demo/payouts/${w.c.batchId}/bank-confirmation.csv`)() },
};

/** The routes anonymous callers reach: the library, the calculator, public notices, and signing in. */
export const PUBLIC_ROUTES = Object.entries(ACCESS).filter(([, access]) => access.who === 'anyone').map(([route]) => route).sort();
