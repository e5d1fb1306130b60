// The sample list that ships with the repo (scripts/make-sample-lists.ts): 200 rows, 7 deliberately bad, each
// reported on its line; with its enterprises registered (the .beneficiaries.json beside it, and the demo
// beneficiaries) the XLSX applies the 192 good rows, and its GBK CSV twin then changes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedDemoBeneficiaries } from '../../src/services/demo-beneficiaries.ts';
import { importList } from '../../src/services/list-import.ts';
import { dialects, testPack, useDeliveryApp } from '../delivery/support.ts';
import { register } from './support.ts';

const file = (ext: string) => readFileSync(new URL(`../../examples/lists/新认定高新技术企业-2025.${ext}`, import.meta.url));

describe.each(dialects)('the sample list on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('applies the good rows of the XLSX and reports the bad ones by line; the GBK CSV twin then changes nothing', async () => {
    const h = harness();
    await seedDemoBeneficiaries(h.store.db, testPack());
    const profiles = JSON.parse(file('beneficiaries.json').toString('utf8')) as { id: string; name: string }[];
    expect(profiles).toHaveLength(192);
    for (const p of profiles) await register(h.store.db, p.id, p.name);
    const reviewer = await h.signIn('reviewer', { department: '科技局' });

    const xlsx = await importList(h.store.db, reviewer.actor, { kind: 'high-tech-new-2025', mode: 'skip-bad', fileName: 'sample.xlsx', bytes: file('xlsx') });
    expect(xlsx).toMatchObject({ status: 'applied', rows_total: 200, rows_ok: 193, rows_bad: 7 });
    expect(xlsx.affected).toEqual(profiles.map((p) => p.id).sort());
    const bad = xlsx.report.filter((r) => r.status === 'error');
    expect(bad.map((r) => r.line)).toEqual([19, 43, 65, 90, 122, 144, 157]);
    expect(bad.map((r) => r.message.split(':')[0])).toEqual([
      `统一社会信用代码 ${bad[0]!.credit_code}`, 'unknown enterprise', '发证日期 "2025-13-05" is not a date (YYYY-MM-DD)',
      `统一社会信用代码 ${bad[3]!.credit_code}`, '发证日期 "2025-02-30" is not a date (YYYY-MM-DD)', 'unknown enterprise', 'duplicate row',
    ]);
    expect(bad[6]!.message).toContain('is already on line 156');
    // The demo enterprise holds the recognition already (GR202533001234, 2025-04-01).
    expect(xlsx.report[0]).toMatchObject({ line: 2, credit_code: '91330108MA2AY1234G', status: 'ok', outcome: 'unchanged' });

    const csv = await importList(h.store.db, reviewer.actor, { kind: 'high-tech-new-2025', mode: 'skip-bad', fileName: 'sample.csv', bytes: file('csv') });
    expect(csv).toMatchObject({ status: 'applied', rows_total: 200, rows_ok: 193, rows_bad: 7, affected: [] });
    expect(csv.report.filter((r) => r.status === 'error').map((r) => r.line)).toEqual([19, 43, 65, 90, 122, 144, 157]);
  });
});
