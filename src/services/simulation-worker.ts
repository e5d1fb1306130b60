// A simulation worker: compiles the rules once per variant, then decodes and evaluates the chunks of
// profiles (as stored: packed, or JSON) the main thread sends, answering each with 'done' so that the main
// thread keeps only a few chunks in flight; 'end' asks for the totals.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeChunk, type StoredChunk } from './population-codec.ts';
import { createPartition, type SimulationTask } from './simulation-core.ts';

const partition = await createPartition(workerData as SimulationTask);
parentPort!.on('message', (message: { chunk?: StoredChunk; end?: true }) => {
  if (message.chunk !== undefined) {
    const profiles = decodeChunk(message.chunk);
    partition.add(profiles);
    parentPort!.postMessage({ done: profiles.length });
  } else if (message.end) {
    parentPort!.postMessage({ totals: partition.totals() });
  }
});
parentPort!.postMessage({ ready: true });
