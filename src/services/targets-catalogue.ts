// The targets of the pack as the targets service works with them: the 71 quantified targets (K01…K71) and
// the 8 milestones (KM1…KM8), each with its article (or none: K01–K06 are stated in a domain heading),
// domain, responsible units and the domain's lead department, all departments by their registered name
// (the name a reviewer account is bound to). Built once per pack.
import type { Pack } from '../core/pack.ts';
import type { TargetBase } from './target-views.ts';

export interface TargetDef extends TargetBase {
  articleNumber: number | null;
  domainNumber: number;
  /** A rate of growth (增长 x%): may be negative. */
  growth: boolean;
}

/** Targets Zhida computes itself (targets-derived.ts). */
export const DERIVED_TARGETS: ReadonlySet<string> = new Set(['K01']);

export const articleLabel = (n: number): string => `A${String(n).padStart(2, '0')}`;
export const domainLabel = (n: number): string => `d${n}`;

const cache = new WeakMap<Pack, TargetDef[]>();

export function targetDefs(pack: Pack): TargetDef[] {
  const cached = cache.get(pack);
  if (cached) return cached;
  const name = (id: string): string => pack.departments.find((d) => d.id === id)?.name ?? id;
  const domainOf = (section: Pack['targets'][number]['section']): number => {
    if (section.kind === 'domain') return section.number;
    if (section.kind === 'article') return pack.articles.find((a) => a.number === section.number)?.domain ?? 0;
    return 0;
  };
  const place = (section: Pack['targets'][number]['section']) => {
    const domainNumber = domainOf(section);
    const articleNumber = section.kind === 'article' ? section.number : null;
    const lead = name(pack.domains.find((d) => d.number === domainNumber)?.lead ?? '');
    return { article: articleNumber === null ? null : articleLabel(articleNumber), articleNumber, domain: domainLabel(domainNumber), domainNumber, lead };
  };
  const defs: TargetDef[] = pack.targets.map((t) => {
    const fraction = typeof t.value === 'number' ? undefined : t.value;
    // A share (2/3) is carried as its decimal, 4 places, with the fraction beside it.
    const value = fraction ? Math.round((fraction.numerator / fraction.denominator) * 10_000) / 10_000 : (t.value as number);
    return {
      id: t.id, kind: 'target', ...place(t.section), metric: t.metric,
      target: {
        value, ...(fraction ? { numerator: fraction.numerator, denominator: fraction.denominator } : {}),
        unit: t.unit, direction: t.direction, firmness: t.firmness, ...(t.marker ? { marker: t.marker } : {}),
      },
      quote: t.quote, responsible: t.responsibleIds.map(name), derived: DERIVED_TARGETS.has(t.id),
      growth: t.unit === '%' && /growth/i.test(t.metric.en),
    };
  });
  for (const m of pack.milestones) {
    const section = m.section;
    const article = section.kind === 'article' ? pack.articles.find((a) => a.number === section.number) : undefined;
    const where = place(m.section);
    defs.push({
      id: m.id, kind: 'milestone', ...where, metric: m.metric,
      // Reported as percent of completion.
      target: { value: 100, unit: '%', direction: '>=', firmness: 'plain' },
      quote: m.quote, responsible: article ? article.responsibleUnits.map(name) : [where.lead], derived: false, growth: false,
    });
  }
  cache.set(pack, defs);
  return defs;
}

export function targetDef(pack: Pack, id: string): TargetDef | undefined {
  const wanted = id.trim().toUpperCase();
  return targetDefs(pack).find((t) => t.id === wanted);
}

/** Departments a target's decomposition may name: its responsible units; for a domain-level target, also those of the domain's articles. */
export function assignableUnits(pack: Pack, def: TargetDef): string[] {
  if (def.article !== null) return def.responsible;
  const name = (id: string): string => pack.departments.find((d) => d.id === id)?.name ?? id;
  const units = new Set(def.responsible);
  for (const a of pack.articles.filter((x) => x.domain === def.domainNumber)) a.responsibleUnits.forEach((id) => units.add(name(id)));
  return [...units];
}
