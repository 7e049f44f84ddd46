import { GraphQLError } from 'graphql';

/** The error codes of the public contract (SPEC §5); clients switch on `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'PURPOSE_REQUIRED', 'FIELD_NOT_AUTHORIZED', 'IMMIGRATION_ENFORCEMENT_BLOCKED',
  'POLITICAL_ACTIVITY_RESTRICTED', 'PROTECTED_CHARACTERISTICS_ONLY', 'AGREEMENT_SCOPE', 'PERMISSIBLE_PURPOSE_REQUIRED',
  'OPERATION_NOT_APPROVED', 'QUERY_TOO_COMPLEX', 'AUDIT_UNAVAILABLE', 'BAD_USER_INPUT',
  // Too many requests from one caller (HTTP 429 with Retry-After); SPEC §5 names no code for it.
  'RATE_LIMITED',
  // [P3] commercial searches: no seat for that provider; the command's monthly budget spent;
  // the provider failed (timeout, rate limit, 5xx, circuit open), named in `extensions.provider`.
  'COMMERCIAL_SEAT_REQUIRED', 'COMMERCIAL_BUDGET_EXCEEDED', 'PROVIDER_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The HTTP status of a request refused before execution with each code. Apollo Server reads
 * `extensions.http` and removes it from the body; field errors of a partial answer keep 200.
 */
const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PURPOSE_REQUIRED: 400,
  FIELD_NOT_AUTHORIZED: 403,
  IMMIGRATION_ENFORCEMENT_BLOCKED: 403,
  POLITICAL_ACTIVITY_RESTRICTED: 403,
  PROTECTED_CHARACTERISTICS_ONLY: 400,
  AGREEMENT_SCOPE: 403,
  PERMISSIBLE_PURPOSE_REQUIRED: 400,
  OPERATION_NOT_APPROVED: 403,
  QUERY_TOO_COMPLEX: 400,
  AUDIT_UNAVAILABLE: 503,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  COMMERCIAL_SEAT_REQUIRED: 403,
  COMMERCIAL_BUDGET_EXCEEDED: 403,
  PROVIDER_UNAVAILABLE: 503,
};

/** An error a client may see: a code from the contract, a message, and optional details. */
export function ermsError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details, http: { status: HTTP_STATUS[code] } } });
}

export const badUserInput = (message: string, details: Record<string, unknown> = {}) =>
  ermsError('BAD_USER_INPUT', message, details);

/** RATE_LIMITED, with `Retry-After` (seconds) in the HTTP response and in `extensions.retryAfterSeconds`. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  const error = ermsError('RATE_LIMITED', message, { retryAfterSeconds });
  (error.extensions.http as { headers?: Map<string, string> }).headers = new Map([['retry-after', String(retryAfterSeconds)]]);
  return error;
}

/**
 * The same error for one field of an answer whose other fields still arrive: no HTTP status,
 * since a status set by a field error would turn the whole response into a failure.
 */
export function fieldError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}
