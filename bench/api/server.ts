// The server under test, in its own process (node --import tsx bench/api/server.ts): the Zhida API on a
// fresh database (a temporary SQLite file, or a fresh schema of BENCH_DATABASE_URL), and beside it a bare
// Fastify route, the yardstick of what one Node process can serve. Talks to bench/api/run.ts over IPC.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/api/app.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { FromServer, ToServer } from './protocol.ts';

const send = (message: FromServer) => process.send!(message);
const postgresUrl = process.env.BENCH_SERVER_DATABASE_URL;

interface Store { db: Db; where: string; drop(): Promise<void> }

async function openStore(): Promise<Store> {
  if (!postgresUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'zhida-bench-'));
    const file = join(dir, 'zhida.sqlite');
    const db = await openDatabase({ url: file });
    return { db, where: `SQLite ${file}`, drop: async () => { await db.destroy(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try { await client.query(statement); } finally { await client.end(); }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ url: url.toString(), poolSize: Number(process.env.BENCH_PG_POOL ?? 20) });
  return { db, where: `PostgreSQL schema ${schema}`, drop: async () => { await db.destroy(); await admin(`DROP SCHEMA ${schema} CASCADE`); } };
}

const pack = loadEdition('binjiang-2025');
const store = await openStore();
await migrateToLatest(store.db);
const app = await buildApp({ pack, db: store.db, evidenceDir: mkdtempSync(join(tmpdir(), 'zhida-bench-evidence-')) });
const apiAddress = await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify();
bare.post('/bare', async (request) => ({ ok: true, got: (request.body as { id?: string } | null)?.id ?? null }));
const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

const portOf = (address: string) => Number(new URL(address).port);
send({ type: 'ready', apiPort: portOf(apiAddress), barePort: portOf(bareAddress), dialect: postgresUrl ? 'postgres' : 'sqlite', where: store.where });

// The bench went away (it failed or was stopped): leave nothing behind.
let stopping = false;
process.on('disconnect', () => {
  if (!stopping) void store.drop().finally(() => process.exit(1));
});

// The write scenarios need the applications service (helper CASES); loaded lazily so that the read
// scenarios run without it.
process.on('message', (message: ToServer) => {
  void (async () => {
    try {
      if (message.type === 'cpu') {
        const used = process.cpuUsage();
        return send({ type: 'cpu', micros: used.user + used.system });
      }
      if (message.type === 'stop') {
        stopping = true;
        await app.close();
        await bare.close();
        await store.drop();
        // process.exit would skip the CPU profile (--cpu-prof) written at a normal exit.
        process.disconnect();
        return;
      }
      const cases = await import('./cases.ts').catch((error: unknown) => error as Error);
      if (cases instanceof Error) return send({ type: 'unavailable', reason: `applications service not available: ${cases.message.split('\n')[0]}` });
      if (message.type === 'prepare') {
        const started = Date.now();
        const targets = await cases.prepare(store.db, pack, message.scenario, message.count);
        send({ type: 'prepared', targets, millis: Date.now() - started });
      } else if (message.type === 'check') {
        send({ type: 'checked', report: await cases.check(store.db, message.scenario, message.ok2xx) });
      }
    } catch (error) {
      send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    }
  })();
});
