// One catalogue of API errors: a stable code, an HTTP status and a message naming what was wrong.
import { z } from 'zod';
import type { ServiceError } from '../services/errors.ts';
import type { LedgerError } from '../services/ledger.ts';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ERRORS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: { path: string; message: string }[]) {
    super(message);
  }
  get status(): number {
    return ERRORS[this.code];
  }
  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);

/** The API error for a refusal of a service (services know nothing of HTTP). */
export function fromServiceError(error: ServiceError): ApiError {
  const code = ({
    invalid: 'invalid_request', unauthenticated: 'unauthenticated', forbidden: 'forbidden', 'not-found': 'not_found', conflict: 'conflict',
    locked: 'locked', 'rate-limited': 'rate_limited', 'too-large': 'payload_too_large', 'unsupported-media': 'unsupported_media_type',
  } as const satisfies Record<ServiceError['code'], ErrorCode>)[error.code];
  return new ApiError(code, error.message, error.details);
}

export function fromLedgerError(error: LedgerError): ApiError {
  if (error.code === 'unknown-budget-line') return new ApiError('not_found', error.message);
  if (error.code === 'invalid-request') return new ApiError('invalid_request', error.message);
  return new ApiError('conflict', error.message);
}
