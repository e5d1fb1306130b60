// The double-entry ledger: one movement per money-moving request (its idempotency key unique), and two or
// more entries per movement whose debits equal its credits.
import type { Generated, Insertable, Selectable } from 'kysely';

export const LEDGER_OPERATIONS = ['allocate', 'reserve', 'release', 'disburse'] as const;
export type LedgerOperation = (typeof LEDGER_OPERATIONS)[number];

/**
 * The accounts of a budget line. appropriation is credit-normal (the money granted to the line); the others
 * are debit-normal (where that money is now). For every line: appropriation = available + reserved + disbursed.
 */
export const LEDGER_ACCOUNTS = ['appropriation', 'available', 'reserved', 'disbursed'] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export interface LedgerMovementsTable {
  id: Generated<number>;
  /** The caller's key: a request repeated with it returns this movement and moves nothing. */
  idempotency_key: string;
  operation: LedgerOperation;
  /** Canonical JSON of the request, to refuse the same key for another request. */
  request: string;
  line_id: string;
  /** The case (application) the money is reserved for or paid to; null for an allocation. */
  case_id: string | null;
  amount_yuan: number;
  at: string;
  actor: string;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  movement_id: number;
  line_id: string;
  account: LedgerAccount;
  case_id: string | null;
  /** Exactly one of debit and credit is positive. */
  debit_yuan: number;
  credit_yuan: number;
}

export type LedgerMovementRow = Selectable<LedgerMovementsTable>;
export type NewLedgerMovementRow = Insertable<LedgerMovementsTable>;
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
export type NewLedgerEntryRow = Insertable<LedgerEntriesTable>;
