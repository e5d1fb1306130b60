// The leadership dashboard (领导驾驶舱): the 7 domains with their targets by pace, budget execution from the
// ledger and awards paid, the budget lines, awards by department, and the most lagging targets — as of a
// date. Money in whole yuan.
import type { Pack } from '../core/pack.ts';
import { elapsedShare, paceRatio, type PaceStatus } from '../core/pace.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './actor.ts';
import { notFound } from './errors.ts';
import { articleLabel, domainLabel } from './targets-catalogue.ts';
import type { ArticleProgress, BudgetLineFigures, Dashboard, DomainSummary } from './target-views.ts';
import { packYear, requireTargetReader, targetViews, viewDate, type TargetView } from './targets.ts';

export type { ArticleProgress, BudgetFigures, BudgetLineFigures, Dashboard, DomainSummary } from './target-views.ts';

const emptyCounts = (): Record<PaceStatus, number> => ({ met: 0, 'on-track': 0, 'at-risk': 0, behind: 0, 'no-report': 0 });

/** The domain (1–7) of a section of the pack; 0 for the document as a whole. */
function domainOfSection(pack: Pack, section: { kind: string; number?: number }): number {
  if (section.kind === 'domain') return section.number ?? 0;
  if (section.kind === 'article') return pack.articles.find((a) => a.number === section.number)?.domain ?? 0;
  return 0;
}

/**
 * Money of the year's lines moves until it is settled, after 31 December too (a 2025 award paid in
 * 2026): figures are taken at the end of `asOf` (UTC) for a date inside the policy year, and to date
 * (every movement so far) for its last day or later.
 */
const ledgerCutoff = (asOf: string, year: number): string | null => (asOf >= `${year}-12-31` ? null : `${asOf}T23:59:59.999Z`);

/**
 * The balances of each line of the year, from the ledger's movements up to the cut-off: allocated =
 * allocations; paid = disbursements; reserved = reservations − releases − disbursements.
 */
async function lineFigures(db: Db, pack: Pack, year: number, asOf: string): Promise<(BudgetLineFigures & { domain: number })[]> {
  const lines = await db.selectFrom('budget_lines').select(['id', 'label', 'pack_budget', 'provision']).where('year', '=', year).orderBy('id').execute();
  const cutoff = ledgerCutoff(asOf, year);
  let query = db.selectFrom('ledger_movements').select(['line_id', 'operation', (eb) => eb.fn.sum<number>('amount_yuan').as('total')]);
  if (cutoff !== null) query = query.where('at', '<=', cutoff);
  const sums = await query.groupBy(['line_id', 'operation']).execute();
  const total = (line: string, operation: string) => Number(sums.find((s) => s.line_id === line && s.operation === operation)?.total ?? 0);
  return lines.map((l) => {
    const budget = l.pack_budget ? pack.budgets.find((b) => b.id === l.pack_budget) : undefined;
    const provision = l.provision ? pack.provisions.find((p) => p.id === l.provision) : undefined;
    const domain = budget ? domainOfSection(pack, budget.section) : provision ? domainOfSection(pack, provision.section) : 0;
    const paid = total(l.id, 'disburse');
    return {
      id: l.id, label: l.label, domain,
      planned: budget && (budget.kind === 'exact' || budget.kind === 'at-least') ? budget.amount_yuan ?? 0 : 0,
      allocated: total(l.id, 'allocate'), reserved: total(l.id, 'reserve') - total(l.id, 'release') - paid, paid,
    };
  });
}

/** Awards of the year paid up to the cut-off: payout items settled as paid, with their case's provision and department. */
async function awardsPaid(db: Db, pack: Pack, year: number, asOf: string): Promise<{ domain: number; department: string; amount: number }[]> {
  const cutoff = ledgerCutoff(asOf, year);
  let query = db.selectFrom('payout_items').innerJoin('applications', 'applications.id', 'payout_items.application_id')
    .select(['payout_items.amount_yuan as amount', 'applications.provision as provision', 'applications.department as department'])
    .where('payout_items.status', '=', 'paid').where('applications.year', '=', year);
  if (cutoff !== null) query = query.where('payout_items.settled_at', '<=', cutoff);
  const rows = await query.execute();
  return rows.map((r) => {
    const provision = pack.provisions.find((p) => p.id === r.provision);
    return { domain: provision ? domainOfSection(pack, provision.section) : 0, department: r.department, amount: Number(r.amount) };
  });
}

/** Worst first: the lowest share of the expected value reached, then the most behind by status. */
function laggingFirst(a: TargetView, b: TargetView): number {
  const ratio = (t: TargetView) => paceRatio(t.latest?.value ?? 0, t.pace.expected);
  return ratio(a) - ratio(b) || (a.pace.status === 'behind' ? -1 : 0) - (b.pace.status === 'behind' ? -1 : 0) || a.id.localeCompare(b.id);
}

export async function dashboard(db: Db, pack: Pack, actor: Actor, asOfParam?: string): Promise<Dashboard> {
  requireTargetReader(actor);
  const asOf = viewDate(pack, asOfParam);
  const year = packYear(pack);
  const [targets, lines, awards] = await Promise.all([targetViews(db, pack, asOf), lineFigures(db, pack, year, asOf), awardsPaid(db, pack, year, asOf)]);
  const name = (id: string) => pack.departments.find((d) => d.id === id)?.name ?? id;

  const domains = pack.domains.map((d): DomainSummary => {
    const id = domainLabel(d.number);
    const counts = emptyCounts();
    // The 71 quantified targets; milestones are listed with the targets but not counted here.
    for (const t of targets) if (t.domain === id && t.kind === 'target') counts[t.pace.status] += 1;
    const own = lines.filter((l) => l.domain === d.number);
    const paid = awards.filter((a) => a.domain === d.number);
    return {
      id, name: { zh: d.title, en: d.title_en }, lead: name(d.lead), targets: counts,
      budget: own.length === 0 ? null : {
        lineId: own.map((l) => l.id).join(','),
        planned: own.reduce((s, l) => s + l.planned, 0), allocated: own.reduce((s, l) => s + l.allocated, 0),
        reserved: own.reduce((s, l) => s + l.reserved, 0), paid: own.reduce((s, l) => s + l.paid, 0),
      },
      awardsPaid: { count: paid.length, amount: paid.reduce((s, a) => s + a.amount, 0) },
    };
  });

  const byDepartment = new Map<string, { department: string; count: number; amount: number }>();
  for (const a of awards) {
    const entry = byDepartment.get(a.department) ?? { department: a.department, count: 0, amount: 0 };
    entry.count += 1;
    entry.amount += a.amount;
    byDepartment.set(a.department, entry);
  }

  return {
    asOf,
    yearElapsed: Math.round(elapsedShare(asOf, year) * 10_000) / 10_000,
    domains,
    budgetLines: lines.map(({ domain: _domain, ...l }) => l),
    awardsByDepartment: [...byDepartment.values()].sort((a, b) => b.amount - a.amount || a.department.localeCompare(b.department)),
    lagging: targets.filter((t) => t.pace.status === 'behind' || t.pace.status === 'at-risk').sort(laggingFirst).slice(0, 10),
  };
}

/** An article (A06, 6) or a domain heading (d2) with its targets, provisions and their cases in aggregate. */
export async function articleProgress(db: Db, pack: Pack, actor: Actor, id: string, asOfParam?: string): Promise<ArticleProgress> {
  requireTargetReader(actor);
  const asOf = viewDate(pack, asOfParam);
  const domainMatch = /^d(\d)$/i.exec(id.trim());
  const articleMatch = /^A?(\d{1,2})$/i.exec(id.trim());
  const name = (dept: string) => pack.departments.find((d) => d.id === dept)?.name ?? dept;
  let head: Omit<ArticleProgress, 'targets' | 'provisions'> & { section: { kind: 'article' | 'domain'; number: number } };
  if (domainMatch) {
    const domain = pack.domains.find((d) => d.number === Number(domainMatch[1]));
    if (!domain) throw notFound(`domain ${id}`);
    head = { id: domainLabel(domain.number), title: `${domain.numeral}、${domain.title}`, text: domain.text, domain: domainLabel(domain.number), responsible: [name(domain.lead)], section: { kind: 'domain', number: domain.number } };
  } else if (articleMatch) {
    const article = pack.articles.find((a) => a.number === Number(articleMatch[1]));
    if (!article) throw notFound(`article ${id}`);
    head = {
      id: articleLabel(article.number), title: `（${article.numeral}）${article.title}`, text: article.text, domain: domainLabel(article.domain),
      responsible: article.responsibleUnits.map(name), section: { kind: 'article', number: article.number },
    };
  } else {
    throw notFound(`article ${id}`);
  }
  const { section, ...rest } = head;
  const provisions = pack.provisions.filter((p) => p.section.kind === section.kind && p.section.number === section.number);
  const cases = provisions.length === 0 ? [] : await db.selectFrom('applications')
    .select(['provision', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('provision', 'in', provisions.map((p) => p.id)).where('year', '=', packYear(pack)).where('status', '<>', 'draft')
    .groupBy(['provision', 'status']).execute();
  const paid = provisions.length === 0 ? [] : await db.selectFrom('payout_items').innerJoin('applications', 'applications.id', 'payout_items.application_id')
    .select(['applications.provision as provision', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('payout_items.amount_yuan').as('amount')])
    .where('payout_items.status', '=', 'paid').where('applications.provision', 'in', provisions.map((p) => p.id)).where('applications.year', '=', packYear(pack))
    .groupBy('applications.provision').execute();
  const targets = (await targetViews(db, pack, asOf)).filter((t) => (section.kind === 'article' ? t.article === rest.id : t.article === null && t.domain === rest.id));
  return {
    ...rest,
    targets,
    provisions: provisions.map((p) => {
      const byStatus: Record<string, number> = {};
      for (const c of cases.filter((x) => x.provision === p.id)) byStatus[c.status] = Number(c.n);
      const money = paid.find((x) => x.provision === p.id);
      return {
        id: p.id, catalogue: p.catalogue, title: { zh: p.title.zh, en: p.title.en }, department: name(p.departmentId),
        cases: { total: Object.values(byStatus).reduce((s, n) => s + n, 0), byStatus, paid: { count: Number(money?.n ?? 0), amount: Number(money?.amount ?? 0) } },
      };
    }),
  };
}
