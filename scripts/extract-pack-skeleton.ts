// Starts a new policy edition: splits the published text (source.txt) into one file per domain and
// per article, with the text, titles and responsible units filled in. The provisions, parameters,
// targets and budgets are then written by hand from the text.
// Usage: npx tsx scripts/extract-pack-skeleton.ts packs/<edition>   (never overwrites a file)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseSource } from '../src/core/policy-text.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: extract-pack-skeleton.ts <pack-dir containing source.txt>');
  process.exit(2);
}
const doc = parseSource(readFileSync(join(dir, 'source.txt'), 'utf8'));
const yamlOptions = { lineWidth: 0, blockQuote: 'literal' as const };
function writeNew(path: string, data: unknown): void {
  if (existsSync(path)) {
    console.log(`kept ${path}`);
    return;
  }
  writeFileSync(path, stringify(data, yamlOptions));
  console.log(`wrote ${path}`);
}
for (const domain of doc.domains) {
  const domainDir = join(dir, `d${domain.number}`);
  mkdirSync(domainDir, { recursive: true });
  writeNew(join(domainDir, 'domain.yaml'), {
    number: domain.number,
    numeral: domain.numeral,
    title: domain.title,
    title_en: 'TODO',
    lead: domain.lead,
    text: [domain.heading, ...domain.intro].join('\n'),
  });
  for (const article of doc.articles.filter((a) => a.domain === domain.number)) {
    writeNew(join(domainDir, `a${String(article.number).padStart(2, '0')}.yaml`), {
      number: article.number,
      numeral: article.numeral,
      title: article.title,
      title_en: 'TODO',
      responsible_units: article.responsibleUnits,
      text: article.text,
    });
  }
}
