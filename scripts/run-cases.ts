// Runs the tests written from the text and prints each result; for pack authors.
// Usage: npx tsx scripts/run-cases.ts [--edition binjiang-2025] [--partial] [file-filter]
//   --partial   run while some provisions have no rule yet (the test suite requires them all)
//   file-filter only case files whose path contains it, e.g. d1/a02
import { coverage, loadCases, runCase } from '../src/pack/cases.ts';
import { loadEdition, packDir } from '../src/pack/loader.ts';
import { loadRules } from '../src/pack/rules.ts';

const args = process.argv.slice(2);
const editionAt = args.indexOf('--edition');
const edition = editionAt >= 0 ? args[editionAt + 1]! : 'binjiang-2025';
const partial = args.includes('--partial');
const filter = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--edition');

const pack = loadEdition(edition);
const rules = await loadRules(pack, packDir(edition), { partial });
const cases = loadCases(packDir(edition)).filter((c) => !filter || c.file.includes(filter));
let failed = 0;
for (const c of cases) {
  const ids = Object.keys(c.expect);
  const missingRule = ids.filter((id) => !rules.some((r) => r.provision === id));
  if (missingRule.length > 0) {
    console.log(`SKIP ${c.file}:${c.line} ${c.name} (no rule yet for ${missingRule.join(', ')})`);
    continue;
  }
  const outcome = runCase(pack, rules, c);
  if (outcome.failures.length > 0) failed++;
  console.log(`${outcome.failures.length ? 'FAIL' : 'ok  '} ${c.file}:${c.line} ${c.name}`);
  for (const f of outcome.failures) console.log(`       ${f}`);
}
const thin = coverage(pack, cases).filter((row) => row.cases < 3 && (!filter || cases.some((c) => row.provision in c.expect)));
for (const row of thin) console.log(`coverage: ${row.catalogue} ${row.provision} has ${row.cases} case(s), needs 3`);
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
