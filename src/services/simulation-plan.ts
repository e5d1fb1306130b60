// Compiles a simulation's rules once per variant in the main thread, as the plan its partitions (inline or
// in worker threads) run: the pack with each variant's parameter settings, the parameters in force at the
// as-of date, exclusions and stacking rules, exactly as single evaluation reads them.
import { compileRules } from '../core/engine/compile.ts';
import { exclusionPairs, parametersAt, stackingSpecs } from '../core/engine/engine.ts';
import { withParameterSettings } from '../core/pack.ts';
import { loadEdition } from '../pack/loader.ts';
import { loadRules } from '../pack/rules.ts';
import type { PartitionPlan, SimulationTask } from './simulation-core.ts';

export async function planPartition(task: SimulationTask): Promise<PartitionPlan> {
  const base = loadEdition(task.edition);
  const rules = await loadRules(base);
  const compiled = task.variants.map((settings) => {
    const pack = withParameterSettings(base, settings);
    return compileRules(rules, {
      year: task.year,
      params: parametersAt(pack, task.asOf),
      exclusions: exclusionPairs(pack),
      stacking: stackingSpecs(pack, rules.map((r) => r.provision)),
      inForce: pack.meta.validity.from <= task.asOf && task.asOf <= pack.meta.validity.to,
    });
  });
  return { ids: compiled[0]!.ids, variants: compiled.map((c) => ({ source: c.source, stacking: c.stacking })) };
}
