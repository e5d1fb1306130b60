// Loads a pack and prints every problem (file:line (path): message), or its counts when it is valid.
// Usage: npx tsx scripts/check-pack.ts [packs/<edition>]
import { loadPack, packDir, DEFAULT_EDITION, PackLoadError, formatIssue } from '../src/pack/loader.ts';
import { packStats } from '../src/core/pack.ts';

const dir = process.argv[2] ?? packDir(DEFAULT_EDITION);
try {
  console.log(JSON.stringify(packStats(loadPack(dir)), null, 2));
} catch (error) {
  if (!(error instanceof PackLoadError)) throw error;
  for (const issue of error.issues) console.log(formatIssue(issue));
  console.log(`${error.issues.length} problem(s)`);
  process.exit(1);
}
