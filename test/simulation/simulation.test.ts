// Budget-impact simulation over a stored hand-made population (fixtures.ts), on each database: the
// expected figures are worked out by hand from the clauses, as the comments say.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../src/services/actor.ts';
import type { Db } from '../../src/store/database.ts';
import { generateStoredPopulation, importPopulation, listPopulations } from '../../src/services/populations.ts';
import { simulate, SimulationCancelled, takeUpCost, type SimulationReport } from '../../src/services/simulation.ts';
import { dialects, useStore } from '../store/support/stores.ts';
import { testPack } from '../delivery/support.ts';
import { tinyJsonLines } from './fixtures.ts';

// The describe block's store is shared by its tests: the population is imported once.
async function tiny(db: Db): Promise<void> {
  if ((await listPopulations(db)).some((p) => p.name === 'tiny')) return;
  await importPopulation(db, { name: 'tiny', year: 2025, fileName: 'tiny.jsonl', createdBy: 'test' }, tinyJsonLines());
}

const line = (report: SimulationReport['baseline'], id: string) => report.provisions.find((p) => p.id === id)!;
const policy: Actor = { id: 'p1', username: 'policy1', displayName: 'P', role: 'policy', department: null, creditCode: null };

describe('take-up rounding (half up, once per provision)', () => {
  it('rounds the provision total, not each beneficiary', () => {
    expect(takeUpCost(900_000, 50)).toBe(450_000); // 3 × 300,000 × 50%
    expect(takeUpCost(12_345, 10)).toBe(1_235); // 1,234.5 → 1,235 (half up)
    expect(takeUpCost(12_344, 10)).toBe(1_234); // 1,234.4 → 1,234
    expect(takeUpCost(3, 50)).toBe(2); // 3 eligible × 50% = 1.5 claimants → 2
    expect(takeUpCost(1, 49)).toBe(0); // 0.49 → 0
  });
});

for (const dialect of dialects) {
  describe(`simulation (${dialect.name})`, () => {
    const store = useStore(dialect);

    it('baseline: eligible and cost per provision, article, domain, department; pending without an amount; bands', async () => {
      const { db } = store();
      await tiny(db);
      const report = await simulate(db, policy, testPack(), { population: 'tiny' });
      expect(report.evaluated).toBe(8);
      const b = report.baseline;
      // hte-new: profiles 1–3 × 300,000 = 900,000; hte-reexam: 4–5 × 100,000 = 200,000; sme: 6 × 10,000.
      expect(line(b, 'hte-new')).toMatchObject({ eligible: 3, claimants: 3, amount_yuan: 900_000, cost_yuan: 900_000, article: 1, domain: 1, department: '科技局' });
      expect(line(b, 'hte-reexam')).toMatchObject({ eligible: 2, cost_yuan: 200_000 });
      expect(line(b, 'sme-province-new')).toMatchObject({ eligible: 1, cost_yuan: 10_000 });
      // Profile 7: compute spending makes it a candidate whose amount waits on the unset standard.
      expect(line(b, 'compute-subsidy')).toMatchObject({ eligible: 0, pending: 1, cost_yuan: 0 });
      expect(b.provisions.filter((p) => p.cost_yuan > 0).map((p) => p.id).sort()).toEqual(['hte-new', 'hte-reexam', 'sme-province-new']);
      // Total 900,000 + 200,000 + 10,000 = 1,110,000, all in article 1 of domain 1, all 科技局.
      expect(b.total_cost_yuan).toBe(1_110_000);
      expect(b.articles.find((a) => a.key === '1')).toMatchObject({ awards: 6, cost_yuan: 1_110_000 });
      expect(b.domains.find((d) => d.key === '1')).toMatchObject({ cost_yuan: 1_110_000 });
      expect(b.departments.find((d) => d.key === '科技局')!.cost_yuan).toBe(1_110_000);
      // D01 (领域一 18.2亿 = 1,820,000,000): 1,110,000 is 0.06% → 0.1 after rounding to one decimal.
      expect(b.budgets.find((x) => x.id === 'D01')).toMatchObject({ budget_yuan: 1_820_000_000, cost_yuan: 1_110_000, share_percent: 0.1 });
      expect(b.budgets.find((x) => x.id === 'D09')).toMatchObject({ budget_yuan: 11_040_000_000, cost_yuan: 1_110_000 });
      expect(b.budgets.find((x) => x.id === 'D09')!.note).toContain('net of overlaps');
      // Bands: 10,000+ (profile 6), 100,000+ (4, 5), 300,000+ (1, 2, 3); profiles 7 and 8 get nothing.
      expect(b.distribution.none).toBe(2);
      expect(Object.fromEntries(b.distribution.bands.map((x) => [x.from_yuan, x.beneficiaries]))).toEqual({ 1: 0, 10000: 1, 100000: 2, 300000: 3, 500000: 0, 1000000: 0, 5000000: 0 });
    });

    it('take-up: cost = amount × take-up, half up per provision', async () => {
      const { db } = store();
      await tiny(db);
      const report = await simulate(db, policy, testPack(), { population: 'tiny', takeUp: 'hte-new=50,hte-reexam=33' });
      // hte-new: 900,000 × 50% = 450,000; 3 × 50% = 1.5 → 2 claimants. hte-reexam: 200,000 × 33% = 66,000; 2 × 33% = 0.66 → 1.
      expect(line(report.baseline, 'hte-new')).toMatchObject({ take_up_percent: 50, claimants: 2, cost_yuan: 450_000 });
      expect(line(report.baseline, 'hte-reexam')).toMatchObject({ take_up_percent: 33, claimants: 1, cost_yuan: 66_000 });
      // 450,000 + 66,000 + 10,000 = 526,000.
      expect(report.baseline.total_cost_yuan).toBe(526_000);
    });

    it('reform: 40万 for a new high-tech enterprise adds 3 × 100,000; 5万 on re-examination takes 2 × 50,000', async () => {
      const { db } = store();
      await tiny(db);
      const report = await simulate(db, policy, testPack(), { population: 'tiny', takeUp: { 'hte-new': 50 }, reform: { 'hte-new.amount': 400_000, 'hte-reexam.amount': 50_000 } });
      const c = report.comparison!;
      // hte-new at 50%: 450,000 → 3 × 400,000 × 50% = 600,000 (+150,000); hte-reexam: 200,000 → 100,000 (−100,000).
      expect(c.provisions.find((p) => p.id === 'hte-new')).toEqual({ id: 'hte-new', baseline_yuan: 450_000, reform_yuan: 600_000, change_yuan: 150_000 });
      expect(c.provisions.find((p) => p.id === 'hte-reexam')).toEqual({ id: 'hte-reexam', baseline_yuan: 200_000, reform_yuan: 100_000, change_yuan: -100_000 });
      expect(c.total_change_yuan).toBe(50_000);
      expect(c.domains.find((d) => d.key === '1')!.change_yuan).toBe(50_000);
      // Winners: profiles 1–3; losers: 4–5; unchanged: 6, 7, 8.
      expect([c.winners, c.losers, c.unchanged]).toEqual([3, 2, 3]);
      expect(report.reform!.parameters).toEqual({ 'hte-new.amount': 400_000, 'hte-reexam.amount': 50_000 });
    });

    it('refuses a negative amount, a rate above 100%, an unknown parameter or provision, naming it', async () => {
      const { db } = store();
      const run = (request: Parameters<typeof simulate>[3]) => simulate(db, policy, testPack(), request);
      await expect(run({ population: 'none', reform: { 'hte-new.amount': -1 } })).rejects.toThrow('reform.hte-new.amount: -1 is negative');
      await expect(run({ population: 'none', reform: { 'incubatee-rent.rate': 101 } })).rejects.toThrow('reform.incubatee-rent.rate: 101% is above 100%');
      await expect(run({ population: 'none', reform: { 'maker-space-recognition.ratio': 3 } })).rejects.toThrow('reform.maker-space-recognition.ratio: 3/2 is above 100%');
      await expect(run({ population: 'none', reform: { 'no-such.amount': 1 } })).rejects.toThrow('reform.no-such.amount: no such parameter');
      await expect(run({ population: 'none', takeUp: 'hte-new=120' })).rejects.toThrow('takeUp.hte-new: must be a whole percent from 0 to 100');
      await expect(run({ population: 'none', takeUp: 'nope=10' })).rejects.toThrow('takeUp.nope: no such provision');
      await expect(run({ population: 'none' })).rejects.toThrow('population "none" not found');
      const enterprise: Actor = { ...policy, role: 'enterprise' };
      await expect(simulate(db, enterprise, testPack(), { population: 'none' })).rejects.toThrow('a enterprise account may not run simulations');
    });

    it('workers and inline agree on a generated population; cancellation stops it', async () => {
      const { db } = store();
      await generateStoredPopulation(db, { name: 'gen', size: 2500, seed: 7, year: 2025, createdBy: 'test' });
      const reform = { 'hte-new.amount': 400_000 };
      const progress: number[] = [];
      const inline = await simulate(db, SYSTEM_ACTOR, testPack(), { population: 'gen', reform }, { workers: 0, onProgress: (done) => progress.push(done) });
      const threaded = await simulate(db, SYSTEM_ACTOR, testPack(), { population: 'gen', reform }, { workers: 2 });
      expect(progress).toEqual([1000, 2000, 2500]);
      expect(threaded.evaluated).toBe(2500);
      expect(threaded.baseline).toEqual(inline.baseline);
      expect(threaded.comparison).toEqual(inline.comparison);
      // The reform only raises hte-new: its new recipients are the winners, nobody loses.
      expect(inline.comparison!.winners).toBe(line(inline.baseline, 'hte-new').eligible);
      expect(inline.comparison!.losers).toBe(0);
      for (const workers of [0, 2]) {
        const controller = new AbortController();
        const cancelled = simulate(db, SYSTEM_ACTOR, testPack(), { population: 'gen' }, { workers, signal: controller.signal, onProgress: () => controller.abort() });
        await expect(cancelled, `workers: ${workers}`).rejects.toBeInstanceOf(SimulationCancelled);
      }
    });
  });
}
