// Stacking rules are pack data: switched off in binjiang-2025 (the text states none), applied and
// explained when enabled, and two enabled rules that disagree are reported, not silently resolved.
import { describe, expect, it } from 'vitest';
import { evaluateProfile } from '../../src/core/engine/engine.ts';
import type { Pack } from '../../src/core/pack.ts';
import { validateProfile, type Profile } from '../../src/core/profile.ts';
import { compileRules, CODE } from '../../src/core/engine/compile.ts';
import { exclusionPairs, parametersAt, stackingSpecs } from '../../src/core/engine/engine.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { loadRules } from '../../src/pack/rules.ts';

const pack = loadEdition('binjiang-2025');
const rules = await loadRules(pack);

// Qualifies for both awards of （十三）: 2023 R&D 1.5M (+1.1M, ≥ 20%, 10% of 15M revenue); 2024 R&D 2.6M
// (+1.1M, ≥ 20%, 10% of 26M), reaching 2,000,000 for the first time while above scale.
// M29 = 10% × 1,100,000 = 110,000; M30 = 100,000.
const valid = validateProfile({
  id: '91330108MA2AY1234G', name: '研发型企业', kind: 'enterprise',
  recognitions: [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2023-06-01', valid_until: '2026-05-31' }],
  financial_years: [
    { year: 2022, rd_expense: 400_000, revenue: 4_000_000, above_scale: false },
    { year: 2023, rd_expense: 1_500_000, revenue: 15_000_000, above_scale: true },
    { year: 2024, rd_expense: 2_600_000, revenue: 26_000_000, above_scale: true },
  ],
});
if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
const profile: Profile = valid.profile;

function withStacking(stacking: Pack['stacking']): Pack {
  return { ...pack, stacking };
}
const result = (p: Pack, id: string) => evaluateProfile(p, rules, profile, { year: 2025 }).results.find((r) => r.provision === id)!;

describe('stacking rules', () => {
  it('are off in binjiang-2025, so both awards of （十三） pay', () => {
    expect(pack.stacking.map((s) => [s.id, s.enabled])).toEqual([['same-event-highest', false]]);
    expect(result(pack, 'high-rd-value')).toMatchObject({ status: 'eligible', amount: 110_000 });
    expect(result(pack, 'rd-first-2m')).toMatchObject({ status: 'eligible', amount: 100_000 });
  });
  it('when enabled, 同一事项就高不重复 keeps the higher award and says why', () => {
    const enabled = withStacking(pack.stacking.map((s) => ({ ...s, enabled: true })));
    expect(result(enabled, 'high-rd-value')).toMatchObject({ status: 'eligible', amount: 110_000 });
    const excluded = result(enabled, 'rd-first-2m');
    expect(excluded.status).toBe('excluded');
    expect(excluded.excluded_by).toMatchObject({ provision: 'high-rd-value', reason: { zh: expect.stringContaining('同一事项就高不重复') } });
    // Batch mode applies it the same way.
    const compiled = compileRules(rules, { year: 2025, params: parametersAt(enabled, '2025-12-31'), exclusions: exclusionPairs(enabled), inForce: true, stacking: stackingSpecs(enabled, rules.map((r) => r.provision)) });
    const out = new Float64Array(rules.length);
    compiled.run(profile, out);
    expect(out[compiled.ids.indexOf('high-rd-value')]).toBe(110_000);
    expect(out[compiled.ids.indexOf('rd-first-2m')]).toBe(CODE.excluded);
  });
  it('two enabled rules that pick different winners are reported as a conflict, and neither is applied', () => {
    const base = pack.stacking[0]!;
    const disagreeing = withStacking([
      { ...base, enabled: true },
      { ...base, id: 'first-listed', enabled: true, policy: 'first', groups: [['rd-first-2m', 'high-rd-value']] },
    ]);
    const evaluation = evaluateProfile(disagreeing, rules, profile, { year: 2025 });
    expect(evaluation.conflicts).toEqual([{ rules: ['same-event-highest', 'first-listed'], provisions: ['high-rd-value', 'rd-first-2m'] }]);
    expect(evaluation.results.filter((r) => r.provision === 'high-rd-value' || r.provision === 'rd-first-2m').map((r) => r.status)).toEqual(['eligible', 'eligible']);
  });
});
