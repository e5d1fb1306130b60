// A hand-made next edition for tests: a copy of packs/binjiang-2025 in a temporary folder with three changes,
// each made together in the article or domain file, the rules quoting it (pack.yaml) and source.txt (the
// loader proves they agree):
// - （十三） 「给予一次性 10 万元奖励」 → 「给予一次性 20 万元奖励」, rd-first-2m.amount 100000 → 200000;
// - （一） a word added: 「深入实施“高新企业…」 → 「持续深入实施“高新企业…」;
// - 领域一 「全年预算安排18.2亿元」 → 「全年预算安排19.2亿元」, budget line D01 1820000000 → 1920000000.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packDir } from '../../src/pack/loader.ts';

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.split(from).join(to));
}

export function makeChangedPack(): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'zhida-edition-'));
  const dir = join(root, 'binjiang-next');
  cpSync(packDir('binjiang-2025'), dir, { recursive: true });
  const source = join(dir, 'source.txt');
  for (const file of [join(dir, 'd2/a13.yaml'), join(dir, 'pack.yaml'), source]) replaceIn(file, '给予一次性 10 万元奖励', '给予一次性 20 万元奖励');
  replaceIn(join(dir, 'd2/a13.yaml'), 'value: 100000, source: 杭高新〔2025〕3号 （十三）', 'value: 200000, source: 杭高新〔2025〕3号 （十三）');
  for (const file of [join(dir, 'd1/a01.yaml'), source]) replaceIn(file, '深入实施“高新企业规上化', '持续深入实施“高新企业规上化');
  for (const file of [join(dir, 'd1/domain.yaml'), source]) replaceIn(file, '全年预算安排18.2亿元', '全年预算安排19.2亿元');
  replaceIn(join(dir, 'd1/domain.yaml'), 'amount_yuan: 1820000000', 'amount_yuan: 1920000000');
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
