// The batched list import takes two shortcuts; both must give what the one-by-one path gave, on the sample list
// (its 192 enterprises with the recognition each row adds) and on generated enterprise profiles:
// - the new profile text is the stored one with the recognitions replaced (list-apply.ts), not the whole
//   profile validated and canonicalised again: the text must equal storedProfile of the validated profile;
// - the offers are planned from the compiled rules' statuses and amounts (screenProfile), not from the
//   calculator's summarise: every provision's status, amount and amount kind must be the same, before and after.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenProfile } from '../../src/core/engine/summary.ts';
import { generateProfile } from '../../src/core/population.ts';
import { validateProfile, type Profile, type Recognition } from '../../src/core/profile.ts';
import { loadRules } from '../../src/pack/rules.ts';
import { canonicalJson } from '../../src/services/audit.ts';
import { storedProfile } from '../../src/services/beneficiaries.ts';
import { Calculator } from '../../src/services/evaluation.ts';
import { withRecognitions } from '../../src/services/list-apply.ts';
import { readListFile } from '../../src/services/list-import-files.ts';
import { testPack } from '../delivery/support.ts';
import { creditCode } from './support.ts';

const example = (ext: string) => readFileSync(new URL(`../../examples/lists/新认定高新技术企业-2025.${ext}`, import.meta.url));

/** Each enterprise with the recognition its row of the sample list adds (the rows with a valid date). */
async function sampleCases(): Promise<{ profile: Profile; recognition: Recognition }[]> {
  const profiles = new Map((JSON.parse(example('beneficiaries.json').toString('utf8')) as Profile[]).map((p) => [p.id, p]));
  const sheet = await readListFile(example('xlsx'));
  const cases: { profile: Profile; recognition: Recognition }[] = [];
  const seen = new Set<string>();
  // Columns: 序号, 统一社会信用代码, 企业名称, 证书编号, 发证日期.
  for (const [, code, , certificate, date] of sheet.rows.slice(1)) {
    const profile = profiles.get(code ?? '');
    if (!profile || seen.has(profile.id) || !/^2025-(0\d|1[0-2])-([0-2]\d)$/.test(date ?? '')) continue;
    seen.add(profile.id);
    cases.push({ profile, recognition: { type: 'high-tech-enterprise', level: 'national', event: 'new', date: date!, certificate: certificate! } });
  }
  return cases;
}

/** Generated enterprises (financial years, other recognitions …) without a high-tech recognition, listed in 2025. */
function generatedCases(n: number): { profile: Profile; recognition: Recognition }[] {
  return Array.from({ length: n }, (_, i) => {
    // As the benchmark registers them: an enterprise under a credit code, with the generated facts.
    const { id: _id, name: _name, kind: _kind, recognitions, ...rest } = generateProfile(i, { seed: 5, year: 2025 });
    const profile = { id: creditCode(i), name: `杭州示例${i}科技有限公司`, kind: 'enterprise', ...rest, recognitions: (recognitions ?? []).filter((r) => r.type !== 'high-tech-enterprise') } as Profile;
    return { profile, recognition: { type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-12-05', certificate: `GR2025330${String(i).padStart(6, '0')}` } };
  });
}

describe('the batched list import gives what the one-by-one path gave', () => {
  it('the new profile text equals storedProfile of the validated profile with the recognition added', async () => {
    const cases = [...(await sampleCases()), ...generatedCases(300)];
    // The 192 enterprises the sample list applies to (test/imports/sample-list.test.ts) and 300 generated ones.
    expect(cases.length).toBe(492);
    for (const { profile, recognition } of cases) {
      const stored = storedProfile(profile);
      const current = JSON.parse(stored) as Record<string, unknown>;
      const batched = JSON.stringify(withRecognitions(current, [...((current.recognitions as unknown[]) ?? []), JSON.parse(canonicalJson(recognition))]));
      const valid = validateProfile({ ...profile, recognitions: [...(profile.recognitions ?? []), recognition] });
      expect(valid.ok).toBe(true);
      if (valid.ok) expect(batched).toBe(storedProfile(valid.profile));
    }
  });

  it('screenProfile gives summarise\'s status, amount and amount kind for every provision, before and after', async () => {
    const pack = testPack();
    const calculator = new Calculator(pack, await loadRules(pack));
    const cases = [...(await sampleCases()), ...generatedCases(300)];
    let eligibleAfter = 0;
    for (const { profile, recognition } of cases) {
      const before = JSON.parse(storedProfile(profile)) as Profile;
      const after = JSON.parse(storedProfile({ ...profile, recognitions: [...(profile.recognitions ?? []), recognition] })) as Profile;
      for (const p of [before, after]) {
        const summary = calculator.summarise(p, { year: 2025 });
        if (!summary.ok) throw new Error(`profile ${p.id} is not valid`);
        const expected = summary.summary.results.map((r) => ({ provision: r.provision, status: r.status, amount_kind: r.amount_kind, ...(r.amount === undefined ? {} : { amount: r.amount }) }));
        expect(screenProfile(pack, calculator.rules, p, { year: 2025 })).toEqual(expected);
      }
      if (screenProfile(pack, calculator.rules, after, { year: 2025 }).some((r) => r.provision === 'hte-new' && r.status === 'eligible')) eligibleAfter++;
    }
    // Not vacuous: the recognition opens hte-new (新认定国家高新技术企业) for the listed enterprises.
    expect(eligibleAfter).toBeGreaterThan(400);
  });
});
