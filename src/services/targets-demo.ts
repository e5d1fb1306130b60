// Demo progress reports (演示数据) `npm start` seeds: a plausible 2025 for most targets, generated — every
// row carries demo = 1 and the UI labels it. Deterministic: each target draws from a generator seeded
// with its id, so every database gets the same year. Most units report monthly through November (due 10
// December); a few stopped earlier (overdue), a few never reported, a few targets lag, a few reports were
// corrected. Filed on behalf of the first responsible unit by no account (reported_by null), audited as
// one record (actor demo-seed) rather than one per generated row. Idempotent: nothing happens once demo
// reports exist.
import type { Pack } from '../core/pack.ts';
import { elapsedShare, measureOf, SEASONAL_PROFILES } from '../core/pace.ts';
import { isCountUnit } from '../core/target-units.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import { appendAudit } from './audit.ts';
import { recordReport, type Reporter } from './target-reports.ts';
import { targetDefs, type TargetDef } from './targets-catalogue.ts';
import { packYear } from './targets.ts';

export const DEMO_REPORTER = 'demo-seed';

/** mulberry32: a small deterministic generator, seeded from the target id. */
function generator(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Plan {
  /** Months reported: 1…last (0: never). */
  last: number;
  /** Year-end performance against the target (1 = exactly on pace). */
  performance: number;
  /** Month whose report is corrected (0: none). */
  corrected: number;
}

/** Which targets behave how: fixed lists, so that the demo shows each status and event. */
const NEVER = new Set(['K29', 'K42', 'K61', 'KM2']);
const LAGGING: Readonly<Record<string, number>> = { K16: 0.55, K18: 0.7, K25: 0.62, K27: 0.86, K37: 0.74, K41: 0.66, K54: 0.83, K59: 0.58, K33: 0.9, K39: 0.7 };
const STOPPED: Readonly<Record<string, number>> = { K19: 9, K23: 8, K35: 10, K48: 10, K66: 7, KM6: 9 };
const CORRECTED: Readonly<Record<string, number>> = { K07: 6, K21: 9, K45: 10, K59: 5, K62: 8 };

function planOf(def: TargetDef, random: () => number): Plan {
  if (NEVER.has(def.id)) return { last: 0, performance: 0, corrected: 0 };
  const performance = LAGGING[def.id] ?? 0.95 + random() * 0.3;
  return { last: STOPPED[def.id] ?? 11, performance, corrected: CORRECTED[def.id] ?? 0 };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const monthEnd = (year: number, month: number): string => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

function rounded(def: TargetDef, value: number): number {
  if (def.kind === 'milestone' || isCountUnit(def.target.unit)) return Math.round(value);
  if (def.target.unit === 'share') return Math.round(value * 1000) / 1000;
  return Math.round(value * 100) / 100;
}

/** Within what a report may carry: a percentage of a whole at most 100, a share at most 1. */
function clamp(def: TargetDef, value: number): number {
  if ((def.target.unit === '%' && !def.growth) || def.kind === 'milestone') return Math.min(value, 100);
  if (def.target.unit === 'share') return Math.min(value, 1);
  return value;
}

/** The value of month m: cumulative targets grow with the year (never down), level ones hover near their level. */
function monthValues(def: TargetDef, plan: Plan, year: number, random: () => number): number[] {
  const level = measureOf({ id: def.id, kind: def.kind, unit: def.target.unit }) === 'level';
  const values: number[] = [];
  let previous = 0;
  for (let month = 1; month <= plan.last; month++) {
    const noise = 1 + (random() - 0.5) * 0.08;
    let value: number;
    if (level) value = def.target.value * plan.performance * noise;
    else {
      const elapsed = elapsedShare(monthEnd(year, month), year, SEASONAL_PROFILES[def.id]?.shares);
      value = Math.max(previous, def.target.value * elapsed * plan.performance * noise);
    }
    value = rounded(def, clamp(def, value));
    values.push(value);
    previous = value;
  }
  return values;
}

/** Seeds the demo reports when none exist; returns how many it filed. */
export async function seedDemoTargetReports(db: Db, pack: Pack): Promise<number> {
  const existing = await db.selectFrom('target_reports').select('id').where('demo', '=', 1).limit(1).execute();
  if (existing.length > 0) return 0;
  const year = packYear(pack);
  let filed = 0;
  // One transaction: a thousand reports, one commit (SQLite syncs every commit to disk).
  await writeTransaction(db, async (trx) => {
    for (const def of targetDefs(pack).filter((t) => !t.derived)) {
      const random = generator(def.id);
      const plan = planOf(def, random);
      const unit = def.responsible[0] ?? def.lead;
      const reporter: Reporter = { accountId: null, label: DEMO_REPORTER, department: unit };
      const values = monthValues(def, plan, year, random);
      for (const [i, value] of values.entries()) {
        const month = i + 1;
        const asOf = monthEnd(year, month);
        // Filed between the 3rd and the 9th of the next month, by the deadline.
        const filedOn = month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
        const day = 3 + Math.floor(random() * 7);
        const report = await recordReport(trx, pack, reporter, def.id, {
          unit, value, asOf, note: `${month}月报送（演示数据）`,
          evidenceUrl: `https://zhida.example/demo-evidence/${def.id}/${year}-${pad(month)}`,
        }, { demo: true, audit: false, reportedAt: `${filedOn}-${pad(day)}T01:30:00.000Z` });
        filed += 1;
        if (month === plan.corrected) {
          // The first figure was a typing slip, corrected a few days later.
          const corrected = rounded(def, clamp(def, value * (measureOf({ id: def.id, kind: def.kind, unit: def.target.unit }) === 'level' ? 0.98 : 1.05)));
          await recordReport(trx, pack, reporter, def.id, {
            unit, value: corrected, asOf, note: `更正：${month}月数据录入有误，原报 ${value}（演示数据）`, supersedes: report.id,
            evidenceUrl: `https://zhida.example/demo-evidence/${def.id}/${year}-${pad(month)}-corrected`,
          }, { demo: true, audit: false, reportedAt: `${filedOn}-${pad(day + 2)}T02:00:00.000Z` });
          filed += 1;
        }
      }
    }
    await appendAudit(trx, { actor: DEMO_REPORTER, action: 'target.report.demo', subject: 'targets', after: { reports: filed, demo: true } });
  });
  return filed;
}
