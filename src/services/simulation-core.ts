// One partition of a simulation: evaluates chunks of profiles under each variant (baseline, and the reform
// when there is one), keeping only totals: per provision, the distribution of what each beneficiary gets,
// and (with a reform) winners and losers. Runs in a worker thread (simulation-worker.ts) or inline for
// small populations. The rules are compiled once, in the main thread (simulation-plan.ts): a worker gets
// the generated source, so it loads neither the pack nor the rules (seconds of start-up per worker).
import { runnerOf } from '../core/engine/compile.ts';
import type { StackingRuleSpec } from '../core/engine/stacking.ts';
import type { ParameterSetting } from '../core/pack.ts';
import type { Profile } from '../core/profile.ts';
import type { ProvisionTotals } from './batch-core.ts';

export interface SimulationTask {
  edition: string;
  year: number;
  asOf: string;
  /** Parameter settings per variant: [baseline] or [baseline, reform]. */
  variants: ParameterSetting[][];
}

/**
 * Bands of what one beneficiary gets in total (yuan, before take-up): lower bounds, ascending. A
 * beneficiary with nothing eligible is counted in no band (see `none`).
 */
export const BANDS = [1, 10_000, 100_000, 300_000, 500_000, 1_000_000, 5_000_000] as const;

export interface VariantTotals {
  provisions: ProvisionTotals[];
  /** Beneficiaries per band of BANDS (the last band is open-ended). */
  bands: number[];
  /** Beneficiaries with no eligible amount. */
  none: number;
}

export interface PartitionTotals {
  ids: string[];
  count: number;
  variants: VariantTotals[];
  /** With a reform: beneficiaries who get more, less, or the same (in total, before take-up). */
  winners: number;
  losers: number;
  unchanged: number;
}

export const bandOf = (total: number): number => {
  let band = -1;
  for (let b = 0; b < BANDS.length; b++) if (total >= BANDS[b]!) band = b;
  return band;
};

/** The compiled rules of each variant, as plain data that can be sent to a worker thread. */
export interface PartitionPlan {
  ids: string[];
  variants: { source: string; stacking: readonly StackingRuleSpec[] }[];
}

/** A partition; add() takes profiles in canonical shape (decodeChunk and unpackProfiles give them so). */
export function createPartition(plan: PartitionPlan): { add(profiles: readonly Profile[]): void; totals(): PartitionTotals } {
  const compiled = plan.variants.map((v) => ({ run: runnerOf(v.source, v.stacking) }));
  const ids = plan.ids;
  const n = ids.length;
  const result: PartitionTotals = {
    ids, count: 0, winners: 0, losers: 0, unchanged: 0,
    variants: compiled.map(() => ({ provisions: ids.map(() => ({ eligible: 0, amount: 0, pending: 0, undetermined: 0, excluded: 0 })), bands: BANDS.map(() => 0), none: 0 })),
  };
  const out = new Float64Array(n);
  const perVariant = new Float64Array(compiled.length);
  return {
    add(profiles) {
      for (const profile of profiles) {
        for (let v = 0; v < compiled.length; v++) {
          compiled[v]!.run(profile, out);
          const totals = result.variants[v]!;
          let sum = 0;
          for (let s = 0; s < n; s++) {
            const value = out[s]!;
            const t = totals.provisions[s]!;
            if (value >= 0) { t.eligible++; t.amount += value; sum += value; }
            else if (value === -3) t.pending++;
            else if (value === -2) t.undetermined++;
            else if (value === -5) t.excluded++;
          }
          const band = bandOf(sum);
          if (band < 0) totals.none++;
          else totals.bands[band]!++;
          perVariant[v] = sum;
        }
        if (compiled.length > 1) {
          if (perVariant[1]! > perVariant[0]!) result.winners++;
          else if (perVariant[1]! < perVariant[0]!) result.losers++;
          else result.unchanged++;
        }
        result.count++;
      }
    },
    totals: () => result,
  };
}

/** Adds partition b into a (same ids and variants). */
export function mergeTotals(a: PartitionTotals, b: PartitionTotals): PartitionTotals {
  a.count += b.count; a.winners += b.winners; a.losers += b.losers; a.unchanged += b.unchanged;
  a.variants.forEach((va, v) => {
    const vb = b.variants[v]!;
    va.none += vb.none;
    vb.bands.forEach((c, i) => { va.bands[i]! += c; });
    va.provisions.forEach((t, s) => {
      const u = vb.provisions[s]!;
      t.eligible += u.eligible; t.amount += u.amount; t.pending += u.pending; t.undetermined += u.undetermined; t.excluded += u.excluded;
    });
  });
  return a;
}
