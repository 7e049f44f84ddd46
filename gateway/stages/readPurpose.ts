import { badUserInput } from '../../errors/ErrorCode';
import type { DeclaredPurpose } from '../../policy/Subject';
import { PURPOSES, type Purpose } from '../../policy/vocabulary';

export type HeaderValue = string | string[] | undefined;

export interface PurposeHeaders {
  /** The declared purpose, or null when one of the three headers is missing. */
  purpose: DeclaredPurpose | null;
  missing: string[];
}

const CASE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 ./#:_-]{1,63}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Reads `X-Purpose`, `X-Case-Number` and `X-Justification` [P5]. A header given but malformed
 * is the client's error (BAD_USER_INPUT) whatever the operation; a missing one matters only
 * when the operation touches record data (PURPOSE_REQUIRED, decided by the field-policy stage).
 */
export function readPurpose(headers: Record<string, HeaderValue>): PurposeHeaders {
  const code = single(headers, 'x-purpose');
  const caseNumber = single(headers, 'x-case-number');
  const justification = single(headers, 'x-justification');
  if (code !== undefined && !(PURPOSES as readonly string[]).includes(code)) {
    throw badUserInput(`X-Purpose must be one of ${PURPOSES.join(', ')}`, { header: 'X-Purpose' });
  }
  if (caseNumber !== undefined && !CASE_NUMBER.test(caseNumber)) {
    throw badUserInput('X-Case-Number must be 2 to 64 letters, digits and - . / # : _ (a case or incident number)', { header: 'X-Case-Number' });
  }
  if (justification !== undefined && (justification.length < 10 || justification.length > 1000 || CONTROL.test(justification))) {
    throw badUserInput('X-Justification must say why, in 10 to 1000 characters', { header: 'X-Justification' });
  }
  const missing = [
    code === undefined && 'X-Purpose',
    caseNumber === undefined && 'X-Case-Number',
    justification === undefined && 'X-Justification',
  ].filter((name): name is string => !!name);
  if (missing.length) return { purpose: null, missing };
  return { purpose: { code: code as Purpose, caseNumber: caseNumber!, justification: justification! }, missing };
}

/** One value, trimmed; a header sent twice is refused rather than guessed at. */
function single(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw badUserInput(`${name} was sent more than once`, { header: name });
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
