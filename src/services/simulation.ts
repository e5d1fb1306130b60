// Budget-impact simulation (预算影响测算): a stored population evaluated under the current pack and parameter
// settings, with take-up assumptions per provision, reported per provision, article, domain and department,
// against the pack's budget lines, with the distribution of what beneficiaries get; and with a reform
// (parameter values changed or set), baseline against reform: cost changes, winners and losers.
//
// Rounding rule (documented in the report): a provision's cost is its eligible amount summed over the
// population, times its take-up percentage, divided by 100, rounded half up to whole yuan — once per
// provision, never per beneficiary; claimants likewise (eligible × take-up / 100, half up). Articles,
// domains, departments and totals add up the rounded provision costs, so the parts always sum to the whole.
import type { ParameterSetting, Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import { SYSTEM_ACTOR, type Actor } from './actor.ts';
import { forbidden, invalid } from './errors.ts';
import { parameterSettings } from './parameter-settings.ts';
import { findPopulation, type PopulationView } from './populations.ts';
import { BANDS, type PartitionTotals, type VariantTotals } from './simulation-core.ts';
import { evaluatePopulation, type RunOptions } from './simulation-run.ts';

export { SimulationCancelled } from './simulation-run.ts';

export const TAKE_UP_RULE = 'cost = round_half_up(eligible amount summed over the population × take-up% / 100), per provision; groups add the rounded provision costs';
export const NET_OF_OVERLAPS = 'D09 (the 110.4亿 total) is net of overlaps (除交叉重叠部分外): the domain and article lines overlap it and are not expected to add up to it';

/** Half up, for non-negative numbers: the documented rule. */
export const takeUpCost = (amount: number, percent: number): number => Math.floor((Math.round(amount) * percent + 50) / 100);

/** `hte-new=80,sme-province-new=50` or an object of provision → whole percent (0–100). */
export function parseTakeUp(pack: Pack, spec: string | Record<string, unknown> | undefined): Map<string, number> {
  const entries: [string, unknown][] = spec === undefined ? []
    : typeof spec === 'string' ? spec.split(',').filter((s) => s.trim() !== '').map((s) => { const [k, v] = s.split('='); return [k!.trim(), v === undefined ? NaN : Number(v)]; })
    : Object.entries(spec);
  const known = new Set([...pack.provisions.map((p) => p.id), ...pack.taxPreferences.map((t) => t.id)]);
  const result = new Map<string, number>();
  for (const [id, value] of entries) {
    if (!known.has(id)) throw invalid(`takeUp.${id}: no such provision`, [{ path: `takeUp.${id}`, message: 'unknown provision' }]);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
      throw invalid(`takeUp.${id}: must be a whole percent from 0 to 100`, [{ path: `takeUp.${id}`, message: 'not a percent 0–100' }]);
    }
    result.set(id, value);
  }
  return result;
}

/** A reform's parameter values as settings, refused (naming the parameter) when negative or above 100%. */
export function reformSettings(pack: Pack, reform: Record<string, unknown>): ParameterSetting[] {
  return Object.entries(reform).map(([id, value]) => {
    const parameter = pack.parameters.find((p) => p.id === id);
    const path = `reform.${id}`;
    if (!parameter) throw invalid(`${path}: no such parameter`, [{ path, message: 'unknown parameter' }]);
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`${path}: must be a whole number`, [{ path, message: 'not an integer' }]);
    if (value < 0) throw invalid(`${path}: ${value} is negative`, [{ path, message: 'negative' }]);
    if (parameter.unit === 'percent' && value > 100) throw invalid(`${path}: ${value}% is above 100%`, [{ path, message: 'rate above 100%' }]);
    if (parameter.unit === 'ratio' && value > (parameter.denominator ?? 1)) {
      throw invalid(`${path}: ${value}/${parameter.denominator ?? 1} is above 100%`, [{ path, message: 'rate above 100%' }]);
    }
    return { parameter: id, value, from: pack.meta.validity.from, source: 'reform (simulation)' };
  });
}

export interface ProvisionLine {
  id: string;
  title: string;
  kind: 'grant' | 'tax-preference';
  article: number | null;
  domain: number | null;
  department: string | null;
  take_up_percent: number;
  eligible: number;
  claimants: number;
  amount_yuan: number;
  cost_yuan: number;
  /** Eligible but the amount waits on an unset parameter: counted, no amount invented. */
  pending: number;
  undetermined: number;
  excluded: number;
}

export interface GroupLine { key: string; title: string; awards: number; cost_yuan: number; pending: number }

export interface BudgetComparison {
  id: string; label: string; kind: string; scope: string; budget_yuan: number | null; cost_yuan: number; share_percent: number | null; note?: string;
}

export interface VariantReport {
  provisions: ProvisionLine[];
  articles: GroupLine[];
  domains: GroupLine[];
  departments: GroupLine[];
  /** Grants only: tax preferences are relief, not spending. */
  total_cost_yuan: number;
  budgets: BudgetComparison[];
  distribution: { none: number; bands: { from_yuan: number; to_yuan: number | null; beneficiaries: number }[] };
}

export interface SimulationReport {
  population: PopulationView;
  edition: string;
  year: number;
  as_of: string;
  evaluated: number;
  rounding: string;
  baseline: VariantReport;
  reform?: VariantReport & { parameters: Record<string, number> };
  comparison?: {
    winners: number; losers: number; unchanged: number; total_change_yuan: number;
    provisions: { id: string; baseline_yuan: number; reform_yuan: number; change_yuan: number }[];
    domains: { key: string; title: string; baseline_yuan: number; reform_yuan: number; change_yuan: number }[];
  };
  wall_ms: number;
}

function group(lines: ProvisionLine[], keyOf: (l: ProvisionLine) => string | null, titleOf: (key: string) => string): GroupLine[] {
  const groups = new Map<string, GroupLine>();
  for (const l of lines) {
    const key = keyOf(l);
    if (key === null || l.kind !== 'grant') continue;
    const g = groups.get(key) ?? { key, title: titleOf(key), awards: 0, cost_yuan: 0, pending: 0 };
    g.awards += l.claimants; g.cost_yuan += l.cost_yuan; g.pending += l.pending;
    groups.set(key, g);
  }
  return [...groups.values()];
}

function variantReport(pack: Pack, ids: string[], totals: VariantTotals, takeUp: Map<string, number>): VariantReport {
  const provisions: ProvisionLine[] = ids.map((id, s) => {
    const t = totals.provisions[s]!;
    const provision = pack.provisions.find((p) => p.id === id);
    const tax = pack.taxPreferences.find((p) => p.id === id);
    const section = provision?.section ?? tax?.section;
    const article = section?.kind === 'article' ? section.number : null;
    const domain = section?.kind === 'domain' ? section.number : article !== null ? pack.articles.find((a) => a.number === article)?.domain ?? null : null;
    const percent = takeUp.get(id) ?? 100;
    return {
      id, title: (provision ?? tax)?.title.zh ?? id, kind: provision ? 'grant' : 'tax-preference', article, domain, department: provision?.department ?? null,
      take_up_percent: percent, eligible: t.eligible, claimants: takeUpCost(t.eligible, percent), amount_yuan: Math.round(t.amount),
      cost_yuan: takeUpCost(t.amount, percent), pending: t.pending, undetermined: t.undetermined, excluded: t.excluded,
    };
  });
  const articles = group(provisions, (l) => (l.article === null ? null : String(l.article)), (k) => pack.articles.find((a) => a.number === Number(k))?.title ?? k);
  const domains = group(provisions, (l) => (l.domain === null ? null : String(l.domain)), (k) => pack.domains.find((d) => d.number === Number(k))?.title ?? k);
  const departments = group(provisions, (l) => l.department, (k) => k);
  const total = provisions.filter((l) => l.kind === 'grant').reduce((sum, l) => sum + l.cost_yuan, 0);
  const budgets = pack.budgets.map((b): BudgetComparison => {
    const s = b.section;
    const cost = s.kind === 'document' ? total : (s.kind === 'domain' ? domains : articles).find((g) => g.key === String(s.number))?.cost_yuan ?? 0;
    const amount = b.kind === 'exact' || b.kind === 'at-least' ? b.amount_yuan ?? null : null;
    return {
      id: b.id, label: b.label.zh, kind: b.kind, scope: s.kind === 'document' ? 'document' : `${s.kind} ${s.number}`, budget_yuan: amount, cost_yuan: cost,
      share_percent: amount ? Math.round((cost * 1000) / amount) / 10 : null,
      ...(b.id === 'D09' || s.kind === 'document' ? { note: NET_OF_OVERLAPS } : b.kind === 'share' ? { note: 'a share of spending, not an amount' } : {}),
    };
  });
  return {
    provisions, articles, domains, departments, total_cost_yuan: total, budgets,
    distribution: { none: totals.none, bands: BANDS.map((from, i) => ({ from_yuan: from, to_yuan: i + 1 < BANDS.length ? BANDS[i + 1]! - 1 : null, beneficiaries: totals.bands[i]! })) },
  };
}

export interface SimulationRequest {
  population: string;
  takeUp?: string | Record<string, unknown>;
  reform?: Record<string, unknown>;
}

// The policy office and finance plan with it; the system (the CLI on the server) too.
export const mayRun = (actor: Actor) => actor.role === 'policy' || actor.role === 'finance' || actor.id === SYSTEM_ACTOR.id;

export async function simulate(db: Db, actor: Actor, pack: Pack, request: SimulationRequest, options: RunOptions & { maxSize?: number } = {}): Promise<SimulationReport> {
  if (!mayRun(actor)) throw forbidden(`a ${actor.role} account may not run simulations`);
  const started = performance.now();
  const takeUp = parseTakeUp(pack, request.takeUp);
  const reform = request.reform === undefined ? undefined : reformSettings(pack, request.reform);
  const population = await findPopulation(db, request.population);
  if (options.maxSize !== undefined && population.size > options.maxSize) {
    throw invalid(`population: ${population.size} profiles is over this interface's limit of ${options.maxSize} (use the CLI)`, [{ path: 'population', message: 'too large' }]);
  }
  const edition = pack.meta.edition;
  const settings = await parameterSettings(db, edition);
  const asOf = `${population.year}-12-31`;
  const totals: PartitionTotals = await evaluatePopulation(db, population.id, population.size, {
    edition, year: population.year, asOf, variants: reform ? [settings, [...settings, ...reform]] : [settings],
  }, options);
  const baseline = variantReport(pack, totals.ids, totals.variants[0]!, takeUp);
  const report: SimulationReport = { population, edition, year: population.year, as_of: asOf, evaluated: totals.count, rounding: TAKE_UP_RULE, baseline, wall_ms: 0 };
  if (reform) {
    const after = variantReport(pack, totals.ids, totals.variants[1]!, takeUp);
    report.reform = { ...after, parameters: Object.fromEntries(reform.map((s) => [s.parameter, s.value])) };
    report.comparison = {
      winners: totals.winners, losers: totals.losers, unchanged: totals.unchanged, total_change_yuan: after.total_cost_yuan - baseline.total_cost_yuan,
      provisions: baseline.provisions.map((b, i) => ({ id: b.id, baseline_yuan: b.cost_yuan, reform_yuan: after.provisions[i]!.cost_yuan, change_yuan: after.provisions[i]!.cost_yuan - b.cost_yuan })),
      domains: baseline.domains.map((d) => {
        const r = after.domains.find((x) => x.key === d.key)?.cost_yuan ?? 0;
        return { key: d.key, title: d.title, baseline_yuan: d.cost_yuan, reform_yuan: r, change_yuan: r - d.cost_yuan };
      }),
    };
  }
  report.wall_ms = Math.round(performance.now() - started);
  return report;
}
