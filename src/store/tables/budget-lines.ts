// budget_lines: a line of budget that finance funds and cases draw on (one per pack budget D01… or per
// provision). The four balances are kept on the row so that a reservation checks and moves them under one
// row lock; ledger_entries is the record they are proved against (verifyLedger).
import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Whole yuan; starts at 0, moved only by the ledger service. */
type Balance = ColumnType<number, number | undefined, number>;

export interface BudgetLinesTable {
  id: string;
  /** The policy year the money belongs to. */
  year: number;
  label: string;
  /** The pack's budget line (D01…) the money comes from, when there is one. */
  pack_budget: string | null;
  /** The provision (pack id) the line pays, when finance created it for one. */
  provision: string | null;
  created_at: string;
  created_by: string;
  /** Funded in total (allocations); = available + reserved + disbursed. */
  allocated_yuan: Balance;
  /** Free to reserve; never below zero. */
  available_yuan: Balance;
  /** Reserved for approved cases, not yet paid. */
  reserved_yuan: Balance;
  /** Paid out. */
  disbursed_yuan: Balance;
}

export type BudgetLineRow = Selectable<BudgetLinesTable>;
export type NewBudgetLineRow = Insertable<BudgetLinesTable>;
