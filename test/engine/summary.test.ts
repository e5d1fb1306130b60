// The screening view (compiled rules + the interpreter on open results only) says what the full
// evaluation says: status, amount, and what each open result waits on, profile by profile.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateProfile } from '../../src/core/engine/engine.ts';
import { summariseProfile } from '../../src/core/engine/summary.ts';
import { generatePopulation } from '../../src/core/population.ts';
import { validateProfile, type Profile } from '../../src/core/profile.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { loadRules } from '../../src/pack/rules.ts';

const pack = loadEdition('binjiang-2025');
const rules = await loadRules(pack);

function mismatches(profile: Profile, year: number): string[] {
  const full = evaluateProfile(pack, rules, profile, { year, trace: false });
  const summary = summariseProfile(pack, rules, profile, { year });
  const out: string[] = [];
  if (JSON.stringify(summary.totals) !== JSON.stringify(full.totals)) out.push(`totals ${JSON.stringify(summary.totals)} vs ${JSON.stringify(full.totals)}`);
  full.results.forEach((f, slot) => {
    const s = summary.results[slot]!;
    const open = f.status === 'undetermined' || f.status === 'pending';
    const same = s.provision === f.provision && s.catalogue === f.catalogue && s.status === f.status && s.amount_kind === f.amount_kind
      && (f.status !== 'eligible' || s.amount === f.amount)
      && JSON.stringify(s.missing_facts ?? []) === JSON.stringify(open ? f.missing_facts : [])
      && JSON.stringify(s.pending_parameters ?? []) === JSON.stringify(open ? f.pending_parameters : []);
    if (!same) out.push(`${profile.id} ${f.provision}: full ${f.status} ${f.amount ?? ''} ${f.missing_facts.join(',')}; summary ${JSON.stringify(s)}`);
  });
  return out;
}

describe('screening view', () => {
  it('gives the new high-tech certificate its 300,000 yuan and names what open results wait on', () => {
    const valid = validateProfile(JSON.parse(readFileSync(new URL('../../examples/high-tech-new.json', import.meta.url), 'utf8')));
    if (!valid.ok) throw new Error('example profile is invalid');
    const summary = summariseProfile(pack, rules, valid.profile, { year: 2025 });
    // 新认定国家高新技术企业 30万元 → 300000
    expect(summary.results.find((r) => r.provision === 'hte-new')).toMatchObject({ status: 'eligible', amount: 300000, amount_kind: 'exact' });
    // No incubation facts given: the rent subsidy waits on them.
    expect(summary.results.find((r) => r.provision === 'incubatee-rent')).toMatchObject({ status: 'undetermined', missing_facts: ['incubation'] });
    expect(summary.results.filter((r) => r.status !== 'undetermined' && r.status !== 'pending').every((r) => r.missing_facts === undefined)).toBe(true);
    expect(mismatches(valid.profile, 2025)).toEqual([]);
  });

  it('equals the full evaluation on every profile of a 3,000-profile population, and out of force', () => {
    const population = generatePopulation(3000, { seed: 20260101, year: 2025 });
    const found = population.flatMap((p) => mismatches(p, 2025));
    expect(found.slice(0, 5)).toEqual([]);
    const seen = new Set(population.flatMap((p) => summariseProfile(pack, rules, p, { year: 2025 }).results.map((r) => r.status)));
    expect([...seen].sort()).toEqual(expect.arrayContaining(['eligible', 'excluded', 'not-applicable', 'not-eligible', 'pending', 'undetermined']));
    expect(population.slice(0, 50).flatMap((p) => mismatches(p, 2026))).toEqual([]);
  });
});

describe('one provision explained', () => {
  it('gives the result evaluate() gives, trace and near misses included, for every provision of 340 profiles', async () => {
    const { Calculator } = await import('../../src/services/evaluation.ts');
    const calculator = new Calculator(pack, rules);
    // Profiles 821 and 859 of this population have an excluded result (found by evaluating it).
    const population = [...generatePopulation(300, { seed: 7, year: 2025 }), ...generatePopulation(40, { seed: 7, year: 2025 }, 821)];
    const differing: string[] = [];
    const statuses = new Set<string>();
    for (const profile of population) {
      const full = calculator.evaluate(profile, { year: 2025 });
      if (!full.ok) throw new Error('generated profile is invalid');
      for (const expected of full.evaluation.results) {
        const one = calculator.explainProvision(profile, expected.provision, { year: 2025 });
        if (!one.ok) throw new Error('generated profile is invalid');
        statuses.add(expected.status);
        if (JSON.stringify(one.result) !== JSON.stringify(expected)) differing.push(`${profile.id} ${expected.provision}`);
        // The parameters it read are among those of the whole evaluation, with the same dated entries.
        for (const p of one.parameters_used) expect(full.evaluation.parameters_used).toContainEqual(p);
      }
    }
    expect(differing.slice(0, 5)).toEqual([]);
    expect([...statuses].sort()).toEqual(['eligible', 'excluded', 'not-applicable', 'not-eligible', 'pending', 'undetermined']);
  });
});
