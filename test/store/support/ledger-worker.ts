// A worker thread with a SQLite connection of its own: it runs its share of ledger requests at once when
// told to go, so several connections contend for the database's write lock as separate processes would.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../src/store/database.ts';
import { runRequest, type LedgerRequest } from './concurrent.ts';

const { url, requests } = workerData as { url: string; requests: LedgerRequest[] };
const db = await openDatabase({ url });
parentPort!.once('message', async () => {
  // Each request starts at a random moment of the first half second, so that the threads' transactions
  // interleave instead of one thread draining its queue while the others sleep in SQLite's busy handler.
  const outcomes = await Promise.all(requests.map(async (request) => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
    return runRequest(db, request);
  }));
  await db.destroy();
  parentPort!.postMessage(outcomes);
});
parentPort!.postMessage('ready');
