// Batch mode (compiled rules on worker threads) gives the same status and amount as the interpreter,
// profile by profile, over a generated population.
import { describe, expect, it } from 'vitest';
import { statusOfCode } from '../../src/core/engine/compile.ts';
import { evaluateProfile } from '../../src/core/engine/engine.ts';
import { generatePopulation } from '../../src/core/population.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { loadRules } from '../../src/pack/rules.ts';
import { evaluateBatch } from '../../src/services/batch.ts';

const pack = loadEdition('binjiang-2025');
const rules = await loadRules(pack);

describe('batch mode', () => {
  it('equals the single evaluation on every profile of a 20,000-profile population (2 workers)', async () => {
    const seed = 20251231;
    const size = 20_000;
    const batch = await evaluateBatch({ edition: 'binjiang-2025', year: 2025, seed, size }, { workers: 2, keepAmounts: true });
    expect(batch.workers).toBe(2);
    expect(batch.count).toBe(size);
    const population = generatePopulation(size, { seed, year: 2025 });
    const n = batch.ids.length;
    const mismatches: string[] = [];
    const seen = new Set<string>();
    population.forEach((profile, i) => {
      const single = evaluateProfile(pack, rules, profile, { year: 2025, trace: false });
      single.results.forEach((result, s) => {
        const code = batch.amounts![i * n + s]!;
        seen.add(result.status);
        if (batch.ids[s] !== result.provision || statusOfCode(code) !== result.status || (code >= 0 && code !== result.amount)) {
          mismatches.push(`profile ${i} ${result.provision}: single ${result.status} ${result.amount ?? ''}, batch ${code}`);
        }
      });
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The population exercises every kind of result.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['eligible', 'excluded', 'not-applicable', 'not-eligible', 'pending', 'undetermined']));
  });
});
