// No one where they don't belong: every route of the app × every caller (anonymous, party A's enterprise
// and 科技局 reviewer, party B's enterprise and 经信局 reviewer, finance, policy, auditor, admin), aimed at
// party A's objects. A caller the policy (access-policy.ts) does not allow gets 401 (anonymous) or 403, another
// party 403/404 (or, on a list, none of A's rows), and never A's data; a refused request changes no row.
// Allowed reads answer 200, so a route that refuses everyone would fail too.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, PUBLIC_ROUTES, type RouteAccess } from './access-policy.ts';
import { buildAccessWorld, CALLERS, roleOf, snapshot, type AccessWorld, type Caller } from './fixtures/access-world.ts';
import { dialects } from './support.ts';

type Expectation =
  | { kind: 'allowed' }
  | { kind: 'refused'; statuses: number[] }
  /** Answered, but with none of party A's (or C's) data. */
  | { kind: 'filtered' };

const OTHER_PARTY: ReadonlySet<Caller> = new Set(['otherEnterprise', 'otherReviewer']);

function expectation(access: RouteAccess, caller: Caller): Expectation {
  if (access.who === 'anyone') return { kind: 'allowed' };
  const role = roleOf(caller);
  if (role === null) return { kind: 'refused', statuses: [401] };
  if (access.who === 'signed-in') return { kind: 'allowed' };
  if (!access.who.includes(role)) return { kind: 'refused', statuses: [403] };
  if (access.own && OTHER_PARTY.has(caller)) {
    if (access.own === 'list') return { kind: 'filtered' };
    return { kind: 'refused', statuses: access.otherPartyStatus ? [access.otherPartyStatus] : [403, 404] };
  }
  return { kind: 'allowed' };
}

/** Party A's and C's data that a refused or filtered answer must not hold (unless the caller sent it). */
const partySecrets = (w: AccessWorld): string[] => [
  w.a.code, w.a.name, w.a.bankAccount, w.a.caseId, w.a.evidenceId, w.a.objectionContact, w.a.objectionText,
  w.c.code, w.c.name, w.c.bankAccount, w.c.caseId, w.c.batchId,
];
/** What no public answer holds: full credit codes and bank accounts, the objector's contact and text. */
const neverPublic = (w: AccessWorld): string[] => [
  w.a.code, w.a.bankAccount, w.a.objectionContact, w.a.objectionText, w.a.evidenceId, w.c.code, w.c.bankAccount, w.c.batchId,
];

function leaked(response: LightMyRequestResponse, secrets: string[], sent: string): string[] {
  const body = response.body;
  return secrets.filter((s) => !sent.includes(s) && body.includes(s));
}

const isRead = (method: string | undefined) => (method ?? 'GET') === 'GET';

for (const dialect of dialects) {
  describe(`access matrix on ${dialect.name}`, () => {
    let world: AccessWorld | undefined;
    const w = () => {
      if (!world) throw new Error('the access world was not built');
      return world;
    };
    beforeAll(async () => { world = await buildAccessWorld(dialect); });
    afterAll(async () => { await world?.close(); });

    it('the policy table lists exactly the routes the app has', () => {
      const routes = [...w().routes].sort();
      const listed = Object.keys(ACCESS).sort();
      // A route missing from the table has no declared access: add its line to access-policy.ts.
      expect(routes.filter((r) => !listed.includes(r)), 'routes of the app missing from ACCESS').toEqual([]);
      expect(listed.filter((r) => !routes.includes(r)), 'routes in ACCESS the app does not have').toEqual([]);
      expect(routes.length).toBeGreaterThan(60);
    });

    it('anonymous callers reach only the library, the calculator, public notices and signing in', () => {
      const allowed = [
        /^GET \/api\/health$/, /^GET \/api\/v1\/policy(\/|$)/, /^POST \/api\/v1\/evaluate$/, /^GET \/api\/v1\/schema\/profile$/,
        /^GET \/api\/v1\/parameters(\/:id\/impact)?$/, /^GET \/api\/v1\/notices(\/:id(\/xlsx)?)?$/, /^POST \/api\/v1\/notices\/:id\/objections$/,
        /^POST \/api\/v1\/auth\/(login|logout)$/, /^GET \/api\/v1\/demo$/,
      ];
      expect(PUBLIC_ROUTES.filter((r) => !allowed.some((pattern) => pattern.test(r)))).toEqual([]);
      // 14 library routes + health, evaluate, schema, 2 parameter reads, 3 notice reads, objections, login, logout, demo
      expect(PUBLIC_ROUTES).toHaveLength(26);
    });

    for (const [route, access] of Object.entries(ACCESS)) {
      it(route, async () => {
        const world = w();
        const method = route.split(' ')[0];
        const before = isRead(method) ? undefined : await snapshot(world);
        const seen: string[] = [];
        for (const caller of CALLERS) {
          const expected = expectation(access, caller);
          // Allowed writes are the area tests' business: here they would change the world the other rows see.
          if (expected.kind === 'allowed' && !isRead(method) && !access.safe) continue;
          const options = access.request(world);
          const sent = `${options.url as string} ${typeof options.payload === 'string' || Buffer.isBuffer(options.payload) ? options.payload.toString() : JSON.stringify(options.payload ?? '')}`;
          const response = await world.app.inject({ ...options, headers: { ...world.headers[caller], ...(options.headers ?? {}) } });
          const label = `${route} as ${caller}: ${response.statusCode} ${response.body.slice(0, 300)}`;
          seen.push(`${caller}:${response.statusCode}`);
          if (expected.kind === 'refused') {
            expect(expected.statuses, label).toContain(response.statusCode);
            expect(response.json().error.message, label).toEqual(expect.any(String));
            expect(leaked(response, partySecrets(world), sent), label).toEqual([]);
          } else if (expected.kind === 'filtered') {
            expect(response.statusCode, label).toBe(200);
            expect(leaked(response, partySecrets(world), sent), label).toEqual([]);
          } else {
            expect(response.statusCode, label).toBe(200);
            if (access.who === 'anyone') expect(leaked(response, neverPublic(world), sent), label).toEqual([]);
          }
        }
        if (access.probe) {
          const response = await world.app.inject(access.probe.request(world));
          seen.push(`anonymous probe:${response.statusCode}`);
          expect(response.statusCode, `${route} probe as anonymous: ${response.body.slice(0, 300)}`).toBe(access.probe.status);
        }
        if (before) expect(await snapshot(world), `${route}: a refused request changed the database or the evidence files`).toEqual(before);
        expect(seen.length, `${route}: no caller was tried`).toBeGreaterThan(0);
      });
    }

    it('allowed callers see party A\'s case and filtered lists hold it for A\'s own side only', async () => {
      const world = w();
      const list = async (caller: Caller) => (await world.app.inject({ method: 'GET', url: '/api/v1/applications', headers: world.headers[caller] })).json().applications.map((a: { id: string }) => a.id) as string[];
      // A's case is in notice: its enterprise, its department's reviewer, finance (approved onwards) and the auditor list it.
      for (const caller of ['enterprise', 'reviewer', 'finance', 'auditor'] as const) expect(await list(caller), caller).toContain(world.a.caseId);
      // B's side lists B's case and not A's.
      for (const caller of ['otherEnterprise', 'otherReviewer'] as const) {
        const ids = await list(caller);
        expect(ids, caller).toEqual([world.b.caseId]);
      }
      const beneficiaries = async (caller: Caller) => (await world.app.inject({ method: 'GET', url: '/api/v1/beneficiaries', headers: world.headers[caller] })).json().beneficiaries.map((b: { credit_code: string }) => b.credit_code) as string[];
      expect((await beneficiaries('reviewer')).sort()).toEqual([world.a.code, world.c.code].sort());
      expect(await beneficiaries('otherReviewer')).toEqual([world.b.code]);
    });
  });
}
