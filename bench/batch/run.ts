// npm run bench:batch — on SQLite and (when BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL is set)
// PostgreSQL:
//  1. imports a seeded 新认定高新技术企业 list of BENCH_IMPORT_ROWS (100,000) rows as XLSX and as GBK CSV
//     (the enterprises registered first, untimed) with importList end to end;
//  2. stores a generated population of BENCH_SIZE (1,000,000) enterprises, then runs the baseline and one
//     reform (hte-new.amount = 400,000) reading it from the database.
// Each phase runs in its own process: its wall time (inside the process, from opening the database to the
// result) and its peak RSS are its own. BENCH_PARTS=import or simulate runs one part. Prints a table and
// writes bench/results/batch-latest.md.
// Targets (issue 5): a 100,000-row import ≤ 10 s with peak RSS ≤ 500 MiB; baseline + reform of 1,000,000
// ≤ 10 s wall end to end, peak RSS ≤ 1.5 GiB.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SIZE = Number(process.env.BENCH_SIZE ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PARTS = (process.env.BENCH_PARTS ?? 'import,simulate').split(',');
const importScript = fileURLToPath(new URL('./import-phase.ts', import.meta.url));
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const phaseScript = fileURLToPath(new URL('./phase.ts', import.meta.url));

interface PhaseResult { phase: string; wallMs: number; maxRssKiB: number; [k: string]: unknown }

function runPhase(phase: string, url: string, name: string, script = phaseScript, extra: string[] = []): PhaseResult & { processMs: number } {
  const started = performance.now();
  const args = script === phaseScript ? [phase, url, name, String(SIZE)] : [phase, ...extra];
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return { ...(JSON.parse(out.trim().split('\n').pop()!) as PhaseResult), processMs: performance.now() - started };
}

// A fresh schema per run on PostgreSQL, dropped afterwards.
async function pgSchema(url: string, suffix = ''): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_batch_${process.pid}${suffix}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

const rows: string[] = [];
// The machine may be shared: the load average beside the figures says how much of it the run had.
const loadBefore = loadavg()[0]!.toFixed(1);
const mib = (kib: number) => (kib / 1024).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(1);

const MIB_500 = 500 * 1024;

// One import case on a fresh database: prepare (register the enterprises, write the file), then import.
async function importCase(label: string, format: 'xlsx' | 'csv-gbk', fresh: () => Promise<{ url: string; drop(): Promise<void> }>): Promise<void> {
  const db = await fresh();
  try {
    const file = join(dir, `list-${format}.${format === 'xlsx' ? 'xlsx' : 'csv'}`);
    runPhase('prepare', db.url, '', importScript, [format, db.url, file, String(IMPORT_ROWS)]);
    const run = runPhase('import', db.url, '', importScript, [format, db.url, file, String(IMPORT_ROWS)]);
    const meets = run.wallMs <= 10_000 && run.maxRssKiB <= MIB_500;
    rows.push(`| ${label} | import ${format === 'xlsx' ? 'XLSX' : 'GBK CSV'} (${((run.bytes as number) / 1024 / 1024).toFixed(1)} MiB), parse + validate + apply | ${IMPORT_ROWS.toLocaleString('en-US')} rows | ${s(run.wallMs)} s (process ${s(run.processMs)} s) | ${Math.round(IMPORT_ROWS / (run.wallMs / 1000)).toLocaleString('en-US')} | ${mib(run.maxRssKiB)} MiB | ${meets ? 'met' : 'not met'} (≤ 10 s, ≤ 500 MiB) |`);
    console.log(`${label}: import ${JSON.stringify(run)}`);
  } finally {
    await db.drop();
  }
}

async function imports(label: string, fresh: (suffix: string) => Promise<{ url: string; drop(): Promise<void> }>): Promise<void> {
  await importCase(label, 'xlsx', () => fresh('_x'));
  await importCase(label, 'csv-gbk', () => fresh('_c'));
}

async function bench(label: string, url: string): Promise<void> {
  const name = `bench-${SIZE}`;
  const generate = runPhase('generate', url, name);
  const simulate = runPhase('simulate', url, name);
  const meets = simulate.wallMs <= 10_000 && simulate.maxRssKiB <= 1.5 * 1024 * 1024;
  rows.push(`| ${label} | generate + store | ${SIZE.toLocaleString('en-US')} | ${s(generate.wallMs)} s (process ${s(generate.processMs)} s) | ${Math.round(SIZE / (generate.wallMs / 1000)).toLocaleString('en-US')} | ${mib(generate.maxRssKiB)} MiB | — |`);
  rows.push(`| ${label} | baseline + reform (read from the database) | ${SIZE.toLocaleString('en-US')} | ${s(simulate.wallMs)} s (process ${s(simulate.processMs)} s) | ${Math.round(SIZE / (simulate.wallMs / 1000)).toLocaleString('en-US')} | ${mib(simulate.maxRssKiB)} MiB | ${meets ? 'met' : 'not met'} (≤ 10 s, ≤ 1536 MiB) |`);
  console.log(`${label}: generate ${JSON.stringify(generate)}\n${label}: simulate ${JSON.stringify(simulate)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'zhida-bench-batch-'));
const sqliteFile = (suffix: string) => Promise.resolve({ url: join(dir, `import${suffix}.sqlite`), drop: () => Promise.resolve(rmSync(join(dir, `import${suffix}.sqlite`), { force: true })) });
try {
  if (PARTS.includes('import')) await imports('SQLite', sqliteFile);
  if (PARTS.includes('import') && pgUrl) await imports('PostgreSQL', (suffix) => pgSchema(pgUrl, suffix));
  if (PARTS.includes('simulate')) await bench('SQLite', join(dir, 'bench.sqlite'));
  if (PARTS.includes('simulate') && pgUrl) {
    const schema = await pgSchema(pgUrl);
    try {
      await bench('PostgreSQL', schema.url);
    } finally {
      await schema.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = [
  '| database | phase | size | wall (in process; whole process) | rows or profiles /s | peak RSS | target |',
  '|---|---|---:|---:|---:|---:|---|',
  ...rows,
].join('\n');
console.log(`\n${table}`);
const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadBefore} before and ${loadavg()[0]!.toFixed(1)} after the run`;
writeFileSync(fileURLToPath(new URL('../results/batch-latest.md', import.meta.url)), `# bench:batch — list import and population simulation (latest run)

${new Date().toISOString().slice(0, 10)}, ${machine}. \`npm run bench:batch\` (BENCH_IMPORT_ROWS=${IMPORT_ROWS}, BENCH_SIZE=${SIZE}, BENCH_PARTS=${PARTS.join(',')}).
Import: a seeded 新认定高新技术企业 2025 list of ${IMPORT_ROWS.toLocaleString('en-US')} rows (统一社会信用代码, 企业名称, 证书编号, 发证日期), as XLSX
and as GBK CSV; the enterprises are registered first with a generated enterprise profile each (untimed, in
another process); then importList, all-or-nothing, end to end: read the file, parse (streaming), check every
row, apply every row in one transaction (each beneficiary's profile, its fact history, the audit record) and the
entitlements (免申即享) it offers (entitlements, inbox, outbox), with the pack loaded first (untimed, as a server has it).
Generate: a seeded population of ${SIZE.toLocaleString('en-US')} (src/core/population.ts) stored in packed chunks of 1,000 profiles.
Simulate: baseline and one reform (hte-new.amount = 400,000) in one pass over the population read from the
database, streamed to one worker thread per core. Peak RSS: process.resourceUsage().maxRSS of the phase's
process (its worker threads included). Wall: from opening the database to the finished result.

${table}
${pgUrl ? '' : '\nPostgreSQL: not run (set BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL).\n'}`);
