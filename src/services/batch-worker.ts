// A batch worker: compiles the rules once, then evaluates its partition of a population.
import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePartition, type PartitionTask } from './batch-core.ts';

const task = workerData as PartitionTask;
const result = await evaluatePartition(task);
parentPort!.postMessage(result, result.amounts ? [result.amounts.buffer as ArrayBuffer] : []);
