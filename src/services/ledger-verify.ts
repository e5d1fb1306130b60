// zhida ledger verify: proves the ledger from its entries, on one snapshot — money is conserved (debits =
// credits, in total and in every movement), every line's stored balances are those its entries give and
// none is negative, and no case has more paid or released than was reserved for it.
import { sql } from 'kysely';
import { readTransaction, type Db } from '../store/database.ts';
import type { LedgerAccount } from '../store/tables/index.ts';

export interface LedgerReport {
  ok: boolean;
  problems: string[];
  lines: number;
  movements: number;
  entries: number;
  /** Sums over every entry, in yuan: equal when the ledger balances. */
  debits: number;
  credits: number;
}

const MAX_PROBLEMS = 100;

export function verifyLedger(db: Db): Promise<LedgerReport> {
  return readTransaction(db, async (trx) => {
    const problems: string[] = [];
    const totals = await trx.selectFrom('ledger_entries')
      .select([
        sql<number>`count(*)`.as('entries'),
        sql<number>`coalesce(sum(debit_yuan), 0)`.as('debits'),
        sql<number>`coalesce(sum(credit_yuan), 0)`.as('credits'),
      ]).executeTakeFirstOrThrow();
    if (totals.debits !== totals.credits) problems.push(`debits (${totals.debits} yuan) differ from credits (${totals.credits} yuan)`);

    const { movements } = await trx.selectFrom('ledger_movements').select(sql<number>`count(*)`.as('movements')).executeTakeFirstOrThrow();
    // Each movement: its entries exist, are on its line, and debit and credit exactly its amount.
    const unbalanced = await sql<{ id: number; key: string; amount: number; debits: number | null; credits: number | null; lines: number | null; line_id: string; first_line: string | null }>`
      SELECT m.id, m.idempotency_key AS key, m.amount_yuan AS amount, m.line_id, e.debits, e.credits, e.lines, e.first_line
      FROM ledger_movements m
      LEFT JOIN (
        SELECT movement_id, sum(debit_yuan) AS debits, sum(credit_yuan) AS credits,
               count(DISTINCT line_id) AS lines, min(line_id) AS first_line
        FROM ledger_entries GROUP BY movement_id
      ) e ON e.movement_id = m.id
      WHERE e.movement_id IS NULL OR e.debits <> m.amount_yuan OR e.credits <> m.amount_yuan
         OR e.lines <> 1 OR e.first_line <> m.line_id
      ORDER BY m.id`.execute(trx);
    for (const m of unbalanced.rows) {
      problems.push(m.debits === null
        ? `movement ${m.id} (${m.key}) has no entries`
        : `movement ${m.id} (${m.key}) of ${m.amount} yuan on line ${m.line_id} has entries debiting ${m.debits}, crediting ${m.credits} on ${m.lines === 1 ? `line ${m.first_line}` : `${m.lines} lines`}`);
    }
    const orphans = await sql<{ n: number }>`
      SELECT count(*) AS n FROM ledger_entries e WHERE NOT EXISTS (SELECT 1 FROM ledger_movements m WHERE m.id = e.movement_id)`.execute(trx);
    if ((orphans.rows[0]?.n ?? 0) > 0) problems.push(`${orphans.rows[0]?.n} entries belong to no movement`);

    // Each line: balances from the entries = the stored balances, none negative, allocated = the rest.
    const sums = await trx.selectFrom('ledger_entries')
      .select(['line_id', 'account', sql<number>`coalesce(sum(debit_yuan), 0) - coalesce(sum(credit_yuan), 0)`.as('net')])
      .groupBy(['line_id', 'account']).execute();
    const fromEntries = new Map<string, Record<LedgerAccount, number>>();
    for (const s of sums) {
      const b = fromEntries.get(s.line_id) ?? { appropriation: 0, available: 0, reserved: 0, disbursed: 0 };
      // appropriation is credit-normal: its balance is credits − debits.
      b[s.account] = s.account === 'appropriation' ? -s.net : s.net;
      fromEntries.set(s.line_id, b);
    }
    const lines = await trx.selectFrom('budget_lines').selectAll().orderBy('id').execute();
    const known = new Set(lines.map((l) => l.id));
    for (const id of fromEntries.keys()) if (!known.has(id)) problems.push(`entries name budget line ${id}, which does not exist`);
    for (const line of lines) {
      const e = fromEntries.get(line.id) ?? { appropriation: 0, available: 0, reserved: 0, disbursed: 0 };
      const stored = { appropriation: line.allocated_yuan, available: line.available_yuan, reserved: line.reserved_yuan, disbursed: line.disbursed_yuan };
      for (const account of Object.keys(stored) as LedgerAccount[]) {
        if (stored[account] !== e[account]) problems.push(`line ${line.id}: ${account} is ${stored[account]} yuan but its entries give ${e[account]} yuan`);
        if (e[account] < 0) problems.push(`line ${line.id}: ${account} is negative (${e[account]} yuan)`);
      }
      if (e.appropriation !== e.available + e.reserved + e.disbursed) {
        problems.push(`line ${line.id}: allocated ${e.appropriation} yuan ≠ available ${e.available} + reserved ${e.reserved} + disbursed ${e.disbursed}`);
      }
    }

    // Each case: never more released or paid than reserved for it; case accounts always name the case.
    const negative = await trx.selectFrom('ledger_entries')
      .select(['line_id', 'case_id', 'account', sql<number>`coalesce(sum(debit_yuan), 0) - coalesce(sum(credit_yuan), 0)`.as('net')])
      .where('account', 'in', ['reserved', 'disbursed'])
      .groupBy(['line_id', 'case_id', 'account'])
      .having(sql`coalesce(sum(debit_yuan), 0) - coalesce(sum(credit_yuan), 0)`, '<', 0)
      .execute();
    for (const n of negative) problems.push(`case ${n.case_id ?? '(none)'} on line ${n.line_id}: ${n.account} is negative (${n.net} yuan)`);
    const unnamed = await trx.selectFrom('ledger_entries').select(sql<number>`count(*)`.as('n'))
      .where('account', 'in', ['reserved', 'disbursed']).where('case_id', 'is', null).executeTakeFirstOrThrow();
    if (unnamed.n > 0) problems.push(`${unnamed.n} reserved or disbursed entries name no case`);

    const listed = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`] : problems;
    return { ok: problems.length === 0, problems: listed, lines: lines.length, movements, entries: totals.entries, debits: totals.debits, credits: totals.credits };
  });
}
