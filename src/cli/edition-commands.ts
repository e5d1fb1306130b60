// zhida edition diff <a> <b>: the structured difference between two policy editions. Each side is a pack
// directory, an edition shipped in packs/, or an edition drafted in the database (the edition in force with
// its parameter reform applied). Human output groups the changes; --json prints the whole diff.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readConfig } from '../config.ts';
import { diffEditions, type EditionDiff, type FieldChange, type TextOp } from '../core/edition-diff.ts';
import type { Pack } from '../core/pack.ts';
import { databaseLocation } from '../store/database.ts';
import { formatIssue, listEditions, loadEdition, loadPack, PackLoadError } from '../pack/loader.ts';
import { CliError, EXIT, printJson } from './output.ts';
import { configuredPack, withStore } from './with-store.ts';

interface Side { pack: Pack; label: string; on?: string }

function loadDir(dir: string): Pack {
  try {
    return loadPack(dir);
  } catch (error) {
    if (!(error instanceof PackLoadError)) throw error;
    for (const issue of error.issues) console.error(formatIssue(issue));
    throw new CliError(`${dir}: not a valid policy pack (${error.issues.length} problem(s))`);
  }
}

/** A directory, a shipped edition, or (looked up last, in the database) a drafted edition. */
async function resolveSide(ref: string, options: { database?: string }): Promise<Side> {
  if (existsSync(ref) && statSync(ref).isDirectory()) {
    if (!existsSync(join(ref, 'pack.yaml'))) throw new CliError(`${ref}: not a policy pack (no pack.yaml)`, EXIT.usage);
    return { pack: loadDir(ref), label: ref };
  }
  if (listEditions().includes(ref)) return { pack: loadEdition(ref), label: ref };
  const missing = new CliError(`${ref}: no pack directory, shipped edition (${listEditions().join(', ')}) or drafted edition of that name`, EXIT.usage);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref)) throw missing;
  // Drafted editions live in the database; a SQLite file that does not exist holds none (and is not created).
  const config = readConfig();
  const location = databaseLocation({ url: options.database ?? config.databaseUrl, dataDir: config.dataDir });
  if (location.dialect === 'sqlite' && location.file !== ':memory:' && !existsSync(location.file)) throw missing;
  const pack = await configuredPack();
  const { editionPacks, findEditionForSystem } = await import('../services/editions.ts');
  const found = await withStore(options, async (db) => {
    const edition = await findEditionForSystem(db, pack, ref);
    return edition ? { edition, packs: await editionPacks(db, pack, edition) } : undefined;
  });
  if (!found) throw missing;
  return { pack: found.packs.reformed, label: `${ref} (${found.edition.status}, ${found.edition.period.from} – ${found.edition.period.to})`, on: found.edition.period.from };
}

const MARK = process.stdout.isTTY
  ? { ins: (t: string) => `\x1b[1;32m${t}\x1b[0m`, del: (t: string) => `\x1b[1;31;9m${t}\x1b[0m` }
  : { ins: (t: string) => `【+${t}】`, del: (t: string) => `〔-${t}〕` };

/** The changed parts with 12 characters of context each side; long equal runs elided. */
export function renderOps(ops: TextOp[], context = 12): string {
  return ops.map((o, i) => {
    if (o.op === 'insert') return MARK.ins(o.text);
    if (o.op === 'delete') return MARK.del(o.text);
    const chars = [...o.text];
    const head = chars.slice(0, context).join('');
    const tail = chars.slice(-context).join('');
    if (i === 0) return chars.length > context ? `…${tail}` : o.text;
    if (i === ops.length - 1) return chars.length > context ? `${head}…` : o.text;
    return chars.length > context * 2 ? `${head}…${tail}` : o.text;
  }).join('');
}

const show = (v: unknown): string => (v === null || v === undefined ? '未设定 unset' : typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v));
const fields = (list: FieldChange[]) => list.map((f) => `${f.field}: ${show(f.before)} → ${show(f.after)}`).join('; ');

function printDiff(diff: EditionDiff, a: Side, b: Side): void {
  console.log(`${a.label} → ${b.label}: ${diff.total} change(s)`);
  if (diff.meta.length > 0) console.log(`\n文件信息 document: ${fields(diff.meta)}`);
  console.log(`\n条款文本 clauses (${diff.clauses.length})`);
  for (const c of diff.clauses) console.log(`  [${c.change}] ${c.kind === 'article' ? `第${c.number}条` : `领域${c.number}`} ${c.title}\n    ${renderOps(c.ops)}`);
  console.log(`\n兑现条款 provisions (${diff.provisions.length})`);
  for (const p of diff.provisions) console.log(`  [${p.change}] ${p.id} ${p.catalogue} ${p.title}${p.fields.length > 0 ? `\n    ${fields(p.fields)}` : ''}`);
  console.log(`\n参数 parameters (${diff.parameters.length})`);
  for (const p of diff.parameters) {
    console.log(`  [${p.change}] ${p.id} ${p.label}: ${show(p.before)} → ${show(p.after)} ${p.unit}${p.after_source ? `  (${p.after_source})` : ''}`);
    if (p.quote_ops) console.log(`    ${renderOps(p.quote_ops, 40)}`);
  }
  console.log(`\n目标 targets (${diff.targets.length})`);
  for (const t of diff.targets) console.log(`  [${t.change}] ${t.id} ${t.title}${t.fields.length > 0 ? `: ${fields(t.fields)}` : ''}`);
  console.log(`\n预算 budget lines (${diff.budgets.length})`);
  for (const x of diff.budgets) console.log(`  [${x.change}] ${x.id} ${x.title}${x.fields.length > 0 ? `: ${fields(x.fields)}` : ''}`);
}

export function registerEditionCommands(program: Command): void {
  const edition = program.command('edition').description('policy editions: compare them');
  edition.command('diff').description('what changes from edition a to edition b (pack directories, shipped editions or drafted edition ids)')
    .argument('<a>', 'the earlier edition').argument('<b>', 'the later edition')
    .option('--database <url>', 'where drafted editions are looked up (default: DATABASE_URL, else ZHIDA_DATA_DIR/zhida.sqlite)')
    .option('--json', 'print JSON')
    .action(async (aRef: string, bRef: string, options: { database?: string; json?: boolean }) => {
      const a = await resolveSide(aRef, options);
      const b = await resolveSide(bRef, options);
      // A drafted edition's values apply from its period's start: compare both sides on that date.
      const on = b.on ?? a.on;
      const diff = diffEditions(a.pack, b.pack, on ? { onA: on, onB: on } : {});
      if (options.json) printJson(diff);
      else printDiff(diff, a, b);
    });
}
