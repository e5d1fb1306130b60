// A simulation worker: receives the plan (the compiled rules' source per variant), then unpacks and
// evaluates the packed chunks of profiles the main thread sends, answering each with 'done' so that the
// main thread keeps only a few chunks in flight; 'end' asks for the totals. It imports only the codec and
// the partition (no pack, no zod): a worker is ready in a fraction of a second.
import { parentPort } from 'node:worker_threads';
import { unpackProfiles } from './population-codec.ts';
import { createPartition, type PartitionPlan } from './simulation-core.ts';

let partition: ReturnType<typeof createPartition> | undefined;
parentPort!.on('message', (message: { plan?: PartitionPlan; chunk?: Uint8Array; end?: true }) => {
  if (message.plan) {
    partition = createPartition(message.plan);
    parentPort!.postMessage({ ready: true });
  } else if (message.chunk !== undefined) {
    const profiles = unpackProfiles(message.chunk);
    partition!.add(profiles);
    parentPort!.postMessage({ done: profiles.length });
  } else if (message.end) {
    parentPort!.postMessage({ totals: partition!.totals() });
  }
});
