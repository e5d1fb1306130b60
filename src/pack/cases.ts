// Tests written from the text, kept beside each article (d<N>/a<NN>.cases.yaml): a sentence for a
// name, a policy year, a profile, and the expected result of each provision, computed by hand from
// the clause. One runner executes them (the test suite and `zhida policy coverage`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { creditCodeCheckChar, idCardCheckChar } from '../core/identity.ts';
import type { Pack } from '../core/pack.ts';
import { validateProfile } from '../core/profile.ts';
import { evaluateProfile, type Evaluation, type ProvisionRule } from '../core/engine/engine.ts';
import { PackLoadError, readYamlFile, type PackIssue } from './read-yaml.ts';

const Expectation = z.strictObject({
  status: z.enum(['eligible', 'not-eligible', 'undetermined', 'pending', 'not-in-force', 'not-applicable', 'excluded']),
  amount: z.number().int().nonnegative().optional(),
  /** Facts the result must name as missing (each must appear). */
  missing: z.array(z.string()).optional(),
  /** Parameters the result must name as unset. */
  pending: z.array(z.string()).optional(),
  /** Shortfall of the first near miss (e.g. 12000 yuan more R&D). */
  near_miss: z.number().int().positive().optional(),
});
export type Expectation = z.infer<typeof Expectation>;

export const TestCase = z.strictObject({
  name: z.string().min(5),
  year: z.number().int().default(2025),
  as_of: z.string().optional(),
  /** The profile; id and name may be left out (a valid test identity is filled in). */
  profile: z.record(z.string(), z.unknown()),
  expect: z.record(z.string(), Expectation).refine((e) => Object.keys(e).length > 0, 'expect at least one provision'),
});
export type TestCase = z.infer<typeof TestCase>;
export const CasesFile = z.strictObject({ cases: z.array(TestCase).min(1) });

export interface LoadedCase extends TestCase {
  file: string;
  line?: number;
}

export function loadCases(dir: string): LoadedCase[] {
  const issues: PackIssue[] = [];
  const cases: LoadedCase[] = [];
  for (const domain of readdirSync(dir).filter((d) => /^d\d+$/.test(d)).sort()) {
    for (const file of readdirSync(join(dir, domain)).filter((f) => /^a\d{2}\.cases\.yaml$/.test(f)).sort()) {
      const parsed = readYamlFile(join(dir, domain, file), `${domain}/${file}`, CasesFile, issues);
      parsed?.data.cases.forEach((c, i) => cases.push({ ...c, file: parsed.file, line: parsed.lineOf(['cases', i]) }));
    }
  }
  if (issues.length > 0) throw new PackLoadError(issues);
  return cases;
}

const TEST_ORG_ID = (() => {
  const base = '91330108MA2AY1234';
  return base + creditCodeCheckChar(base)!;
})();
const TEST_PERSON_ID = (() => {
  const base = '33010819800101001';
  return base + idCardCheckChar(base)!;
})();

export interface CaseOutcome {
  case: LoadedCase;
  failures: string[];
  evaluation?: Evaluation;
}

export function runCase(pack: Pack, rules: readonly ProvisionRule[], c: LoadedCase): CaseOutcome {
  const person = c.profile.kind === 'individual' || c.profile.kind === 'household';
  const input = { id: person ? TEST_PERSON_ID : TEST_ORG_ID, name: '测试主体', ...c.profile };
  const valid = validateProfile(input);
  if (!valid.ok) return { case: c, failures: valid.problems.map((p) => `profile ${p.path}: ${p.message.en}`) };
  const evaluation = evaluateProfile(pack, rules, valid.profile, { year: c.year, asOf: c.as_of });
  const failures: string[] = [];
  for (const [id, expected] of Object.entries(c.expect)) {
    const result = evaluation.results.find((r) => r.provision === id);
    if (!result) {
      failures.push(`no result for "${id}"`);
      continue;
    }
    if (result.status !== expected.status) failures.push(`${id}: status ${result.status}, expected ${expected.status}${result.missing_facts.length ? ` (missing ${result.missing_facts.join(', ')})` : ''}`);
    if (expected.amount !== undefined && result.amount !== expected.amount) failures.push(`${id}: amount ${result.amount}, expected ${expected.amount}`);
    for (const fact of expected.missing ?? []) if (!result.missing_facts.includes(fact)) failures.push(`${id}: missing facts ${JSON.stringify(result.missing_facts)} lack "${fact}"`);
    for (const p of expected.pending ?? []) if (!result.pending_parameters.includes(p)) failures.push(`${id}: pending parameters ${JSON.stringify(result.pending_parameters)} lack "${p}"`);
    if (expected.near_miss !== undefined && result.near_misses[0]?.shortfall !== expected.near_miss) failures.push(`${id}: near miss ${result.near_misses[0]?.shortfall}, expected ${expected.near_miss}`);
  }
  return { case: c, failures, evaluation };
}

export interface CoverageRow {
  provision: string;
  catalogue: string;
  article: number | undefined;
  cases: number;
}

/** Cases per provision (and stated tax preference): a case counts for each provision it expects. */
export function coverage(pack: Pack, cases: LoadedCase[]): CoverageRow[] {
  const items = [
    ...pack.provisions.map((p) => ({ id: p.id, catalogue: p.catalogue, section: p.section })),
    ...pack.taxPreferences.filter((t) => t.basis === 'stated').map((t) => ({ id: t.id, catalogue: t.catalogue, section: t.section })),
  ];
  return items.map((item) => ({
    provision: item.id,
    catalogue: item.catalogue,
    article: item.section.kind === 'article' ? item.section.number : undefined,
    cases: cases.filter((c) => item.id in c.expect).length,
  }));
}

