// R1–R10 in json-rules-engine 7: conditions in its JSON rule format; what its operators cannot say is
// written in JavaScript, as the workload notes — custom operators for "a list holds an item such that…"
// and for the cross-multiplied ratio tests, computed (dynamic) facts for lookups and arithmetic (sums,
// floor of a percentage, caps). Amounts come back as event params resolved from facts
// (replaceFactsInEventParams). One engine.run() per enterprise, awaited.
import { Engine, type Almanac, type RuleProperties } from 'json-rules-engine';
import { P, RULES, Y } from '../params.ts';
import type { Contract, Enterprise, FinancialYear, Premium, Project, Recognition } from '../population.ts';

const START = `${Y}-01-01`;
const END = `${Y}-12-31`;

interface RecognitionSpec { type: string; event?: string; levels?: string[]; from: string; to: string }
interface Pair { a: number; b: number }

/** Per-enterprise input: the enterprise's own fields as runtime facts. */
export type JreFacts = Omit<Enterprise, 'index'>;

export function toJreFacts(e: Enterprise): JreFacts {
  return {
    industrial: e.industrial, above_scale_entry_year: e.above_scale_entry_year, recognitions: e.recognitions,
    financial_years: e.financial_years, contracts: e.contracts, projects: e.projects, premiums: e.premiums,
  };
}

const fyOf = (fys: FinancialYear[], year: number) => fys.find((f) => f.year === year);
const floorPct = (x: number, rate: number) => Math.floor((x * rate) / 100);

const recognised = (spec: RecognitionSpec) => ({ fact: 'recognitions', operator: 'hasRecognition', value: spec });
const inYear = { from: START, to: END };

function rules(): RuleProperties[] {
  const highRd = (year: number) => [
    { fact: 'rdPair', params: { year }, operator: 'grewAtLeastPercent', value: P.r5Growth },
    { fact: 'rdOverRevenue', params: { year }, operator: 'ratioAtLeastPercent', value: P.r5Intensity },
    { fact: 'rdIncrease', params: { year }, operator: 'greaterThanInclusive', value: P.r5Increase },
  ];
  const amount = (type: string, value: unknown) => ({ type, params: { amount: value } });
  return [
    { name: 'r1', conditions: { all: [recognised({ type: 'high-tech-enterprise', event: 'new', ...inYear })] }, event: amount('r1', P.r1) },
    {
      name: 'r2',
      conditions: { all: [recognised({ type: 'high-tech-enterprise', event: 'reexam', ...inYear }), { not: recognised({ type: 'high-tech-enterprise', event: 'new', ...inYear }) }] },
      event: amount('r2', P.r2),
    },
    { name: 'r3', conditions: { all: [recognised({ type: 'sci-tech-sme', event: 'new', levels: ['provincial'], ...inYear })] }, event: amount('r3', P.r3) },
    { name: 'r4', conditions: { all: [recognised({ type: 'eaglet', levels: ['city'], ...inYear })] }, event: amount('r4', P.r4) },
    {
      name: 'r5',
      conditions: { all: [{ fact: 'recognitions', operator: 'holdsValidCertificate', value: { type: 'high-tech-enterprise', ...inYear } }, ...highRd(Y - 1), ...highRd(Y - 2)] },
      event: amount('r5', { fact: 'rdIncreaseGrant', params: { year: Y - 1, rate: P.r5Rate, cap: P.r5Cap } }),
    },
    {
      name: 'r6',
      conditions: {
        all: [
          { fact: 'fy', params: { year: Y - 1, field: 'above_scale' }, operator: 'equal', value: true },
          { fact: 'fy', params: { year: Y - 1, field: 'rd_expense' }, operator: 'greaterThanInclusive', value: P.r6Threshold },
          { fact: 'maxRdBefore', params: { year: Y - 1 }, operator: 'lessThan', value: P.r6Threshold },
        ],
      },
      event: amount('r6', P.r6),
    },
    {
      name: 'r7',
      conditions: { all: [{ fact: 'contractsInYear', params: inYear, operator: 'greaterThan', value: 0 }] },
      event: amount('r7', { fact: 'contractGrant', params: { ...inYear, rate: P.r7Rate, cap: P.r7Cap } }),
    },
    {
      name: 'r8',
      conditions: { all: [{ fact: 'upgradesInYear', params: { year: Y }, operator: 'greaterThan', value: 0 }] },
      event: amount('r8', { fact: 'upgradeGrant', params: { year: Y, rate: P.r8Rate } }),
    },
    {
      name: 'r9',
      conditions: { all: [{ fact: 'premiumsInYear', params: { year: Y }, operator: 'greaterThan', value: 0 }] },
      event: amount('r9', { fact: 'premiumGrant', params: { year: Y, rate: P.r9Rate, keyRate: P.r9KeyRate } }),
    },
    {
      name: 'r10-entry',
      conditions: { all: [{ fact: 'industrial', operator: 'equal', value: true }, { fact: 'above_scale_entry_year', operator: 'equal', value: Y }] },
      event: amount('r10', P.r10Entry),
    },
    {
      name: 'r10-retention',
      conditions: {
        all: [
          { fact: 'industrial', operator: 'equal', value: true },
          { fact: 'above_scale_entry_year', operator: 'notEqual', value: null },
          { fact: 'above_scale_entry_year', operator: 'lessThanInclusive', value: Y - P.r10Years },
          { fact: 'aboveScaleEveryYearSinceEntry', params: { to: Y - 1 }, operator: 'equal', value: true },
        ],
      },
      event: amount('r10', P.r10Retention),
    },
  ];
}

export function buildJreEngine(): Engine {
  const engine = new Engine(rules(), { replaceFactsInEventParams: true, allowUndefinedFacts: true });
  engine.addOperator<Recognition[], RecognitionSpec>('hasRecognition', (list, s) => list.some((r) =>
    r.type === s.type && (s.event === undefined || r.event === s.event) && (s.levels === undefined || s.levels.includes(r.level)) && r.date >= s.from && r.date <= s.to));
  engine.addOperator<Recognition[], RecognitionSpec>('holdsValidCertificate', (list, s) => list.some((r) =>
    r.type === s.type && r.date <= s.to && r.valid_until !== undefined && r.valid_until >= s.from));
  engine.addOperator<Pair | undefined, number>('grewAtLeastPercent', (v, p) => v !== undefined && v.a * 100 >= v.b * (100 + p));
  engine.addOperator<Pair | undefined, number>('ratioAtLeastPercent', (v, p) => v !== undefined && v.a * 100 >= v.b * p);

  const fys = (a: Almanac) => a.factValue<FinancialYear[]>('financial_years');
  engine.addFact('fy', async (p, a) => fyOf(await fys(a), p.year as number)?.[p.field as keyof FinancialYear]);
  engine.addFact('rdPair', async (p, a): Promise<Pair | undefined> => {
    const list = await fys(a);
    const cur = fyOf(list, p.year as number), prev = fyOf(list, (p.year as number) - 1);
    return cur && prev ? { a: cur.rd_expense, b: prev.rd_expense } : undefined;
  });
  engine.addFact('rdOverRevenue', async (p, a): Promise<Pair | undefined> => {
    const cur = fyOf(await fys(a), p.year as number);
    return cur ? { a: cur.rd_expense, b: cur.revenue } : undefined;
  });
  engine.addFact('rdIncrease', async (p, a) => {
    const list = await fys(a);
    const cur = fyOf(list, p.year as number), prev = fyOf(list, (p.year as number) - 1);
    return cur && prev ? cur.rd_expense - prev.rd_expense : undefined;
  });
  engine.addFact('rdIncreaseGrant', async (p, a) => {
    const inc = await a.factValue<number>('rdIncrease', { year: p.year });
    return Math.min(floorPct(inc, p.rate as number), p.cap as number);
  });
  engine.addFact('maxRdBefore', async (p, a) => {
    let max = -1;
    for (const f of await fys(a)) if (f.year < (p.year as number) && f.rd_expense > max) max = f.rd_expense;
    return max;
  });
  const contractsIn = async (p: Record<string, unknown>, a: Almanac) =>
    (await a.factValue<Contract[]>('contracts')).filter((c) => c.registered_on >= (p.from as string) && c.registered_on <= (p.to as string));
  engine.addFact('contractsInYear', async (p, a) => (await contractsIn(p, a)).length);
  engine.addFact('contractGrant', async (p, a) => Math.min(floorPct((await contractsIn(p, a)).reduce((s, c) => s + c.amount, 0), p.rate as number), p.cap as number));
  const upgradesIn = async (p: Record<string, unknown>, a: Almanac) =>
    (await a.factValue<Project[]>('projects')).filter((j) => j.kind === 'equipment-upgrade' && j.key_sector && j.year === p.year);
  engine.addFact('upgradesInYear', async (p, a) => (await upgradesIn(p, a)).length);
  engine.addFact('upgradeGrant', async (p, a) => floorPct((await upgradesIn(p, a)).reduce((s, j) => s + j.actual_investment, 0), p.rate as number));
  const premiumsIn = async (p: Record<string, unknown>, a: Almanac) =>
    (await a.factValue<Premium[]>('premiums')).filter((m) => m.kind === 'short-term-export-credit' && m.year === p.year);
  engine.addFact('premiumsInYear', async (p, a) => (await premiumsIn(p, a)).length);
  engine.addFact('premiumGrant', async (p, a) =>
    (await premiumsIn(p, a)).reduce((s, m) => s + floorPct(m.amount, (m.key_country ? p.keyRate : p.rate) as number), 0));
  engine.addFact('aboveScaleEveryYearSinceEntry', async (p, a) => {
    const entry = await a.factValue<number | null>('above_scale_entry_year');
    if (entry === null) return false;
    const list = await fys(a);
    for (let y = entry; y <= (p.to as number); y++) if (fyOf(list, y)?.above_scale !== true) return false;
    return true;
  });
  return engine;
}

const SLOT: Record<string, number> = { r1: 0, r2: 1, r3: 2, r4: 3, r5: 4, r6: 5, r7: 6, r8: 7, r9: 8, r10: 9 };

/** One awaited engine.run() per enterprise; the fired events' amounts into the result rows. */
export async function runJre(engine: Engine, facts: readonly JreFacts[], out: Float64Array): Promise<void> {
  for (let i = 0; i < facts.length; i++) {
    const o = i * RULES;
    out.fill(0, o, o + RULES);
    const { events } = await engine.run(facts[i] as unknown as Record<string, unknown>);
    for (const ev of events) out[o + SLOT[ev.type]!]! += ev.params!.amount as number;
  }
}
