import { GraphQLError } from 'graphql';

/** The error codes of the public contract (SPEC §5); clients switch on `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'PURPOSE_REQUIRED', 'FIELD_NOT_AUTHORIZED', 'IMMIGRATION_ENFORCEMENT_BLOCKED',
  'POLITICAL_ACTIVITY_RESTRICTED', 'PROTECTED_CHARACTERISTICS_ONLY', 'AGREEMENT_SCOPE', 'PERMISSIBLE_PURPOSE_REQUIRED',
  'OPERATION_NOT_APPROVED', 'QUERY_TOO_COMPLEX', 'AUDIT_UNAVAILABLE', 'BAD_USER_INPUT',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a client may see: a code from the contract, a message, and optional details. */
export function ermsError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export const badUserInput = (message: string, details: Record<string, unknown> = {}) =>
  ermsError('BAD_USER_INPUT', message, details);
