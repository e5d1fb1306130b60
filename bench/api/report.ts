// The bench's table, its verdict against the issue's targets, and bench/results/api-latest.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { InvariantReport } from './protocol.ts';

export interface Row {
  scenario: string;
  db: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  ok2xx: number;
  bytesPerRequest: number;
  vsBare: number | undefined;
  /** Server CPU time (user + system) per request, µs. */
  cpuUs: number;
  /** The bare route's CPU per request over this one's: the throughput share a CPU-bound server would reach. */
  cpuVsBare: number | undefined;
  note: string;
}

export const loadNow = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

const pct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x * 100)}%`);
const HEAD = ['scenario', 'db', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'bytes/resp', 'vs bare', 'CPU µs/req', 'CPU vs bare', 'load avg (1/5/15 min) after'];
const cells = (r: Row) => [r.scenario, r.db, String(Math.round(r.rps)), String(r.p50), String(r.p99), String(r.non2xx), String(Math.round(r.bytesPerRequest)), pct(r.vsBare),
  String(Math.round(r.cpuUs)), pct(r.cpuVsBare), r.note.replace(/^load /, '')];

export function printTable(rows: Row[]): void {
  const table = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  console.log('');
  for (const line of table) console.log(line.map((c, i) => (i >= 2 && i <= 9 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
  console.log('');
  for (const verdict of verdicts(rows)) console.log(verdict);
}

const CONNECTIONS_NOTE = process.env.BENCH_CONNECTIONS ?? '50';

/** The issue's targets, each with its measured figure and whether it is met. */
export function verdicts(rows: Row[]): string[] {
  const out: string[] = [];
  for (const r of rows.filter((x) => x.scenario.startsWith('evaluate'))) {
    const met = r.vsBare !== undefined && r.vsBare >= 0.5 && r.non2xx === 0;
    out.push(`${met ? 'MET    ' : 'NOT MET'} ${r.scenario} on ${r.db}: ${pct(r.vsBare)} of the bare route's throughput, ${r.non2xx} non-2xx (target ≥ 50%); by server CPU per request ${pct(r.cpuVsBare)}`);
  }
  for (const r of rows.filter((x) => x.scenario === 'submit' && x.db === 'sqlite')) {
    const met = r.rps >= 500 && r.p99 <= 50 && r.non2xx === 0;
    out.push(`${met ? 'MET    ' : 'NOT MET'} submit on SQLite: ${Math.round(r.rps)} committed/s, p99 ${r.p99} ms, ${r.non2xx} non-2xx (target ≥ 500/s, p99 ≤ 50 ms)`
      + ` — with ${CONNECTIONS_NOTE} connections always busy, mean latency = connections / throughput (Little's law): p99 ≤ 50 ms needs well over 1,000/s`);
  }
  return out;
}

export interface Report {
  started: Date;
  connections: number;
  seconds: number;
  writes: number;
  rows: Row[];
  invariants: { db: string; scenario: string; report: InvariantReport }[];
  skipped: string[];
}

export function writeReport(report: Report): string {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}api-latest.md`;
  const cpu = cpus();
  const lines = [
    '# bench:api — latest run',
    '',
    `Run ${report.started.toISOString()} with \`npm run bench:api\`: Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB;`,
    `load average at the end ${loadNow()} (other work on the machine lowers every figure alike; compare with the bare route of the same run).`,
    `autocannon in the parent process, the server (API + bare Fastify route) in one child process; ${report.connections} connections;`,
    `read scenarios ${report.seconds} s each after a warm-up; write scenarios ${report.writes} requests each, one case and one session per request, after a warm-up.`,
    'Profile: examples/high-tech-new.json. Variants: full (trace and near misses), trace=false (no trace in the answer), summary (`?view=summary`, compiled rules).',
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...report.rows.map((r) => `| ${cells(r).join(' | ')} |`),
    '',
    '## Targets',
    '',
    ...verdicts(report.rows).map((v) => `- ${v}`),
    '',
    '## Invariants after the load',
    '',
    ...(report.invariants.length === 0 ? ['- (no write scenario ran)'] : report.invariants.map(({ db, scenario, report: r }) =>
      `- ${scenario} on ${db}: committed ${r.committed} = 2xx ${r.ok2xx}: ${r.committed === r.ok2xx ? 'yes' : 'NO'}; ledger verify ${r.ledgerOk ? 'ok' : 'FAILED'}; audit verify ${r.auditOk ? 'ok' : 'FAILED'} (${r.auditRecords} records); cases in two statuses: ${r.statusProblems.length}${r.problems.length ? ` — ${r.problems.join('; ')}` : ''}`)),
    ...(report.skipped.length ? ['', '## Skipped', '', ...report.skipped.map((s) => `- ${s}`)] : []),
    '',
  ];
  writeFileSync(file, lines.join('\n'));
  return file;
}
