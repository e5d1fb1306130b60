// Entry point of one measurement process, forked by run.ts:
//   node --import tsx --expose-gc bench/engine/child.ts ENGINE SIZE RUNS SEED
// The result goes back over IPC when forked, else to stdout as JSON.
import { ENGINES, measure, type EngineId } from './measure.ts';

const [engine, size, runs, seed] = process.argv.slice(2);
if (!ENGINES.includes(engine as EngineId)) throw new Error(`unknown engine "${engine}"; one of ${ENGINES.join(', ')}`);
const result = await measure(engine as EngineId, Number(size), Number(runs), Number(seed));
if (process.send) {
  await new Promise<void>((resolve, reject) => process.send!(result, (err: Error | null) => (err ? reject(err) : resolve())));
} else {
  console.log(JSON.stringify(result));
}
