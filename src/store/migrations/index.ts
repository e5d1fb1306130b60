// The migrations in the order they run (Kysely's Migrator sorts by name: the date, then the number).
// Listed here rather than read from the folder so that nothing depends on file-system layout at run time;
// test/store/migrations.test.ts checks that every file of the folder is listed.
import type { Migration } from 'kysely';
import * as auditLog from './2026-11-26-001-audit-log.ts';
import * as budgetLedger from './2026-11-26-002-budget-ledger.ts';
import * as delivery from './2026-11-27-003-delivery.ts';
import * as targets from './2026-11-27-004-targets.ts';
import * as lists from './2026-11-27-005-lists.ts';
import * as populations from './2026-11-27-006-populations.ts';
import * as entitlements from './2026-11-27-007-entitlements.ts';
import * as editions from './2026-11-27-008-editions.ts';
import * as packedPopulations from './2026-11-27-009-packed-populations.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-001-audit-log': auditLog,
  '2026-11-26-002-budget-ledger': budgetLedger,
  '2026-11-27-003-delivery': delivery,
  '2026-11-27-004-targets': targets,
  '2026-11-27-005-lists': lists,
  '2026-11-27-006-populations': populations,
  '2026-11-27-007-entitlements': entitlements,
  '2026-11-27-008-editions': editions,
  '2026-11-27-009-packed-populations': packedPopulations,
};
