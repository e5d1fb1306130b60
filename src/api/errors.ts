// One catalogue of API errors: a stable code, an HTTP status and a message naming what was wrong.
import { z } from 'zod';

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
  not_found: 404,
  payload_too_large: 413,
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
