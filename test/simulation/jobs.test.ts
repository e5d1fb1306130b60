// Simulation jobs (the web page's way to run a simulation): started with 202, polled for progress, the report
// when done and as XLSX, cancelled through the AbortSignal, one running per account, seen by their creator
// only; bad requests refused before anything starts, naming the field. Figures from fixtures.ts (article 1:
// 新认定国家高新技术企业 30万元 each, three of them).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { generateStoredPopulation, importPopulation, listPopulations } from '../../src/services/populations.ts';
import { SimulationJobs } from '../../src/services/simulation-jobs.ts';
import { REFORM_SHEET, SIMULATION_SHEETS } from '../../src/services/simulation-xlsx.ts';
import type { Db } from '../../src/store/database.ts';
import { dialects, useDeliveryApp, testPack, type SignedIn } from '../delivery/support.ts';
import { useStore } from '../store/support/stores.ts';
import { tinyJsonLines } from './fixtures.ts';

async function tiny(db: Db): Promise<void> {
  if ((await listPopulations(db)).some((p) => p.name === 'tiny')) return;
  await importPopulation(db, { name: 'tiny', year: 2025, fileName: 'tiny.jsonl', createdBy: 'test' }, tinyJsonLines());
}

async function finished(caller: SignedIn, id: string): Promise<{ status: string; progress: { done: number; total: number }; report: Record<string, unknown> | null }> {
  for (;;) {
    const job = (await caller.inject({ method: 'GET', url: `/api/v1/simulations/jobs/${id}` })).json();
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const policy: Actor = { id: 'p1', username: 'policy1', displayName: 'P', role: 'policy', department: null, creditCode: null };
const other: Actor = { ...policy, id: 'p2', username: 'policy2' };

for (const dialect of dialects) {
  describe(`simulation jobs API (${dialect.name})`, () => {
    const harness = useDeliveryApp(dialect);

    it('a job runs to done with its progress and report, downloads as XLSX, and is its creator\'s only', async () => {
      const h = harness();
      await tiny(h.store.db);
      const zhengce = await h.signIn('policy');
      const started = await zhengce.inject({ method: 'POST', url: '/api/v1/simulations/jobs', payload: { population: 'tiny', takeUp: { 'hte-new': 50 }, reform: { 'hte-new.amount': 400_000 } } });
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toMatchObject({ status: 'running', population: 'tiny', progress: { total: 8 }, report: null });
      const id = started.json().id as string;

      const job = await finished(zhengce, id);
      expect(job.status).toBe('done');
      expect(job.progress).toEqual({ done: 8, total: 8 });
      // 3 × 300,000 × 50% = 450,000 before; 3 × 400,000 × 50% = 600,000 after; the three gain.
      const comparison = job.report!.comparison as { winners: number; losers: number; provisions: { id: string }[] };
      expect(comparison.provisions.find((p) => p.id === 'hte-new')).toEqual({ id: 'hte-new', baseline_yuan: 450_000, reform_yuan: 600_000, change_yuan: 150_000 });
      expect([comparison.winners, comparison.losers]).toEqual([3, 0]);

      const xlsx = await zhengce.inject({ method: 'GET', url: `/api/v1/simulations/jobs/${id}/xlsx` });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([...SIMULATION_SHEETS, REFORM_SHEET]);
      const provisions = workbook.getWorksheet('按政策项')!;
      const hteRow = provisions.getRows(2, provisions.rowCount - 1)!.find((r) => r.getCell(1).value === 'hte-new')!;
      // id, title, kind, article, domain, department, take-up; then baseline eligible, claimants, amount, cost, pending; then reform's.
      expect([hteRow.getCell(7).value, hteRow.getCell(8).value, hteRow.getCell(9).value, hteRow.getCell(10).value, hteRow.getCell(11).value]).toEqual([50, 3, 2, 900_000, 450_000]);
      expect([hteRow.getCell(15).value, hteRow.getCell(16).value]).toEqual([1_200_000, 600_000]);
      const reform = workbook.getWorksheet(REFORM_SHEET)!;
      const winners = reform.getRows(1, reform.rowCount)!.find((r) => r.getCell(1).value === '受益增加户数')!;
      expect(winners.getCell(2).value).toBe(3);

      // Finance runs jobs too, but not this one.
      const caizheng = await h.signIn('finance');
      for (const url of [`/api/v1/simulations/jobs/${id}`, `/api/v1/simulations/jobs/${id}/xlsx`]) {
        expect((await caizheng.inject({ method: 'GET', url })).statusCode).toBe(403);
      }
      expect((await caizheng.inject({ method: 'DELETE', url: `/api/v1/simulations/jobs/${id}` })).statusCode).toBe(403);
      expect((await zhengce.inject({ method: 'GET', url: '/api/v1/simulations/jobs/no-such-job' })).statusCode).toBe(404);
      // Cancelling a finished job answers it as it is.
      expect((await zhengce.inject({ method: 'DELETE', url: `/api/v1/simulations/jobs/${id}` })).json().status).toBe('done');
    });

    it('bad requests are refused before a job starts, naming the field', async () => {
      const h = harness();
      await tiny(h.store.db);
      const zhengce = await h.signIn('policy');
      const start = (payload: unknown) => zhengce.inject({ method: 'POST', url: '/api/v1/simulations/jobs', payload: payload as Record<string, unknown> });
      const cases: [unknown, number, string][] = [
        [{ population: 'nowhere' }, 404, 'population "nowhere" not found'],
        [{ population: 'tiny', takeUp: { 'hte-new': 101 } }, 400, 'takeUp.hte-new: must be a whole percent from 0 to 100'],
        [{ population: 'tiny', takeUp: { 'hte-new': -1 } }, 400, 'takeUp.hte-new: must be a whole percent from 0 to 100'],
        [{ population: 'tiny', takeUp: { 'no-such': 50 } }, 400, 'takeUp.no-such: no such provision'],
        [{ population: 'tiny', reform: { 'hte-new.amount': -5 } }, 400, 'reform.hte-new.amount: -5 is negative'],
        [{ population: 'tiny', reform: { 'incubatee-rent.rate': 150 } }, 400, 'reform.incubatee-rent.rate: 150% is above 100%'],
      ];
      for (const [payload, status, message] of cases) {
        const response = await start(payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(status);
        expect(response.json().error.message).toBe(message);
      }
      const missing = await start({ takeUp: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('population');
    });

    it('the policy officer generates a population; the size is bounded and a name is used once', async () => {
      const h = harness();
      const zhengce = await h.signIn('policy');
      const made = await zhengce.inject({ method: 'POST', url: '/api/v1/populations', payload: { size: 5, seed: 7 } });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ name: 'synthetic-5-seed7', size: 5, seed: 7, year: 2025, created_by: zhengce.actor.username });
      expect((await zhengce.inject({ method: 'POST', url: '/api/v1/populations', payload: { size: 5, seed: 7 } })).statusCode).toBe(409);
      const big = await zhengce.inject({ method: 'POST', url: '/api/v1/populations', payload: { size: 200_001, seed: 1 } });
      expect(big.statusCode).toBe(400);
      expect(big.body).toContain('size');
    });
  });

  describe(`simulation job registry (${dialect.name})`, () => {
    const store = useStore(dialect);

    it('cancels through the AbortSignal, allows one running job per account, and keeps jobs apart', async () => {
      const { db } = store();
      await tiny(db);
      // 5,000 profiles take long enough (hundreds of ms) that the first job is still running when the
      // second start and the cancel come, a query later.
      await generateStoredPopulation(db, { name: 'mid', size: 5000, seed: 1, year: 2025, createdBy: 'test' });
      const jobs = new SimulationJobs(db, testPack(), { maxSize: 200_000 });
      const first = await jobs.start(policy, { population: 'mid' });
      await expect(jobs.start(policy, { population: 'tiny' })).rejects.toMatchObject({ code: 'conflict' });
      expect(() => jobs.get(other, first.id)).toThrow(expect.objectContaining({ code: 'forbidden' }));
      expect(jobs.cancel(policy, first.id).status).toBe('cancelled');
      await jobs.settled(first.id);
      // The evaluation stopped: no report, still cancelled.
      const cancelled = jobs.get(policy, first.id);
      expect(cancelled).toMatchObject({ status: 'cancelled', report: null });
      expect(cancelled.progress.done).toBeLessThan(5000);
      // Once it has ended, the account may start another; it runs to done.
      const second = await jobs.start(policy, { population: 'tiny' });
      await jobs.settled(second.id);
      expect(jobs.get(policy, second.id)).toMatchObject({ status: 'done', progress: { done: 8, total: 8 } });
      await jobs.close();
    });
  });
}
