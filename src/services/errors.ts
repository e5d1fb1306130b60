// Refusals of the delivery services, with a stable code the API maps to an HTTP status and the CLI to an
// exit code. Every refusal is thrown before anything is written, or inside the transaction that it undoes.
export type ServiceErrorCode =
  | 'invalid' // the request is malformed or names something impossible (400)
  | 'unauthenticated' // nobody is signed in, or the session ended (401)
  | 'forbidden' // signed in, but this role / party may not (403)
  | 'not-found' // nothing there, or nothing this actor may see (404)
  | 'conflict' // the state does not allow it: illegal transition, duplicate event, budget exhausted (409)
  | 'locked' // too many failed sign-ins (423)
  | 'rate-limited' // too many requests (429)
  | 'too-large' // a file or body over its limit (413)
  | 'unsupported-media'; // a file whose content is not an accepted type (415)

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ServiceError extends Error {
  constructor(readonly code: ServiceErrorCode, message: string, readonly details?: ErrorDetail[]) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const invalid = (message: string, details?: ErrorDetail[]) => new ServiceError('invalid', message, details);
export const forbidden = (message: string) => new ServiceError('forbidden', message);
export const notFound = (what: string) => new ServiceError('not-found', `${what} not found`);
export const conflict = (message: string) => new ServiceError('conflict', message);
