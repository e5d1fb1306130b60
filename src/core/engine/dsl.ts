// What a pack's rule files import: the expression builders and the helpers that recur in the text
// (an event dated within the policy year, a recognition of a type and level).
import { all, eq, exists, field, gte, lit, lte, oneOf, yearEnd, yearStart, type Expr } from './expr.ts';

export * from './expr.ts';
export type { ProvisionRule } from './engine.ts';

/** The date (an item field or any date expression) falls within the policy year, both ends included. */
export function inPolicyYear(date: Expr): Expr {
  return all([gte(date, yearStart()), lte(date, yearEnd())], { label: { zh: '发生在政策年度内', en: 'within the policy year' } });
}

export interface RecognitionFilter {
  /** new (新认定/新获批/新入选), reexam (通过复审); absent: any recognition (认定的). */
  event?: 'new' | 'reexam' | 'recognised';
  /** Accepted levels; absent: any level. */
  levels?: string[];
  quote?: string;
}

/** The profile holds a recognition of this type, dated within the policy year. */
export function recognisedInYear(type: string, filter: RecognitionFilter = {}): Expr {
  return exists('r', 'recognitions', all([
    eq(field('r', 'type'), lit(type)),
    ...(filter.levels ? [oneOf(field('r', 'level'), filter.levels)] : []),
    ...(filter.event ? [eq(field('r', 'event'), lit(filter.event))] : []),
    inPolicyYear(field('r', 'date')),
  ]), filter.quote ? { quote: filter.quote } : undefined);
}
