// Idempotency-Key for money-moving requests: the first answer is stored with the key, in the same
// transaction as the work, and a repeat (same account, same key, same request) gets that answer back and
// moves nothing. The key is claimed by INSERT … ON CONFLICT DO NOTHING before the work: a concurrent
// repeat waits on the claim until the first commits (PostgreSQL's unique index; SQLite's write lock), then
// reads its answer. A refused request rolls its claim back, so it may be retried under the same key.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { writeTransaction, type Db } from '../store/database.ts';
import { canonicalJson } from '../services/audit.ts';
import type { Actor } from '../services/actor.ts';
import { ApiError } from './errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string' || !/^[\w.:-]{8,128}$/.test(key)) {
    throw new ApiError('invalid_request', `this request moves money: send an ${IDEMPOTENCY_HEADER} header of 8–128 letters, digits, - _ . or : (a UUID will do)`);
  }
  return key;
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export async function idempotent<T>(
  db: Db, request: FastifyRequest, actor: Actor, route: string, work: (trx: Db, key: string) => Promise<{ status: number; body: T }>,
): Promise<IdempotentAnswer<T>> {
  const key = idempotencyKey(request);
  const requestHash = createHash('sha256').update(canonicalJson({ route, params: request.params ?? null, body: request.body ?? null })).digest('hex');
  return writeTransaction(db, async (trx) => {
    const claimed = await trx.insertInto('idempotent_requests')
      .values({ key, account_id: actor.id, route, request_hash: requestHash, status_code: 0, response: '', at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
      .returning('key').executeTakeFirst();
    if (!claimed) {
      const prior = await trx.selectFrom('idempotent_requests').selectAll().where('account_id', '=', actor.id).where('key', '=', key).executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash) throw new ApiError('conflict', `${IDEMPOTENCY_HEADER} ${key} was used for another request (${prior.route})`);
      return { status: prior.status_code, body: JSON.parse(prior.response) as T, replayed: true };
    }
    const answer = await work(trx, key);
    await trx.updateTable('idempotent_requests').set({ status_code: answer.status, response: JSON.stringify(answer.body) })
      .where('account_id', '=', actor.id).where('key', '=', key).execute();
    return { ...answer, replayed: false };
  });
}
