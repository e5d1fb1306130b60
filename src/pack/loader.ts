// Loads a policy pack from its directory and proves it: schema, faithfulness to the published text,
// departments, unique ids, references and the catalogue mapping. Any problem refuses the whole pack.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleFile, DepartmentsFile, DomainFile, PackFile } from '../core/pack-schema.ts';
import type { Pack, PackArticle, PackDomain, Section } from '../core/pack.ts';
import { parseSource, SourceParseError, type SourceDocument } from '../core/policy-text.ts';
import { PackLoadError, readYamlFile, type PackIssue, type ParsedFile } from './read-yaml.ts';
import { checkPack, type SectionFile } from './checks.ts';

export { PackLoadError, formatIssue, type PackIssue } from './read-yaml.ts';

export const PACKS_DIR = resolve(fileURLToPath(new URL('../../packs', import.meta.url)));
export const DEFAULT_EDITION = 'binjiang-2025';

export function packDir(edition: string): string {
  return join(PACKS_DIR, edition);
}

const cache = new Map<string, Pack>();

/** Loads (once per process) the pack of an edition shipped in packs/. */
export function loadEdition(edition: string = DEFAULT_EDITION): Pack {
  let pack = cache.get(edition);
  if (!pack) {
    pack = loadPack(packDir(edition));
    cache.set(edition, pack);
  }
  return pack;
}

export function listEditions(): string[] {
  return readdirSync(PACKS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(PACKS_DIR, e.name, 'pack.yaml')))
    .map((e) => e.name)
    .sort();
}

/** Loads and proves the pack in a directory; throws PackLoadError listing every problem found. */
export function loadPack(dir: string): Pack {
  const issues: PackIssue[] = [];
  const meta = readYamlFile(join(dir, 'pack.yaml'), 'pack.yaml', PackFile, issues);
  const departments = readYamlFile(join(dir, 'departments.yaml'), 'departments.yaml', DepartmentsFile, issues);

  let source: SourceDocument | undefined;
  let sourceText = '';
  if (meta) {
    try {
      sourceText = readFileSync(join(dir, meta.data.source), 'utf8');
      source = parseSource(sourceText);
    } catch (error) {
      const message = error instanceof SourceParseError ? error.message : `cannot read: ${(error as Error).message}`;
      issues.push({ file: meta.data.source, path: '', message });
    }
  }

  const domainFiles: ParsedFile<DomainFile>[] = [];
  const articleFiles: { dir: number; parsed: ParsedFile<ArticleFile> }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const match = /^d(\d+)$/.exec(entry.name);
    if (!match) continue;
    const domainNumber = Number(match[1]);
    for (const file of readdirSync(join(dir, entry.name)).sort()) {
      const display = `${entry.name}/${file}`;
      if (file === 'domain.yaml') {
        const parsed = readYamlFile(join(dir, entry.name, file), display, DomainFile, issues);
        if (parsed) domainFiles.push(parsed);
      } else if (/^a\d{2}\.yaml$/.test(file)) {
        const parsed = readYamlFile(join(dir, entry.name, file), display, ArticleFile, issues);
        if (parsed) articleFiles.push({ dir: domainNumber, parsed });
      } else if (file.endsWith('.yaml') && !/^a\d{2}\.cases\.yaml$/.test(file)) {
        issues.push({ file: display, path: '', message: 'unexpected file: a domain folder holds domain.yaml, a<NN>.yaml and a<NN>.cases.yaml files' });
      }
    }
  }
  if (!meta || !departments || !source || issues.length > 0) throw new PackLoadError(issues);

  const sections: SectionFile[] = [
    { section: { kind: 'document' }, parsed: meta, text: sourceText },
    ...domainFiles.map((parsed) => ({ section: { kind: 'domain', number: parsed.data.number } as Section, parsed, text: parsed.data.text })),
    ...articleFiles.map(({ parsed }) => ({ section: { kind: 'article', number: parsed.data.number } as Section, parsed, text: parsed.data.text })),
  ];
  const pack = checkPack({
    meta: meta.data,
    metaFile: meta,
    sourceText,
    source,
    departments: departments.data.departments,
    departmentsFile: departments,
    domainFiles,
    articleFiles,
    sections,
    issues,
  });
  if (issues.length > 0 || !pack) throw new PackLoadError(issues);
  return pack;
}

export type { Pack, PackArticle, PackDomain };
