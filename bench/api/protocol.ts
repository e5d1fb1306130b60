// Messages between the bench (parent, autocannon) and the server child over the IPC channel.

/** One request of a write scenario: its own case, its own session. */
export interface Target {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type WriteScenario = 'submit' | 'approve';

export type ToServer =
  | { type: 'prepare'; scenario: WriteScenario; count: number }
  | { type: 'check'; scenario: WriteScenario; ok2xx: number }
  | { type: 'cpu' }
  | { type: 'stop' };

export interface InvariantReport {
  /** Cases the scenario moved (submitted / approved), counted in the database. */
  committed: number;
  ok2xx: number;
  ledgerOk: boolean;
  auditOk: boolean;
  auditRecords: number;
  /** Cases whose status disagrees with their timeline, or that moved twice from one status. */
  statusProblems: string[];
  problems: string[];
}

export type FromServer =
  | { type: 'ready'; apiPort: number; barePort: number; dialect: 'sqlite' | 'postgres'; where: string }
  | { type: 'prepared'; targets: Target[]; millis: number }
  | { type: 'checked'; report: InvariantReport }
  | { type: 'unavailable'; reason: string }
  /** CPU time the server process has used so far (user + system), in µs. */
  | { type: 'cpu'; micros: number }
  | { type: 'failed'; message: string };
