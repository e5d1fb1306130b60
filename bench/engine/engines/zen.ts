// R1–R10 as one GoRules JDM decision graph for @gorules/zen-engine (the Rust engine's Node binding):
// input → expression node "facts" (the quantified conditions and sums over the lists, in ZEN expressions)
// → decision table "R10" (entry / retention, first hit) → expression node "amounts" → output.
// The workload's numbers are written into the expressions and table cells from params.ts when the graph is
// built. ZEN's numbers are decimals, so floor(x × p / 100) is exact.
import { ZenEngine, type ZenDecision } from '@gorules/zen-engine';
import { P, RULES, RULE_IDS, Y } from '../params.ts';
import type { Enterprise } from '../population.ts';

// "Dated within Y": ZEN has no ordering on strings, and d(x) >= d(start) and d(x) <= d(end) parses two dates per
// item (about 100 µs more per enterprise here); on ISO dates startsWith(x, "Y-") is the same test.
const inYear = (field: string) => `startsWith(${field}, "${Y}-")`;
const recognised = (type: string, extra = '') => `some(recognitions, #.type == "${type}"${extra} and ${inYear('#.date')})`;
const rd = (year: number) => `sum(map(filter(financial_years, #.year == ${year}), #.rd_expense))`;
const revenue = (year: number) => `sum(map(filter(financial_years, #.year == ${year}), #.revenue))`;
const highRd = (year: number) =>
  `$.rd${Y - year} * 100 >= $.rd${Y - year + 1} * ${100 + P.r5Growth} and $.rd${Y - year} * 100 >= $.rev${Y - year} * ${P.r5Intensity} and $.rd${Y - year} - $.rd${Y - year + 1} >= ${P.r5Increase}`;

export function jdmGraph(): object {
  let id = 0;
  const expr = (key: string, value: string) => ({ id: `x${id++}`, key, value });
  const facts = [
    expr('hteNew', recognised('high-tech-enterprise', ' and #.event == "new"')),
    expr('hteReexam', recognised('high-tech-enterprise', ' and #.event == "reexam"')),
    expr('smeNew', recognised('sci-tech-sme', ' and #.event == "new" and #.level == "provincial"')),
    expr('eagletCity', recognised('eaglet', ' and #.level == "city"')),
    expr('validCertificate', `some(recognitions, #.type == "high-tech-enterprise" and d(#.date) <= d("${Y}-12-31") and d(#.valid_until) >= d("${Y}-01-01"))`),
    expr('years', `count(financial_years, #.year >= ${Y - 3} and #.year <= ${Y - 1})`),
    expr('rd1', rd(Y - 1)), expr('rd2', rd(Y - 2)), expr('rd3', rd(Y - 3)),
    expr('rev1', revenue(Y - 1)), expr('rev2', revenue(Y - 2)),
    expr('highRd', `$.years == 3 and ${highRd(Y - 1)} and ${highRd(Y - 2)}`),
    expr('firstRd', `some(financial_years, #.year == ${Y - 1} and #.above_scale and #.rd_expense >= ${P.r6Threshold}) and none(financial_years, #.year < ${Y - 1} and #.rd_expense >= ${P.r6Threshold})`),
    expr('contractCount', `count(contracts, ${inYear('#.registered_on')})`),
    expr('contractSum', `sum(map(filter(contracts, ${inYear('#.registered_on')}), #.amount))`),
    expr('upgradeCount', `count(projects, #.kind == "equipment-upgrade" and #.key_sector and #.year == ${Y})`),
    expr('upgradeSum', `sum(map(filter(projects, #.kind == "equipment-upgrade" and #.key_sector and #.year == ${Y}), #.actual_investment))`),
    expr('premiumGrant', `sum(map(filter(premiums, #.kind == "short-term-export-credit" and #.year == ${Y}), floor(#.amount * (#.key_country ? ${P.r9KeyRate} : ${P.r9Rate}) / 100)))`),
    expr('retained', `above_scale_entry_year != null and above_scale_entry_year + ${P.r10Years} <= ${Y} and count(financial_years, #.year >= above_scale_entry_year and #.year <= ${Y - 1} and #.above_scale) == ${Y} - above_scale_entry_year`),
  ];
  const table = {
    hitPolicy: 'first',
    passThrough: true,
    inputs: [
      { id: 'industrial', name: 'Industrial', field: 'industrial' },
      { id: 'entry', name: 'Entry year', field: 'above_scale_entry_year' },
      { id: 'retained', name: 'Retained', field: 'retained' },
    ],
    outputs: [{ id: 'r10', name: 'R10', field: 'r10' }],
    rules: [
      { _id: 'entered', industrial: 'true', entry: String(Y), retained: '', r10: String(P.r10Entry) },
      { _id: 'retained', industrial: 'true', entry: '', retained: 'true', r10: String(P.r10Retention) },
      { _id: 'none', industrial: '', entry: '', retained: '', r10: '0' },
    ],
  };
  const amounts = [
    expr('r1', `hteNew ? ${P.r1} : 0`),
    expr('r2', `hteReexam and not hteNew ? ${P.r2} : 0`),
    expr('r3', `smeNew ? ${P.r3} : 0`),
    expr('r4', `eagletCity ? ${P.r4} : 0`),
    expr('r5', `validCertificate and highRd ? min([floor((rd1 - rd2) * ${P.r5Rate} / 100), ${P.r5Cap}]) : 0`),
    expr('r6', `firstRd ? ${P.r6} : 0`),
    expr('r7', `contractCount > 0 ? min([floor(contractSum * ${P.r7Rate} / 100), ${P.r7Cap}]) : 0`),
    expr('r8', `upgradeCount > 0 ? floor(upgradeSum * ${P.r8Rate} / 100) : 0`),
    expr('r9', 'premiumGrant'),
    expr('r10', 'r10'),
  ];
  const node = (nid: string, type: string, content?: object) => ({ id: nid, type, name: nid, position: { x: 0, y: 0 }, ...(content ? { content } : {}) });
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      node('request', 'inputNode'),
      node('facts', 'expressionNode', { expressions: facts, passThrough: true }),
      node('r10-table', 'decisionTableNode', table),
      node('amounts', 'expressionNode', { expressions: amounts, passThrough: false }),
      node('response', 'outputNode'),
    ],
    edges: [
      { id: 'e1', type: 'edge', sourceId: 'request', targetId: 'facts' },
      { id: 'e2', type: 'edge', sourceId: 'facts', targetId: 'r10-table' },
      { id: 'e3', type: 'edge', sourceId: 'r10-table', targetId: 'amounts' },
      { id: 'e4', type: 'edge', sourceId: 'amounts', targetId: 'response' },
    ],
  };
}

export type ZenInput = Omit<Enterprise, 'index'>;
export const toZenInput = (e: Enterprise): ZenInput => {
  const { index: _index, ...rest } = e;
  return rest;
};

export function buildZenDecision(): { engine: ZenEngine; decision: ZenDecision } {
  const engine = new ZenEngine();
  const decision = engine.createDecision(jdmGraph());
  return { engine, decision };
}

function write(result: Record<string, unknown>, out: Float64Array, o: number): void {
  for (let r = 0; r < RULES; r++) {
    const v = result[RULE_IDS[r]!];
    out[o + r] = typeof v === 'number' ? v : Number(v);
  }
}

/** One evaluation at a time, each awaited. */
export async function runZenAwaited(decision: ZenDecision, inputs: readonly ZenInput[], out: Float64Array): Promise<void> {
  for (let i = 0; i < inputs.length; i++) write((await decision.evaluate(inputs[i])).result as Record<string, unknown>, out, i * RULES);
}

/** `inFlight` evaluations outstanding at any time (a sliding window, not batches). */
export async function runZenInFlight(decision: ZenDecision, inputs: readonly ZenInput[], out: Float64Array, inFlight = 64): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < inputs.length) {
      const i = next++;
      write((await decision.evaluate(inputs[i])).result as Record<string, unknown>, out, i * RULES);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, inputs.length) }, lane));
}
