// The proofs a pack must pass after each file is schema-valid, and the assembly of the Pack.
import type { ArticleFile, Department, DomainFile, PackFile } from '../core/pack-schema.ts';
import type { Located, Pack, PackArticle, PackDomain, PackProvision, PackTarget, Section } from '../core/pack.ts';
import { containsQuote, normaliseForMatch, type SourceDocument } from '../core/policy-text.ts';
import type { PackIssue, ParsedFile } from './read-yaml.ts';

type ItemsFile = PackFile | DomainFile | ArticleFile;

export interface SectionFile {
  section: Section;
  parsed: ParsedFile<ItemsFile>;
  /** The text the file's quotes must occur in. */
  text: string;
}

export interface CheckInput {
  meta: PackFile;
  metaFile: ParsedFile<PackFile>;
  sourceText: string;
  source: SourceDocument;
  departments: Department[];
  departmentsFile: ParsedFile<{ departments: Department[] }>;
  domainFiles: ParsedFile<DomainFile>[];
  articleFiles: { dir: number; parsed: ParsedFile<ArticleFile> }[];
  sections: SectionFile[];
  issues: PackIssue[];
}

const same = (a: string, b: string) => normaliseForMatch(a) === normaliseForMatch(b);

export function checkPack(input: CheckInput): Pack | undefined {
  const { source, issues } = input;
  const report = (file: ParsedFile<unknown>, path: (string | number)[], message: string) =>
    issues.push({ file: file.file, path: path.join('.'), line: file.lineOf(path), message });

  // Departments: every name and alias resolves to exactly one body.
  const departmentByName = new Map<string, Department>();
  const departmentIds = new Set<string>();
  input.departments.forEach((department, index) => {
    if (departmentIds.has(department.id)) report(input.departmentsFile, ['departments', index, 'id'], `duplicate department id "${department.id}"`);
    departmentIds.add(department.id);
    for (const name of [department.name, ...department.aliases]) {
      if (departmentByName.has(name)) report(input.departmentsFile, ['departments', index], `department name "${name}" is used twice`);
      departmentByName.set(name, department);
    }
  });
  const resolveDepartment = (file: ParsedFile<unknown>, path: (string | number)[], name: string): string | undefined => {
    const department = departmentByName.get(name);
    if (!department) report(file, path, `unknown department "${name}": not in departments.yaml (name or alias)`);
    return department?.id;
  };

  // Domains and articles: equal to the published text, each once, in the right folder.
  const domains: PackDomain[] = [];
  for (const parsed of input.domainFiles) {
    const d = parsed.data;
    const published = source.domains.find((s) => s.number === d.number);
    if (!published) {
      report(parsed, ['number'], `the published text has no domain ${d.number}`);
      continue;
    }
    if (parsed.file !== `d${d.number}/domain.yaml`) report(parsed, ['number'], `domain ${d.number} belongs in d${d.number}/domain.yaml`);
    if (d.numeral !== published.numeral) report(parsed, ['numeral'], `numeral is "${published.numeral}" in the text`);
    if (d.title !== published.title) report(parsed, ['title'], `title differs from the text: "${published.title}"`);
    if (!same(d.text, [published.heading, ...published.intro].join(''))) report(parsed, ['text'], 'text differs from the published heading and introduction');
    if (!same(d.lead, published.lead)) report(parsed, ['lead'], `lead is "${published.lead}" in the text`);
    const lead = resolveDepartment(parsed, ['lead'], d.lead) ?? '';
    if (domains.some((x) => x.number === d.number)) report(parsed, ['number'], `duplicate domain ${d.number}`);
    domains.push({ number: d.number, numeral: d.numeral, title: d.title, title_en: d.title_en, text: d.text, lead, articles: [] });
  }
  for (const published of source.domains) {
    if (!domains.some((d) => d.number === published.number)) issues.push({ file: `d${published.number}/domain.yaml`, path: '', message: `missing: domain ${published.numeral}、${published.title}` });
  }

  const articles: PackArticle[] = [];
  for (const { dir, parsed } of input.articleFiles) {
    const a = parsed.data;
    const published = source.articles.find((s) => s.number === a.number);
    if (!published) {
      report(parsed, ['number'], `the published text has no article ${a.number}`);
      continue;
    }
    const expectedFile = `d${published.domain}/a${String(a.number).padStart(2, '0')}.yaml`;
    if (parsed.file !== expectedFile || dir !== published.domain) report(parsed, ['number'], `article ${a.number} belongs in ${expectedFile}`);
    if (a.numeral !== published.numeral) report(parsed, ['numeral'], `numeral is "${published.numeral}" in the text`);
    if (a.title !== published.title) report(parsed, ['title'], `title differs from the text: "${published.title}"`);
    if (!same(a.text, published.text)) report(parsed, ['text'], 'text differs from the published article (after joining page breaks)');
    if (a.responsible_units.join('、') !== published.responsibleUnits.join('、')) {
      report(parsed, ['responsible_units'], `responsible units differ from the 责任单位 clause: ${published.responsibleUnits.join('、')}`);
    }
    const ids = a.responsible_units.map((name, i) => resolveDepartment(parsed, ['responsible_units', i], name) ?? '');
    if (articles.some((x) => x.number === a.number)) report(parsed, ['number'], `duplicate article ${a.number}`);
    articles.push({
      number: a.number, numeral: a.numeral, domain: published.domain, title: a.title, title_en: a.title_en, text: a.text,
      responsibleUnits: ids, responsibleUnitNames: a.responsible_units,
    });
    domains.find((d) => d.number === published.domain)?.articles.push(a.number);
  }
  for (const published of source.articles) {
    if (!articles.some((a) => a.number === published.number)) {
      issues.push({ file: `d${published.domain}/a${String(published.number).padStart(2, '0')}.yaml`, path: '', message: `missing: article （${published.numeral}）${published.title}` });
    }
  }
  domains.sort((x, y) => x.number - y.number);
  articles.sort((x, y) => x.number - y.number);
  domains.forEach((d) => d.articles.sort((x, y) => x - y));

  // Items: gathered from every section, quotes proven against the section's text.
  const pack: Pack = {
    meta: stripItems(input.meta), sourceText: input.sourceText, departments: input.departments, domains, articles,
    provisions: [], parameters: [], taxPreferences: [], targets: [], milestones: [], budgets: [], routes: [], rules: input.meta.rules, stacking: input.meta.stacking,
  };
  const idOwner = new Map<string, string>();
  const claimId = (file: ParsedFile<unknown>, path: (string | number)[], id: string) => {
    const owner = idOwner.get(id);
    if (owner) report(file, path, `duplicate id "${id}" (already used in ${owner})`);
    else idOwner.set(id, file.file);
  };
  const checkQuote = (entry: SectionFile, path: (string | number)[], quote: string) => {
    if (!containsQuote(entry.text, quote)) {
      const where = entry.section.kind === 'document' ? 'the document' : `the ${entry.section.kind}'s text`;
      report(entry.parsed, path, `quote not found in ${where}: 「${quote}」`);
    }
  };

  for (const entry of input.sections) {
    const { parsed, section } = entry;
    const data = parsed.data;
    const file = parsed.file;
    const locate = <T>(item: T): Located<T> => ({ ...item, section, file });
    const article = section.kind === 'article' ? articles.find((a) => a.number === section.number) : undefined;
    const domain = section.kind === 'domain' ? domains.find((d) => d.number === section.number) : undefined;
    const defaultResponsible = article?.responsibleUnits ?? (domain ? [domain.lead] : []);

    /** Every item claims its id and proves its quote; `more` adds the checks of its kind and stores it. */
    type Path = (string | number)[];
    const gather = <T extends { id: string; quote: string }>(key: string, items: T[], more: (item: T, at: (...rest: Path) => Path) => void) => {
      items.forEach((item, i) => {
        const at = (...rest: Path): Path => [key, i, ...rest];
        claimId(parsed, at('id'), item.id);
        checkQuote(entry, at('quote'), item.quote);
        more(item, at);
      });
    };

    gather('provisions', data.provisions, (provision, at) => {
      provision.extra_quotes.forEach((q, j) => checkQuote(entry, at('extra_quotes', j), q));
      if (provision.period) checkQuote(entry, at('period', 'quote'), provision.period.quote);
      const departmentId = resolveDepartment(parsed, at('department'), provision.department) ?? '';
      if (article && departmentId && !article.responsibleUnits.includes(departmentId)) {
        report(parsed, at('department'), `"${provision.department}" is not a responsible unit of this article`);
      }
      pack.provisions.push({ ...locate(provision), departmentId } satisfies PackProvision);
    });
    gather('parameters', data.parameters, (parameter, at) => {
      checkParameterValues(parameter, (path, message) => report(parsed, at(...path), message));
      pack.parameters.push(locate(parameter));
    });
    gather('tax_preferences', data.tax_preferences, (tax) => pack.taxPreferences.push(locate(tax)));
    gather('targets', data.targets, (target, at) => {
      if ((target.firmness === 'plain') !== (target.marker === undefined)) report(parsed, at('marker'), 'a firm or soft target names its marker (确保 / 力争 …); a plain one has none');
      if (target.marker && !normaliseForMatch(entry.text).includes(target.marker)) report(parsed, at('marker'), `marker "${target.marker}" does not occur in the text`);
      const responsibleIds = target.responsible
        ? target.responsible.map((name, j) => resolveDepartment(parsed, at('responsible', j), name) ?? '')
        : defaultResponsible;
      pack.targets.push({ ...locate(target), responsibleIds } satisfies PackTarget);
    });
    gather('milestones', data.milestones, (milestone) => pack.milestones.push(locate(milestone)));
    gather('budgets', data.budgets, (budget, at) => {
      const needsAmount = budget.kind === 'exact' || budget.kind === 'at-least';
      if (needsAmount !== (budget.amount_yuan !== undefined)) report(parsed, at('amount_yuan'), `amount_yuan is required for exact and at-least lines, and only for them`);
      if ((budget.kind === 'share') !== (budget.share !== undefined)) report(parsed, at('share'), 'share is required for share lines, and only for them');
      pack.budgets.push(locate(budget));
    });
    gather('routes', data.routes, (route) => pack.routes.push(locate(route)));
  }

  checkMeta(input, report, claimId);
  checkReferences(input, pack, report);
  checkCatalogue(input, pack);
  return issues.length === 0 ? pack : undefined;
}

function stripItems(meta: PackFile): Pack['meta'] {
  const { provisions: _p, parameters: _pa, tax_preferences: _t, targets: _ta, milestones: _m, budgets: _b, routes: _r, rules: _ru, stacking: _s, ...rest } = meta;
  return rest;
}

function checkParameterValues(parameter: PackFile['parameters'][number], report: (path: (string | number)[], message: string) => void): void {
  if (parameter.unit === 'ratio' && parameter.denominator === undefined) report(['denominator'], 'a ratio parameter needs a denominator');
  if (parameter.unit !== 'ratio' && parameter.denominator !== undefined) report(['denominator'], 'only ratio parameters have a denominator');
  parameter.values.forEach((entry, j) => {
    if (entry.to !== undefined && entry.to < entry.from) report(['values', j, 'to'], `period ends (${entry.to}) before it starts (${entry.from})`);
    if (parameter.unit === 'percent' && entry.value !== null && entry.value > 100) report(['values', j, 'value'], `a percentage above 100: ${entry.value}`);
    const previous = parameter.values[j - 1];
    if (previous && (previous.to === undefined || previous.to >= entry.from)) report(['values', j, 'from'], 'values must be in date order and must not overlap');
  });
}

type Report = (file: ParsedFile<unknown>, path: (string | number)[], message: string) => void;

function checkMeta(input: CheckInput, report: Report, claimId: (file: ParsedFile<unknown>, path: (string | number)[], id: string) => void): void {
  const { meta, metaFile, sourceText } = input;
  const inDocument = (path: (string | number)[], quote: string) => {
    if (!containsQuote(sourceText, quote)) report(metaFile, path, `not found in the document: 「${quote}」`);
  };
  inDocument(['document_number'], meta.document_number);
  meta.issuers.forEach((issuer, i) => inDocument(['issuers', i], issuer));
  inDocument(['issuing_office'], meta.issuing_office);
  inDocument(['addressees'], meta.addressees);
  inDocument(['publication'], meta.publication);
  inDocument(['validity', 'quote'], meta.validity.quote);
  meta.upstream.forEach((u, i) => {
    inDocument(['upstream', i, 'title'], u.title);
    inDocument(['upstream', i, 'number'], u.number);
  });
  if (meta.validity.to < meta.validity.from) report(metaFile, ['validity', 'to'], 'validity ends before it starts');
  meta.rules.forEach((rule, i) => {
    claimId(metaFile, ['rules', i, 'id'], rule.id);
    rule.quotes.forEach((q, j) => inDocument(['rules', i, 'quotes', j], q));
  });
}

function checkReferences(input: CheckInput, pack: Pack, report: Report): void {
  const fileOf = (name: string) => [input.metaFile, ...input.domainFiles, ...input.articleFiles.map((a) => a.parsed)].find((f) => f.file === name)!;
  const parameterIds = new Set(pack.parameters.map((p) => p.id));
  const provisionById = new Map(pack.provisions.map((p) => [p.id, p]));
  const indexIn = <T extends { id: string; file: string }>(list: T[], item: T) => list.filter((x) => x.file === item.file).indexOf(item);
  for (const provision of pack.provisions) {
    const file = fileOf(provision.file);
    const i = indexIn(pack.provisions, provision);
    provision.parameters.forEach((id, j) => {
      if (!parameterIds.has(id)) report(file, ['provisions', i, 'parameters', j], `unknown parameter "${id}"`);
    });
    provision.excludes.forEach((id, j) => {
      const other = provisionById.get(id);
      if (!other) report(file, ['provisions', i, 'excludes', j], `unknown provision "${id}"`);
      else if (!other.excludes.includes(provision.id)) report(file, ['provisions', i, 'excludes', j], `exclusion must be declared on both sides: "${id}" does not exclude "${provision.id}"`);
    });
  }
  const taxById = new Map(pack.taxPreferences.map((t) => [t.id, t]));
  for (const tax of pack.taxPreferences) {
    tax.excludes.forEach((id, j) => {
      const other = taxById.get(id);
      if (!other) report(fileOf(tax.file), ['tax_preferences', indexIn(pack.taxPreferences, tax), 'excludes', j], `unknown tax preference "${id}"`);
      else if (!other.excludes.includes(tax.id)) report(fileOf(tax.file), ['tax_preferences', indexIn(pack.taxPreferences, tax), 'excludes', j], `exclusion must be declared on both sides: "${id}" does not exclude "${tax.id}"`);
    });
    tax.parameters.forEach((id, j) => {
      if (!parameterIds.has(id)) report(fileOf(tax.file), ['tax_preferences', indexIn(pack.taxPreferences, tax), 'parameters', j], `unknown parameter "${id}"`);
    });
  }
  const known = new Set<string>([
    ...pack.provisions.flatMap((p) => [p.id, p.catalogue]), ...pack.taxPreferences.flatMap((t) => [t.id, t.catalogue]),
    ...pack.targets.map((t) => t.id), ...pack.budgets.map((b) => b.id), ...pack.milestones.map((m) => m.id), ...pack.routes.map((r) => r.id),
  ]);
  const checkSameAs = <T extends { id: string; file: string; same_as: string[] }>(list: T[], key: string) => {
    for (const item of list) {
      item.same_as.forEach((id, j) => {
        if (!known.has(id)) report(fileOf(item.file), [key, indexIn(list, item), 'same_as', j], `unknown item "${id}"`);
      });
    }
  };
  checkSameAs(pack.targets, 'targets');
  checkSameAs(pack.budgets, 'budgets');
  pack.stacking.forEach((rule, i) => {
    rule.groups.forEach((group, g) => group.forEach((id, j) => {
      if (!provisionById.has(id)) report(input.metaFile, ['stacking', i, 'groups', g, j], `unknown provision "${id}"`);
    }));
  });
  pack.rules.forEach((rule, i) => {
    rule.applies_to.forEach((id, j) => {
      if (!known.has(id)) report(input.metaFile, ['rules', i, 'applies_to', j], `unknown item "${id}"`);
    });
    rule.articles.forEach((number, j) => {
      if (!pack.articles.some((a) => a.number === number)) report(input.metaFile, ['rules', i, 'articles', j], `unknown article ${number}`);
    });
    rule.exclusive?.forEach((id, j) => {
      if (!provisionById.has(id)) report(input.metaFile, ['rules', i, 'exclusive', j], `unknown provision "${id}"`);
    });
  });
}

/** Every catalogue label maps to exactly one item, and every item's label is in the catalogue. */
function checkCatalogue(input: CheckInput, pack: Pack): void {
  const groups: [keyof PackFile['catalogue'], string[]][] = [
    ['provisions', pack.provisions.map((p) => p.catalogue)],
    ['tax_preferences', pack.taxPreferences.map((t) => t.catalogue)],
    ['targets', pack.targets.map((t) => t.id)],
    ['budgets', pack.budgets.map((b) => b.id)],
  ];
  for (const [group, labels] of groups) {
    const listed = input.meta.catalogue[group];
    listed.forEach((label, i) => {
      const count = labels.filter((l) => l === label).length;
      if (count !== 1) {
        input.issues.push({ file: 'pack.yaml', path: `catalogue.${group}.${i}`, line: input.metaFile.lineOf(['catalogue', group, i]), message: `catalogue item ${label} maps to ${count} items of the pack (expected exactly 1)` });
      }
    });
    for (const label of new Set(labels)) {
      if (!listed.includes(label)) input.issues.push({ file: 'pack.yaml', path: `catalogue.${group}`, line: input.metaFile.lineOf(['catalogue', group]), message: `item labelled ${label} is not in the catalogue list` });
    }
  }
}
