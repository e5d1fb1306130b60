// The demo cases seedDemo carries through the real services: four 科技局 awards at the stages the seeding
// names, the money where the ledger says, the dashboard showing what was paid; once only.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import { verifyAudit } from '../../src/services/audit.ts';
import { dashboard } from '../../src/services/dashboard.ts';
import { seedDemo } from '../../src/services/demo.ts';
import { getBudgetLine, verifyLedger } from '../../src/services/ledger.ts';
import { dialects, freshStore } from '../store/support/stores.ts';
import { testPack } from './support.ts';

describe.each(dialects)('demo cases on $name', (dialect) => {
  it('seeds four 科技局 awards: two paid, one payable, one approved; the ledger and the dashboard agree', async () => {
    const pack = testPack();
    const { db } = await freshStore(dialect);
    const logins = await seedDemo(db, pack);
    // The cases' enterprise accounts are not demo logins.
    expect(logins.map((l) => l.username)).not.toContain('demo-00010c');
    const cases = await db.selectFrom('applications').select(['provision', 'status', 'granted_yuan', 'engine_amount_yuan']).orderBy('provision').execute();
    // 市级新雏鹰 100万元; 市级中试基地 50万元; 孵化器在孵企业房租 24万元 × 50% = 12万元; 省科技型中小企业 1万元.
    expect(cases).toEqual([
      { provision: 'eaglet-city', status: 'paid', granted_yuan: 1000000, engine_amount_yuan: 1000000 },
      { provision: 'incubatee-rent', status: 'payable', granted_yuan: 120000, engine_amount_yuan: 120000 },
      { provision: 'poc-pilot-city', status: 'paid', granted_yuan: 500000, engine_amount_yuan: 500000 },
      { provision: 'sme-province-new', status: 'approved', granted_yuan: 10000, engine_amount_yuan: 10000 },
    ]);
    // D01 (科技 18.2亿元): 1000000 + 500000 disbursed; 120000 + 10000 reserved.
    const line = await getBudgetLine(db, 'D01-2025');
    expect(line).toMatchObject({ allocated: 1820000000, disbursed: 1500000, reserved: 130000, available: 1820000000 - 1630000 });
    expect((await verifyLedger(db)).ok).toBe(true);
    expect((await verifyAudit(db)).ok).toBe(true);

    const board = await dashboard(db, pack, SYSTEM_ACTOR, '2025-12-31');
    expect(board.awardsByDepartment).toEqual([{ department: '科技局', count: 2, amount: 1500000 }]);
    expect(board.domains.find((d) => d.id === 'd1')!.awardsPaid).toEqual({ count: 2, amount: 1500000 });

    await seedDemo(db, pack);
    expect(await db.selectFrom('applications').select('id').execute()).toHaveLength(4);
  });
});
