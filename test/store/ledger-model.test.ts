// A model test of the budget ledger (fast-check): random sequences of allocations, reservations, releases,
// disbursements, repeated keys and reused keys, run against the real database and against a plain model
// of the balances. After every step the two agree, and the ledger verifies: conserved, nothing negative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit.ts';
import { caseBalance, createBudgetLine, getBudgetLine, listBudgetLines } from '../../src/services/ledger.ts';
import { verifyLedger } from '../../src/services/ledger-verify.ts';
import { runRequest, type LedgerRequest, type Outcome } from './support/concurrent.ts';
import { dialects, useStore } from './support/stores.ts';

type Command =
  | { op: 'allocate'; line: number; amount: number }
  | { op: 'reserve'; line: number; case: number; amount: number }
  | { op: 'release' | 'disburse'; line: number; case: number; amount: number | undefined }
  /** The request of an earlier step again, under its key (of one that moved money, or any). */
  | { op: 'repeat'; pick: number; moved: boolean }
  /** An earlier step's key for a different request. */
  | { op: 'reuse'; pick: number };

const LINES = 2;
const CASES = 2;
const line = fc.integer({ min: 0, max: LINES - 1 });
const kase = fc.integer({ min: 0, max: CASES - 1 });
// Weighted so that sequences reach every path: funded lines, held reservations, and refusals of each kind.
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('allocate' as const), line, amount: fc.integer({ min: 1, max: 1500 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('reserve' as const), line, case: kase, amount: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('release' as const, 'disburse' as const), line, case: kase, amount: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('repeat' as const), pick: fc.nat(), moved: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reuse' as const), pick: fc.nat() }) },
);

interface ModelLine { allocated: number; available: number; reserved: number; disbursed: number; cases: number[][] }
type Expected = { ok: true; amount: number; replayed: boolean } | { ok: false; code: string };

/** The model: what the ledger should answer, and its balances after. */
class Model {
  lines: ModelLine[] = Array.from({ length: LINES }, () => ({ allocated: 0, available: 0, reserved: 0, disbursed: 0, cases: Array.from({ length: CASES }, () => [0, 0]) }));
  /** key → the request and, once it succeeded, its amount (a refused request leaves no trace). */
  keys = new Map<string, { request: LedgerRequest; amount?: number }>();

  apply(r: LedgerRequest, lineNo: number, caseNo: number): Expected {
    const prior = this.keys.get(r.key);
    if (prior?.amount !== undefined) {
      const same = JSON.stringify(prior.request) === JSON.stringify(r);
      return same ? { ok: true, amount: prior.amount, replayed: true } : { ok: false, code: 'idempotency-key-reused' };
    }
    const l = this.lines[lineNo]!;
    const held = l.cases[caseNo]!;
    let amount: number;
    if (r.op === 'allocate') {
      amount = r.amount!;
      l.allocated += amount; l.available += amount;
    } else if (r.op === 'reserve') {
      amount = r.amount!;
      if (amount > l.available) return this.refused(r, 'insufficient-budget');
      l.available -= amount; l.reserved += amount; held[0]! += amount;
    } else {
      amount = r.amount ?? held[0]!;
      if (amount <= 0 || amount > held[0]!) return this.refused(r, 'insufficient-reservation');
      held[0]! -= amount; l.reserved -= amount;
      if (r.op === 'release') l.available += amount;
      else { l.disbursed += amount; held[1]! += amount; }
    }
    this.keys.set(r.key, { request: r, amount });
    return { ok: true, amount, replayed: false };
  }

  private refused(r: LedgerRequest, code: string): Expected {
    this.keys.set(r.key, { request: r });
    return { ok: false, code };
  }
}

function check(outcome: Outcome, expected: Expected, step: string): void {
  if (expected.ok) {
    expect(outcome.ok ? { ok: true, amount: outcome.movement.amount, replayed: outcome.movement.replayed } : outcome, step).toEqual(expected);
  } else {
    expect(outcome.ok ? outcome : { ok: false, code: outcome.code }, step).toEqual(expected);
  }
}

describe.each(dialects)('budget ledger model on $name', (dialect) => {
  const store = useStore(dialect);
  let run = 0;

  it('every invariant holds after every step of random operation sequences', async () => {
    let steps = 0;
    const seen = new Map<string, number>();
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40, size: 'max' }), async (commands) => {
      const { db } = store();
      const prefix = `m${++run}`;
      const ids = Array.from({ length: LINES }, (_, i) => `${prefix}-L${i}`);
      for (const id of ids) await createBudgetLine(db, { id, year: 2025, label: id, actor: 'model' });
      const auditBefore = (await verifyAudit(db)).records;
      const model = new Model();
      const history: { request: LedgerRequest; line: number; case: number; moved?: boolean }[] = [];

      for (const [i, c] of commands.entries()) {
        let step: { request: LedgerRequest; line: number; case: number; moved?: boolean };
        if (c.op === 'repeat' || c.op === 'reuse') {
          const from = c.op === 'repeat' && c.moved ? history.filter((h) => h.moved) : history;
          if (from.length === 0) continue;
          const earlier = from[c.pick % from.length]!;
          step = c.op === 'repeat' ? { ...earlier, moved: false }
            : { ...earlier, moved: false, request: { ...earlier.request, amount: (earlier.request.amount ?? 0) + 1 } };
        } else {
          const request: LedgerRequest = { op: c.op, key: `${prefix}-k${i}`, line: ids[c.line]!, amount: c.amount };
          if (c.op !== 'allocate') request.caseId = `${prefix}-C${c.case}`;
          step = { request, line: c.line, case: c.op === 'allocate' ? 0 : c.case };
        }
        history.push(step);
        const expected = model.apply(step.request, step.line, step.case);
        const outcome = await runRequest(db, step.request);
        const label = `step ${i} ${JSON.stringify(step.request)}`;
        check(outcome, expected, label);
        step.moved = outcome.ok && !outcome.movement.replayed;
        steps++;
        const kind = outcome.ok ? `${step.request.op}${outcome.movement.replayed ? ' (replayed)' : ''}` : outcome.code;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);

        for (const [n, id] of ids.entries()) {
          const { cases: _cases, ...balances } = model.lines[n]!;
          expect(await getBudgetLine(db, id), `${label}: line ${id}`).toMatchObject(balances);
        }
        if (step.request.caseId) {
          const [reserved, disbursed] = model.lines[step.line]!.cases[step.case]!;
          expect(await caseBalance(db, ids[step.line]!, step.request.caseId), `${label}: case`).toEqual({ reserved, disbursed });
        }
        const report = await verifyLedger(db);
        expect(report.problems, label).toEqual([]);
        expect(report.debits).toBe(report.credits);
      }

      // One audit record per line created and per movement that moved money; the chain is intact.
      const moved = [...model.keys.values()].filter((k) => k.amount !== undefined).length;
      const audit = await verifyAudit(db);
      expect(audit.problems).toEqual([]);
      expect(audit.records - auditBefore).toBe(moved);
    }), { numRuns: 60 });

    const lines = await listBudgetLines(store().db);
    console.info(`[${dialect.name}] model test: ${run} sequences, ${steps} operations, ${lines.length} lines; every invariant held after every step`
      + `\n  ${[...seen].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    // Every path was taken: each operation, each refusal, replays and reused keys.
    for (const kind of ['allocate', 'reserve', 'release', 'disburse', 'allocate (replayed)', 'reserve (replayed)', 'insufficient-budget', 'insufficient-reservation', 'idempotency-key-reused']) {
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect((seen.get('release (replayed)') ?? 0) + (seen.get('disburse (replayed)') ?? 0), 'release or disburse replayed').toBeGreaterThan(0);
    expect(lines.every((l) => l.available >= 0 && l.allocated === l.available + l.reserved + l.disbursed)).toBe(true);
  }, 300_000);
});
