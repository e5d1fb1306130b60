// The targets API on SQLite and PostgreSQL: who may read and report, a report and its correction
// (append-only, audited), the refusals that persist nothing, the lead department's decomposition,
// reminders and the derived K01.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../src/services/audit.ts';
import { dialects, useDeliveryApp, type DeliveryHarness } from '../delivery/support.ts';
import { addBeneficiary, multipartFile } from '../delivery/fixtures/money-cases.ts';

const reportCount = async (h: DeliveryHarness): Promise<number> =>
  Number((await h.store.db.selectFrom('target_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(dialects)('targets API on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('lets signed-in offices read the 71 targets and 8 milestones; anonymous 401, an enterprise 403', async () => {
    const h = harness();
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/targets' })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(401);
    const { enterprise } = await addBeneficiary(h);
    expect((await enterprise.inject({ method: 'GET', url: '/api/v1/targets' })).statusCode).toBe(403);
    expect((await enterprise.inject({ method: 'GET', url: '/api/v1/targets/K07' })).statusCode).toBe(403);
    expect((await enterprise.inject({ method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(403);
    const leader = await h.signIn('leader');
    const list = await leader.inject({ method: 'GET', url: '/api/v1/targets?asOf=2025-06-30' });
    expect(list.statusCode).toBe(200);
    const targets = list.json().targets as { id: string; kind: string }[];
    expect(targets.filter((t) => t.kind === 'target')).toHaveLength(71);
    expect(targets.filter((t) => t.kind === 'milestone').map((t) => t.id)).toEqual(['KM1', 'KM2', 'KM3', 'KM4', 'KM5', 'KM6', 'KM7', 'KM8']);
    expect(list.json().rule.zh).toContain('进度滞后');
    const k01 = targets.find((t) => t.id === 'K01');
    expect(k01).toMatchObject({ article: null, domain: 'd2', lead: '经信局', responsible: ['经信局'], derived: true });
    const k06 = targets.find((t) => t.id === 'K06');
    expect(k06).toMatchObject({ target: { value: 0.6667, numerator: 2, denominator: 3, unit: 'share', firmness: 'firm', marker: '确保' } });
    const k12 = targets.find((t) => t.id === 'K12');
    expect(k12).toMatchObject({ article: 'A15', domain: 'd2', responsible: ['经信局', '发改局', '科技局'], lead: '经信局', target: { value: 80, unit: '家', direction: '=', firmness: 'soft', marker: '力争' } });
    // Filters: article, domain, department (responsible or lead).
    const a06 = await leader.inject({ method: 'GET', url: '/api/v1/targets?article=A06' });
    expect(a06.json().targets.map((t: { id: string }) => t.id)).toEqual(['K07', 'K08']);
    const kjj = await leader.inject({ method: 'GET', url: `/api/v1/targets?department=${encodeURIComponent('科技局')}` });
    expect(kjj.json().targets.map((t: { id: string }) => t.id)).toEqual(['K07', 'K08', 'K12', 'K13', 'K14', 'K15']);
    const bad = await leader.inject({ method: 'GET', url: `/api/v1/targets?department=${encodeURIComponent('宇宙局')}` });
    expect(bad.statusCode).toBe(400);
    expect((await leader.inject({ method: 'GET', url: '/api/v1/targets/K99' })).statusCode).toBe(404);
  });

  it('takes a report from a responsible department and a correction that supersedes it; both audited, the table append-only', async () => {
    const h = harness();
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const first = await kejiju.inject({
      method: 'POST', url: '/api/v1/targets/K07/reports',
      payload: { value: 18, asOf: '2025-06-30', note: '上半年', evidenceUrl: 'https://example.org/k07-h1.pdf' },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      targetId: 'K07', unit: '科技局', value: 18, asOf: '2025-06-30', note: '上半年', evidence: { url: 'https://example.org/k07-h1.pdf' },
      reportedBy: `reviewer:${kejiju.account.username}`, supersedes: null, supersededBy: null, demo: false,
    });
    const leader = await h.signIn('leader');
    // 40 × 181/365 = 19.8356 expected on 30 June; 18 is at risk (≥ 15.8685).
    const before = await leader.inject({ method: 'GET', url: '/api/v1/targets/K07?asOf=2025-07-05' });
    expect(before.json()).toMatchObject({
      latest: { value: 18, asOf: '2025-06-30', reportId: first.json().id, by: '科技局' },
      pace: { status: 'at-risk', expected: 19.8356, forecast: 36.2983 }, due: { nextReportBy: '2025-08-10', overdue: false },
      articleId: 'A06', article: { id: 'A06', title: '（六）支持开展关键核心技术攻关' }, provisions: [{ id: 'consortium-major-project' }],
    });
    expect(before.json().article.text).toContain('实施市级及以上重大科技项目40项以上');

    const correction = await kejiju.inject({
      method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 21, asOf: '2025-06-30', note: '更正：漏报3项', supersedes: first.json().id },
    });
    expect(correction.statusCode, correction.body).toBe(201);
    expect(correction.json()).toMatchObject({ value: 21, supersedes: first.json().id });
    const after = await leader.inject({ method: 'GET', url: '/api/v1/targets/K07?asOf=2025-07-05' });
    expect(after.json()).toMatchObject({ latest: { value: 21, reportId: correction.json().id }, pace: { status: 'on-track' } });
    expect(after.json().reports.map((r: { id: string; supersededBy: string | null }) => [r.id, r.supersededBy])).toEqual([
      [correction.json().id, null], [first.json().id, correction.json().id],
    ]);

    // The first one cannot be corrected twice; a correction must name a report of this target and unit.
    const again = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 22, asOf: '2025-06-30', supersedes: first.json().id } });
    expect(again.statusCode).toBe(409);
    const k08 = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K08/reports', payload: { value: 75, asOf: '2025-06-30' } });
    const crossed = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 22, asOf: '2025-06-30', supersedes: k08.json().id } });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().error.details).toEqual([{ path: 'body.supersedes', message: 'not a report of this target and unit' }]);

    const audit = await readAudit(h.store.db, { subject: 'target:K07' });
    expect(audit.map((r) => r.action)).toEqual(['target.report', 'target.report.correct']);
    expect(audit[1]).toMatchObject({ actor: `reviewer:${kejiju.account.username}`, before: { id: first.json().id, value: 18 }, after: { value: 21, supersedes: first.json().id } });
    await expect(h.store.db.updateTable('target_reports').set({ value: 99 }).where('id', '=', first.json().id).execute()).rejects.toThrow(/append-only/);
    await expect(h.store.db.deleteFrom('target_reports').where('id', '=', first.json().id).execute()).rejects.toThrow(/append-only/);
  });

  it('refuses bad values and dates with 400 naming the field, and persists nothing', async () => {
    const h = harness();
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const n = await reportCount(h);
    const refusals: [string, Record<string, unknown>, string, RegExp][] = [
      ['K07', { value: 'twelve', asOf: '2025-06-30' }, 'body.value', /finite number/],
      ['K07', { value: -1, asOf: '2025-06-30' }, 'body.value', /negative/],
      ['K07', { value: 12.5, asOf: '2025-06-30' }, 'body.value', /whole number/],
      ['K08', { value: 120, asOf: '2025-06-30' }, 'body.value', /cannot exceed 100/],
      ['K07', { value: 12, asOf: '2099-01-31' }, 'body.asOf', /in the future/],
      ['K07', { value: 12, asOf: '2024-12-31' }, 'body.asOf', /before 2025-01-01/],
      ['K07', { value: 12, asOf: '2025-02-30' }, 'body.asOf', /YYYY-MM-DD/],
      ['K07', { value: 12, asOf: '2025-06-30', valueUnit: '亿元' }, 'body.valueUnit', /in 项/],
      ['K07', { value: 12, asOf: '2025-06-30', evidenceUrl: 'javascript:alert(1)' }, 'body.evidenceUrl', /http/],
    ];
    for (const [target, payload, path, message] of refusals) {
      const response = await kejiju.inject({ method: 'POST', url: `/api/v1/targets/${target}/reports`, payload });
      expect(response.statusCode, `${target} ${JSON.stringify(payload)}`).toBe(400);
      const detail = (response.json().error.details as { path: string; message: string }[]).find((d) => d.path === path);
      expect(detail?.message, `${target} ${JSON.stringify(payload)}`).toMatch(message);
    }
    expect(await reportCount(h)).toBe(n);
  });

  it('lets only a responsible department report: another department 403, the leader 403, anonymous 401; K01 is derived', async () => {
    const h = harness();
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const n = await reportCount(h);
    const notOurs = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K16/reports', payload: { value: 50, asOf: '2025-06-30' } });
    expect(notOurs.statusCode).toBe(403);
    expect(notOurs.json().error.message).toContain('科技局 is not a responsible unit of K16');
    const jingxinju = await h.signIn('reviewer', { department: '经信局' });
    const forOther = await jingxinju.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { unit: '科技局', value: 5, asOf: '2025-06-30' } });
    expect(forOther.statusCode).toBe(403);
    const leader = await h.signIn('leader');
    expect((await leader.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 5, asOf: '2025-06-30' } })).statusCode).toBe(403);
    const { enterprise } = await addBeneficiary(h);
    expect((await enterprise.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 5, asOf: '2025-06-30' } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 5, asOf: '2025-06-30' } })).statusCode).toBe(401);
    // 经信局 leads domain 二, where K01 is stated; Zhida counts it itself.
    expect((await jingxinju.inject({ method: 'POST', url: '/api/v1/targets/K01/reports', payload: { value: 5, asOf: '2025-06-30' } })).statusCode).toBe(409);
    expect(await reportCount(h)).toBe(n);
    // A value in 亿元 for K50 (万元): 0.045亿元 = 450万元.
    const converted = await jingxinju.inject({ method: 'POST', url: '/api/v1/targets/K50/reports', payload: { value: 0.045, valueUnit: '亿元', asOf: '2025-06-30' } });
    expect(converted.statusCode, converted.body).toBe(201);
    expect(converted.json().value).toBe(450);
  });

  it('counts K01 from the new high-tech recognitions of the year in the beneficiaries it holds', async () => {
    const h = harness();
    const leader = await h.signIn('leader');
    const k01 = async (asOf: string) => (await leader.inject({ method: 'GET', url: `/api/v1/targets/K01?asOf=${asOf}` })).json();
    const base = (await k01('2025-12-31')).latest.value as number;
    const now = new Date().toISOString();
    const add = async (code: string, recognitions: unknown[]) => h.store.db.insertInto('beneficiaries').values({
      credit_code: code, name: code, profile: JSON.stringify({ id: code, name: code, kind: 'enterprise', recognitions }), version: 1,
      bank_name: null, bank_account: null, created_at: now, updated_at: now,
    }).execute();
    await add('K01-TEST-A', [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-04-01' }]);
    await add('K01-TEST-B', [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-11-20' }]);
    await add('K01-TEST-C', [{ type: 'high-tech-enterprise', level: 'national', event: 'reexam', date: '2025-05-01' }]);
    await add('K01-TEST-D', [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2024-10-01' }]);
    expect(await k01('2025-12-31')).toMatchObject({ derived: true, latest: { value: base + 2, reportId: 'derived', by: 'Zhida' }, due: { nextReportBy: null, overdue: false } });
    expect((await k01('2025-06-30')).latest.value).toBe(base + 1);
  });

  it('lets the lead department decompose a target: shares adding to 100 or values adding to the target, in versions', async () => {
    const h = harness();
    const jingxinju = await h.signIn('reviewer', { department: '经信局' });
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const shares = { parts: [{ unit: '经信局', share: 50, owner: '张处长' }, { unit: '发改局', share: 30, owner: '李科长' }, { unit: '科技局', share: 20, owner: '王科长' }] };
    expect((await kejiju.inject({ method: 'PUT', url: '/api/v1/targets/K12/assignments', payload: shares })).statusCode).toBe(403);
    const v1 = await jingxinju.inject({ method: 'PUT', url: '/api/v1/targets/K12/assignments', payload: shares });
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json().map((a: { unit: string; share: number; version: number }) => [a.unit, a.share, a.version])).toEqual([['经信局', 50, 1], ['发改局', 30, 1], ['科技局', 20, 1]]);
    const short = await jingxinju.inject({ method: 'PUT', url: '/api/v1/targets/K12/assignments', payload: { parts: shares.parts.slice(0, 2) } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual([{ path: 'body.parts', message: 'the shares add up to 80, not 100' }]);
    const stranger = await jingxinju.inject({ method: 'PUT', url: '/api/v1/targets/K12/assignments', payload: { parts: [{ unit: '教育局', share: 100, owner: '赵' }] } });
    expect(stranger.json().error.details[0]).toMatchObject({ path: 'body.parts.0.unit' });
    const values = await jingxinju.inject({ method: 'PUT', url: '/api/v1/targets/K12/assignments', payload: { parts: [{ unit: '经信局', value: 60, owner: '张处长' }, { unit: '科技局', value: 20, owner: '王科长' }] } });
    expect(values.statusCode, values.body).toBe(200);
    const leader = await h.signIn('leader');
    const detail = (await leader.inject({ method: 'GET', url: '/api/v1/targets/K12' })).json();
    expect(detail.assignments).toMatchObject([{ unit: '经信局', value: 60, share: null, owner: '张处长', version: 2 }, { unit: '科技局', value: 20, version: 2 }]);
    const audit = await readAudit(h.store.db, { subject: 'target:K12' });
    expect(audit.map((r) => r.action)).toEqual(['target.assign', 'target.assign']);
    expect((audit[1]!.before as unknown[]).length).toBe(3);
  });

  it('keeps a file cited by a report, handed to readers of targets only', async () => {
    const h = harness();
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const pdf = Buffer.from('%PDF-1.4\n% K07 项目清单\n%%EOF\n');
    const upload = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K07/evidence', ...multipartFile(pdf, '重大科技项目清单.pdf', 'application/pdf') });
    expect(upload.statusCode, upload.body).toBe(201);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(upload.json()).toEqual({ fileName: '重大科技项目清单.pdf', sha256, mediaType: 'application/pdf', size: pdf.length });
    const jingxinju = await h.signIn('reviewer', { department: '经信局' });
    expect((await jingxinju.inject({ method: 'POST', url: '/api/v1/targets/K07/evidence', ...multipartFile(pdf, 'x.pdf') })).statusCode).toBe(403);
    const leader = await h.signIn('leader');
    // Not cited by any report yet: not found.
    expect((await leader.inject({ method: 'GET', url: `/api/v1/targets/K07/evidence/${sha256}` })).statusCode).toBe(404);
    const halfCited = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 30, asOf: '2025-09-30', evidenceSha256: sha256 } });
    expect(halfCited.json().error.details).toEqual([{ path: 'body.evidenceFileName', message: 'a file is cited by its fileName and sha256 together' }]);
    const report = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 30, asOf: '2025-09-30', evidenceFileName: '重大科技项目清单.pdf', evidenceSha256: sha256 } });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json().evidence).toEqual({ fileName: '重大科技项目清单.pdf', sha256 });
    const file = await leader.inject({ method: 'GET', url: `/api/v1/targets/K07/evidence/${sha256}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const { enterprise } = await addBeneficiary(h);
    expect((await enterprise.inject({ method: 'GET', url: `/api/v1/targets/K07/evidence/${sha256}` })).statusCode).toBe(403);
  });

  it('files a report once under an Idempotency-Key, however often it is sent', async () => {
    const h = harness();
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const n = await reportCount(h);
    const send = () => kejiju.inject({ method: 'POST', url: '/api/v1/targets/K08/reports', headers: { 'idempotency-key': 'k08-june-report' }, payload: { value: 66, asOf: '2025-05-31' } });
    const [a, b] = [await send(), await send()];
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().id).toBe(a.json().id);
    expect(await reportCount(h)).toBe(n + 1);
    // The same key for another request is a conflict.
    const other = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K08/reports', headers: { 'idempotency-key': 'k08-june-report' }, payload: { value: 67, asOf: '2025-05-31' } });
    expect(other.statusCode).toBe(409);
  });

  it('lists overdue reports: monthly, due by the 10th of the next month, owed by the first responsible unit', async () => {
    const h = harness();
    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const report = await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K08/reports', payload: { value: 70, asOf: '2025-07-31' } });
    expect(report.statusCode).toBe(201);
    const reminders = await kejiju.inject({ method: 'GET', url: `/api/v1/targets/reminders?department=${encodeURIComponent('科技局')}&asOf=2025-08-11` });
    expect(reminders.statusCode).toBe(200);
    const byTarget = new Map((reminders.json() as { targetId: string }[]).map((r) => [r.targetId, r]));
    // K08: July reported, August due 10 September — not overdue on 11 August.
    expect(byTarget.has('K08')).toBe(false);
    expect(byTarget.get('K13')).toEqual({ targetId: 'K13', unit: '经信局', dueBy: '2025-02-10', lastReportAsOf: null });
    expect([...byTarget.keys()].every((id) => ['K07', 'K12', 'K13', 'K14', 'K15'].includes(id))).toBe(true);
  });
});
