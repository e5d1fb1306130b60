// The floor: the ten rules as hand-written functions over the generated enterprises.
import { P, RULES, Y } from '../params.ts';
import type { Enterprise, FinancialYear } from '../population.ts';

const START = `${Y}-01-01`;
const END = `${Y}-12-31`;
const inYear = (date: string) => date >= START && date <= END;

function fy(e: Enterprise, year: number): FinancialYear | undefined {
  const fys = e.financial_years;
  for (let i = 0; i < fys.length; i++) if (fys[i]!.year === year) return fys[i];
  return undefined;
}

/** R5's three tests for one year against the year before. */
function highRd(cur: FinancialYear, prev: FinancialYear): boolean {
  return cur.rd_expense * 100 >= prev.rd_expense * (100 + P.r5Growth)
    && cur.rd_expense * 100 >= cur.revenue * P.r5Intensity
    && cur.rd_expense - prev.rd_expense >= P.r5Increase;
}

/** Writes the ten amounts of enterprise e at out[o … o+9]. */
export function evaluatePlain(e: Enterprise, out: Float64Array, o: number): void {
  let hteNew = false, hteReexam = false, smeNew = false, eaglet = false, validCert = false;
  for (const r of e.recognitions) {
    if (r.type === 'high-tech-enterprise') {
      if (inYear(r.date)) {
        if (r.event === 'new') hteNew = true;
        else if (r.event === 'reexam') hteReexam = true;
      }
      if (r.date <= END && r.valid_until !== undefined && r.valid_until >= START) validCert = true;
    } else if (r.type === 'sci-tech-sme') {
      if (r.event === 'new' && r.level === 'provincial' && inYear(r.date)) smeNew = true;
    } else if (r.type === 'eaglet') {
      if (r.level === 'city' && inYear(r.date)) eaglet = true;
    }
  }
  out[o] = hteNew ? P.r1 : 0;
  out[o + 1] = hteReexam && !hteNew ? P.r2 : 0;
  out[o + 2] = smeNew ? P.r3 : 0;
  out[o + 3] = eaglet ? P.r4 : 0;

  const y1 = fy(e, Y - 1), y2 = fy(e, Y - 2), y3 = fy(e, Y - 3);
  let r5 = 0;
  if (validCert && y1 && y2 && y3 && highRd(y1, y2) && highRd(y2, y3)) {
    r5 = Math.min(Math.floor(((y1.rd_expense - y2.rd_expense) * P.r5Rate) / 100), P.r5Cap);
  }
  out[o + 4] = r5;

  let r6 = 0;
  if (y1 && y1.above_scale && y1.rd_expense >= P.r6Threshold) {
    let first = true;
    for (const f of e.financial_years) if (f.year < Y - 1 && f.rd_expense >= P.r6Threshold) { first = false; break; }
    if (first) r6 = P.r6;
  }
  out[o + 5] = r6;

  let contracts = 0, contractSum = 0;
  for (const c of e.contracts) if (inYear(c.registered_on)) { contracts++; contractSum += c.amount; }
  out[o + 6] = contracts > 0 ? Math.min(Math.floor((contractSum * P.r7Rate) / 100), P.r7Cap) : 0;

  let investment = 0;
  for (const p of e.projects) if (p.kind === 'equipment-upgrade' && p.key_sector && p.year === Y) investment += p.actual_investment;
  out[o + 7] = Math.floor((investment * P.r8Rate) / 100);

  let premium = 0;
  for (const m of e.premiums) if (m.kind === 'short-term-export-credit' && m.year === Y) premium += Math.floor((m.amount * (m.key_country ? P.r9KeyRate : P.r9Rate)) / 100);
  out[o + 8] = premium;

  let r10 = 0;
  const entry = e.above_scale_entry_year;
  if (e.industrial && entry !== null) {
    if (entry === Y) r10 = P.r10Entry;
    else if (entry + P.r10Years <= Y) {
      let every = true;
      for (let y = entry; y <= Y - 1 && every; y++) every = fy(e, y)?.above_scale === true;
      if (every) r10 = P.r10Retention;
    }
  }
  out[o + 9] = r10;
}

export function runPlain(population: readonly Enterprise[], out: Float64Array): void {
  for (let i = 0; i < population.length; i++) evaluatePlain(population[i]!, out, i * RULES);
}
