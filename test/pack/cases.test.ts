// Runs every test written from the text (packs/<edition>/d<N>/a<NN>.cases.yaml) through the engine.
import { describe, expect, it } from 'vitest';
import { loadEdition, packDir } from '../../src/pack/loader.ts';
import { coverage, loadCases, runCase } from '../../src/pack/cases.ts';
import { loadRules } from '../../src/pack/rules.ts';

const pack = loadEdition('binjiang-2025');
const rules = await loadRules(pack);
const cases = loadCases(packDir('binjiang-2025'));

describe.each([...new Set(cases.map((c) => c.file))])('%s', (file) => {
  it.each(cases.filter((c) => c.file === file).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(runCase(pack, rules, c).failures).toEqual([]);
  });
});

describe('coverage', () => {
  it('every provision and stated tax preference has at least three cases', () => {
    const thin = coverage(pack, cases).filter((row) => row.cases < 3);
    expect(thin).toEqual([]);
  });
});
