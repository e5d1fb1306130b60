// Who is acting: the signed-in account as services see it. Services take an Actor and decide what it may
// do; the API only establishes who it is (src/api/auth-plugin.ts).
import type { Role } from '../store/tables/index.ts';

export type { Role } from '../store/tables/index.ts';
export { ROLES } from '../store/tables/index.ts';

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Reviewers: the department whose provisions they review. */
  department: string | null;
  /** Enterprise users: the beneficiary (统一社会信用代码) they act for. */
  creditCode: string | null;
}

/** How an actor is written in the audit log and timelines: role:username (account id). */
export const actorLabel = (actor: Actor): string => `${actor.role}:${actor.username}`;

/** Roles whose accounts must give a second factor (TOTP) before they may act. */
export const SECOND_FACTOR_ROLES: ReadonlySet<Role> = new Set(['finance', 'admin']);

/** The system itself (seeding, scheduled notice closing): never a signed-in person. */
export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', displayName: 'Zhida', role: 'admin', department: null, creditCode: null };
