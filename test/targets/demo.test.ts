// The demo year of progress reports: labelled demo, filed by no account, deterministic, once; with the
// lagging, stopped, never-reported and corrected targets the seeding names.
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../src/services/audit.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import { seedDemoTargetReports } from '../../src/services/targets-demo.ts';
import { listReminders, targetViews } from '../../src/services/targets.ts';
import { testPack } from '../delivery/support.ts';
import { dialects, freshStore } from '../store/support/stores.ts';

describe.each(dialects)('demo target reports on $name', (dialect) => {
  it('seeds a deterministic year once, labelled demo, audited as one record', async () => {
    const pack = testPack();
    const { db } = await freshStore(dialect);
    // 79 targets − K01 (derived) − 4 never reported = 74 reporting; 68 of them Jan–Nov (11 reports), and
    // K19 9 + K23 8 + K35 10 + K48 10 + K66 7 + KM6 9 = 53; plus 5 corrections: 748 + 53 + 5 = 806.
    expect(await seedDemoTargetReports(db, pack)).toBe(806);
    expect(await seedDemoTargetReports(db, pack)).toBe(0);
    const rows = await db.selectFrom('target_reports').selectAll().orderBy('target_id').orderBy('as_of').orderBy('reported_at').execute();
    expect(rows).toHaveLength(806);
    expect(rows.every((r) => r.demo === 1 && r.reported_by === null && r.reported_by_label === 'demo-seed')).toBe(true);
    expect(rows.filter((r) => r.supersedes !== null).map((r) => `${r.target_id}@${r.as_of}`)).toEqual([
      'K07@2025-06-30', 'K21@2025-09-30', 'K45@2025-10-31', 'K59@2025-05-31', 'K62@2025-08-31',
    ]);
    for (const id of ['K01', 'K29', 'K42', 'K61', 'KM2']) expect(rows.some((r) => r.target_id === id)).toBe(false);
    // Filed by the deadline: between the 3rd and the 11th of the next month.
    expect(rows.every((r) => { const day = Number(r.reported_at.slice(8, 10)); return day >= 3 && day <= 11; })).toBe(true);
    expect((await readAudit(db, {})).filter((r) => r.action.startsWith('target.')).map((r) => [r.action, r.after])).toEqual([
      ['target.report.demo', { reports: 806, demo: true }],
    ]);

    const views = await targetViews(db, pack, '2025-12-31');
    const statuses = new Set(views.map((v) => v.pace.status));
    expect([...statuses].sort()).toEqual(['at-risk', 'behind', 'met', 'no-report', 'on-track']);
    expect(views.find((v) => v.id === 'K16')!.pace.status).toBe('behind');
    expect(views.find((v) => v.id === 'K19')!.latest!.asOf).toBe('2025-09-30');
    const reminders = await listReminders(db, pack, SYSTEM_ACTOR, { asOf: '2025-12-31' });
    expect(reminders.map((r) => r.targetId).sort()).toEqual(['K19', 'K23', 'K29', 'K35', 'K42', 'K48', 'K61', 'K66', 'KM2', 'KM6']);

    // The same year on another database.
    const other = await freshStore(dialect);
    await seedDemoTargetReports(other.db, pack);
    const again = await other.db.selectFrom('target_reports').select(['target_id', 'as_of', 'value', 'reported_at']).orderBy('target_id').orderBy('as_of').orderBy('reported_at').execute();
    expect(again).toEqual(rows.map((r) => ({ target_id: r.target_id, as_of: r.as_of, value: r.value, reported_at: r.reported_at })));
  }, 60_000);
});
