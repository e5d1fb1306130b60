// accounts and sessions: who may do what (the role), bound to one beneficiary (enterprise users) or one
// department (reviewers). A session row is keyed by the SHA-256 of its token, never the token.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// leader (领导): reads the dashboard, every target and report, and budget execution; changes nothing.
export const ROLES = ['enterprise', 'reviewer', 'finance', 'policy', 'auditor', 'admin', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** Reviewers only: the department (as named in departments.yaml) whose provisions they review. */
  department: string | null;
  /** Enterprise users only: the beneficiary they act for. */
  credit_code: string | null;
  /** scrypt$N$r$p$salt$hash (base64) */
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  /** The last TOTP time step accepted, so that a code is used once. */
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  created_at: string;
  created_by: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session token. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute timeout. */
  expires_at: string;
  /** 1 once the second factor was given (or the account needs none). */
  second_factor_done: ColumnType<number, number | undefined, number>;
  revoked_at: string | null;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
