// Evaluation of a population partition in batch mode (compiled rules, no trace). Runs in a worker
// thread, or inline for small jobs.
import { compileRules } from '../core/engine/compile.ts';
import { exclusionPairs, parametersAt, stackingSpecs } from '../core/engine/engine.ts';
import { generateProfile } from '../core/population.ts';
import { canonicalProfile, type Profile } from '../core/profile.ts';
import { loadEdition } from '../pack/loader.ts';
import { loadRules } from '../pack/rules.ts';

export interface PartitionTask {
  edition: string;
  year: number;
  asOf?: string;
  /** Generated population (seed, index range), or the profiles themselves. */
  generated?: { seed: number; start: number; count: number };
  profiles?: Profile[];
  /** Return every profile's slots (count × ids.length), not only the totals. */
  keepAmounts?: boolean;
}

export interface ProvisionTotals {
  eligible: number;
  amount: number;
  pending: number;
  undetermined: number;
  excluded: number;
}

export interface PartitionResult {
  ids: string[];
  count: number;
  totals: ProvisionTotals[];
  amounts?: Float64Array;
  /** Milliseconds spent evaluating (compiled rules only; generation excluded). */
  evaluateMs: number;
}

export async function evaluatePartition(task: PartitionTask): Promise<PartitionResult> {
  const pack = loadEdition(task.edition);
  const rules = await loadRules(pack);
  const asOf = task.asOf ?? `${task.year}-12-31`;
  const compiled = compileRules(rules, {
    year: task.year,
    params: parametersAt(pack, asOf),
    exclusions: exclusionPairs(pack),
    stacking: stackingSpecs(pack, rules.map((r) => r.provision)),
    inForce: pack.meta.validity.from <= asOf && asOf <= pack.meta.validity.to,
  });
  const n = compiled.ids.length;
  const count = task.profiles?.length ?? task.generated?.count ?? 0;
  const totals = compiled.ids.map(() => ({ eligible: 0, amount: 0, pending: 0, undetermined: 0, excluded: 0 }));
  const out = new Float64Array(n);
  const amounts = task.keepAmounts ? new Float64Array(count * n) : undefined;
  let evaluateNs = 0n;
  const CHUNK = 4096;
  for (let base = 0; base < count; base += CHUNK) {
    const size = Math.min(CHUNK, count - base);
    const chunk = (task.profiles ? task.profiles.slice(base, base + size) : Array.from({ length: size }, (_, i) => generateProfile(task.generated!.start + base + i, { seed: task.generated!.seed, year: task.year }))).map(canonicalProfile);
    const started = process.hrtime.bigint();
    for (let i = 0; i < size; i++) {
      compiled.run(chunk[i]!, out);
      for (let s = 0; s < n; s++) {
        const v = out[s]!;
        const t = totals[s]!;
        if (v >= 0) { t.eligible++; t.amount += v; }
        else if (v === -3) t.pending++;
        else if (v === -2) t.undetermined++;
        else if (v === -5) t.excluded++;
      }
      if (amounts) amounts.set(out, (base + i) * n);
    }
    evaluateNs += process.hrtime.bigint() - started;
  }
  return { ids: compiled.ids, count, totals, amounts, evaluateMs: Number(evaluateNs) / 1e6 };
}
