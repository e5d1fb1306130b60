// zhida db migrate, zhida ledger verify, zhida audit verify against SQLite and PostgreSQL, as separate
// processes (as an operator would run them beside a running server).
import { describe, expect, it } from 'vitest';
import { allocate, createBudgetLine, reserve } from '../../src/services/ledger.ts';
import { dialects, freshStore, type TestStore } from './support/stores.ts';
import { runZhida } from '../cli/run-zhida.ts';

const zhida = (...args: string[]) => runZhida(args);

async function seed(store: TestStore): Promise<void> {
  const actor = 'finance-1';
  await createBudgetLine(store.db, { id: 'D01-2025', year: 2025, label: '领域一全年预算安排', packBudget: 'D01', actor });
  await allocate(store.db, { key: 'fund-1', actor, line: 'D01-2025', amount: 1_820_000_000 });
  await reserve(store.db, { key: 'approve-1', actor: 'reviewer-1', line: 'D01-2025', caseId: 'A-2025-0001', amount: 300_000 });
}

describe.each(dialects)('zhida db / ledger / audit on $name', (dialect) => {
  it('db migrate migrates once, even run twice at the same time, then is a no-op', async () => {
    const store = await freshStore(dialect, { migrate: false });
    const [a, b] = await Promise.all([zhida('db', 'migrate', '--database', store.url, '--json'), zhida('db', 'migrate', '--database', store.url, '--json')]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const applied = [...JSON.parse(a.stdout).applied, ...JSON.parse(b.stdout).applied].sort();
    expect(applied).toEqual(['2026-11-26-001-audit-log', '2026-11-26-002-budget-ledger', '2026-11-27-003-delivery', '2026-11-27-004-targets', '2026-11-27-005-lists', '2026-11-27-006-populations', '2026-11-27-007-entitlements', '2026-11-27-008-editions', '2026-11-27-009-packed-populations']);
    const again = await zhida('db', 'migrate', '--database', store.url, '--lang', 'en');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date, nothing to migrate');
    const status = await zhida('db', 'status', '--database', store.url, '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ applied, pending: [] });
  });

  it('ledger verify and audit verify exit 0 on a sound database, 1 naming each problem', async () => {
    const store = await freshStore(dialect);
    await seed(store);
    const ledgerOk = await zhida('ledger', 'verify', '--database', store.url, '--lang', 'en');
    expect(ledgerOk.code, ledgerOk.stderr).toBe(0);
    expect(ledgerOk.stdout).toContain('ledger ok: 1 budget lines, 2 movements, 4 entries, debits = credits = 1820300000 yuan');
    const auditOk = await zhida('audit', 'verify', '--database', store.url);
    expect(auditOk.code, auditOk.stderr).toBe(0);
    expect(auditOk.stdout).toContain('审计日志核验通过：3 条记录');

    await store.raw("UPDATE budget_lines SET reserved_yuan = 0, available_yuan = available_yuan + 300000 WHERE id = 'D01-2025'");
    const ledgerBad = await zhida('ledger', 'verify', '--database', store.url, '--lang', 'en');
    expect(ledgerBad.code).toBe(1);
    expect(ledgerBad.stdout).toContain('line D01-2025: reserved is 0 yuan but its entries give 300000 yuan');
    expect(ledgerBad.stderr).toContain('zhida: ledger verification failed: 2 problem(s)');

    const drop = dialect.dialect === 'postgres' ? 'DROP TRIGGER audit_log_refuse_update ON audit_log;' : 'DROP TRIGGER audit_log_refuse_update;';
    await store.raw(`${drop} UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`);
    const auditBad = await zhida('audit', 'verify', '--database', store.url, '--lang', 'en');
    expect(auditBad.code).toBe(1);
    expect(auditBad.stdout).toContain('altered 3: record 3 (ledger.reserve budget-line:D01-2025) was altered');
    expect(auditBad.stderr).toContain('zhida: audit verification failed: 1 problem(s)');
    const json = await zhida('audit', 'verify', '--database', store.url, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, records: 3, problems: [{ kind: 'altered', seq: 3 }] });
  });

  it('refuses to verify a database that is not migrated', async () => {
    const store = await freshStore(dialect, { migrate: false });
    const result = await zhida('ledger', 'verify', '--database', store.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the database is not migrated');
  });
});

describe('zhida db, without a database', () => {
  it('names an unreachable PostgreSQL without its password', async () => {
    const result = await zhida('db', 'migrate', '--database', 'postgres://zhida:secret@127.0.0.1:1/none');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^zhida: cannot reach PostgreSQL at postgres:\/\/zhida:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});
