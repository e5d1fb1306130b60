// npm run bench:api — autocannon on loopback against the calculator and the write paths, beside a bare
// Fastify route served by the same child process, on SQLite and on PostgreSQL (BENCH_DATABASE_URL or
// TEST_DATABASE_URL). Prints a table and writes bench/results/api-latest.md.
// Knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50), BENCH_WRITES (cases per
// write scenario, 6000), BENCH_ONLY (comma list of scenario names), BENCH_DBS (sqlite,postgres),
// BENCH_PROFILE_DIR (CPU profile of the server).
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { FromServer, InvariantReport, Target, ToServer, WriteScenario } from './protocol.ts';
import { loadNow, writeReport, printTable, type Row } from './report.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WRITES = Number(process.env.BENCH_WRITES ?? 6000);
const WRITE_WARMUP = Math.max(2 * CONNECTIONS, Math.min(500, Math.ceil(WRITES / 10)));
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const dbs = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const profile = readFileSync(fileURLToPath(new URL('../../examples/high-tech-new.json', import.meta.url)), 'utf8');
const wanted = (name: string) => !only || only.includes(name);

class Server {
  private waiting: ((m: FromServer) => void)[] = [];
  private constructor(readonly child: ChildProcess, readonly ready: Extract<FromServer, { type: 'ready' }>) {}

  static async start(databaseUrl: string | undefined): Promise<Server> {
    const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
      // BENCH_PROFILE_DIR: the server writes a CPU profile there when it stops.
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
      env: { ...process.env, BENCH_SERVER_DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<FromServer>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
    });
    if (ready.type !== 'ready') throw new Error(`server: ${JSON.stringify(ready)}`);
    const server = new Server(child, ready);
    child.on('message', (m: FromServer) => server.waiting.shift()?.(m));
    return server;
  }

  ask(message: ToServer): Promise<FromServer> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' } satisfies ToServer);
    await exited;
  }
}

interface Load { url: string; body?: string; targets?: Target[]; seconds?: number; amount?: number }

async function load(options: Load): Promise<autocannon.Result> {
  let next = 0;
  const targets = options.targets;
  return autocannon({
    url: options.url,
    method: 'POST',
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
    headers: { 'content-type': 'application/json' },
    body: options.body,
    // Write scenarios: every request gets its own case and its own session.
    ...(targets ? {
      requests: [{
        setupRequest: (request: autocannon.Request) => {
          const target = targets[next++ % targets.length]!;
          return { ...request, path: target.path, body: target.body, headers: { ...request.headers, ...target.headers } };
        },
      }],
    } : {}),
  });
}

async function cpuNow(server: Server): Promise<number> {
  const answer = await server.ask({ type: 'cpu' });
  if (answer.type !== 'cpu') throw new Error(`server: ${JSON.stringify(answer)}`);
  return answer.micros;
}

/** The load, with the server's CPU time per request (robust to other work on the machine, unlike req/s). */
async function measured(server: Server, options: Load): Promise<Measured> {
  const before = await cpuNow(server);
  const started = process.hrtime.bigint();
  const result = await load(options);
  // autocannon's own duration is in whole seconds for runs of a fixed number of requests: time it here.
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result, seconds, cpuUs: (await cpuNow(server) - before) / Math.max(result.requests.total, 1) };
}

interface Measured { result: autocannon.Result; seconds: number; cpuUs: number }

function row(scenario: string, db: string, { result, seconds, cpuUs }: Measured, bare: Row | undefined, note = ''): Row {
  const rps = result.requests.total / seconds;
  const codes = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, { count }]) => `${code}×${count}`);
  if (result.errors + result.timeouts > 0) codes.push(`errors×${result.errors}`, `timeouts×${result.timeouts}`);
  if (codes.length > 0) note = `${note} [${codes.join(' ')}]`;
  return {
    scenario, db, rps, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts,
    ok2xx: result['2xx'], bytesPerRequest: result.throughput.total / Math.max(result.requests.total, 1), vsBare: bare ? rps / bare.rps : undefined,
    cpuUs, cpuVsBare: bare ? bare.cpuUs / cpuUs : undefined, note,
  };
}

const rows: Row[] = [];
const invariants: { db: string; scenario: string; report: InvariantReport }[] = [];
const skipped: string[] = [];

async function readScenarios(server: Server, db: string): Promise<Row | undefined> {
  const api = `http://127.0.0.1:${server.ready.apiPort}`;
  const variants = [
    { name: 'bare', url: `http://127.0.0.1:${server.ready.barePort}/bare` },
    { name: 'evaluate full', url: `${api}/api/v1/evaluate?year=2025` },
    { name: 'evaluate trace=false', url: `${api}/api/v1/evaluate?year=2025&trace=false` },
    { name: 'evaluate summary', url: `${api}/api/v1/evaluate?year=2025&view=summary` },
  ];
  let bare: Row | undefined;
  for (const v of variants) {
    if (!wanted(v.name) && !(v.name === 'bare' && only?.some((o) => o.startsWith('evaluate')))) continue;
    await load({ url: v.url, body: profile, seconds: WARMUP });
    const r = row(v.name, db, await measured(server, { url: v.url, body: profile }), bare, `load ${loadNow()}`);
    if (v.name === 'bare') bare = r;
    rows.push(r);
    console.log(`  ${v.name.padEnd(22)} ${Math.round(r.rps)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  server CPU ${Math.round(r.cpuUs)} µs/req`);
  }
  return bare;
}

async function writeScenario(server: Server, db: string, scenario: WriteScenario, bare: Row | undefined): Promise<void> {
  const prepared = await server.ask({ type: 'prepare', scenario, count: WRITES + WRITE_WARMUP });
  if (prepared.type === 'unavailable' || prepared.type === 'failed') {
    const reason = prepared.type === 'unavailable' ? prepared.reason : `could not prepare the cases: ${prepared.message.split('\n')[0]}`;
    console.log(`  ${scenario}: skipped: ${reason}`);
    return void skipped.push(`${scenario} on ${db}: ${reason}`);
  }
  if (prepared.type !== 'prepared') throw new Error(`${scenario} on ${db}: ${JSON.stringify(prepared)}`);
  console.log(`  ${scenario}: prepared ${prepared.targets.length} cases in ${(prepared.millis / 1000).toFixed(1)} s`);
  const url = `http://127.0.0.1:${server.ready.apiPort}`;
  const warm = await load({ url, targets: prepared.targets.slice(0, WRITE_WARMUP), amount: WRITE_WARMUP });
  const run = await measured(server, { url, targets: prepared.targets.slice(WRITE_WARMUP), amount: WRITES });
  const result = run.result;
  const checked = await server.ask({ type: 'check', scenario, ok2xx: warm['2xx'] + result['2xx'] });
  if (checked.type !== 'checked') throw new Error(`${scenario} on ${db}: ${JSON.stringify(checked)}`);
  invariants.push({ db, scenario, report: checked.report });
  const r = row(scenario, db, run, bare, `load ${loadNow()}`);
  rows.push(r);
  console.log(`  ${scenario.padEnd(22)} ${Math.round(r.rps)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  invariants ${checked.report.problems.length === 0 ? 'ok' : checked.report.problems.join('; ')}`);
}

const started = new Date();
console.log(`bench:api — ${CONNECTIONS} connections, ${SECONDS} s per read scenario (after ${WARMUP} s warm-up), ${WRITES} cases per write scenario; load ${loadNow()}`);
for (const db of dbs) {
  if (db === 'postgres' && !pgUrl) {
    skipped.push('PostgreSQL: skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
    console.log('PostgreSQL: skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
    continue;
  }
  const server = await Server.start(db === 'postgres' ? pgUrl : undefined);
  console.log(`${server.ready.where}`);
  try {
    const bare = await readScenarios(server, db);
    for (const scenario of ['submit', 'approve'] as const) if (wanted(scenario)) await writeScenario(server, db, scenario, bare);
  } finally {
    await server.stop();
  }
}
printTable(rows);
const file = writeReport({ started, connections: CONNECTIONS, seconds: SECONDS, writes: WRITES, rows, invariants, skipped });
console.log(`\nwritten ${file}`);
const failedInvariants = invariants.filter((i) => i.report.problems.length > 0);
process.exit(failedInvariants.length > 0 ? 1 : 0);
