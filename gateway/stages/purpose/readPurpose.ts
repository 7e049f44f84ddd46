import { badUserInput } from '../../../platform/errors/ErrorCode';
import { DPPA_CODES, GLBA_CODES, type DppaPurpose, type GlbaException, type PermissiblePurpose } from '../../../policy/permissiblePurposes';
import { STATUTORY_EXCEPTION_CODES, type DeclaredException, type StatutoryExceptionCode } from '../../../policy/statutoryExceptions';
import type { DeclaredPurpose } from '../../../policy/Subject';
import { PURPOSES, type Purpose } from '../../../policy/vocabulary';
import { headerText, type HeaderValue } from './headerText';

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
  const justification = headerText(single(headers, 'x-justification'), 'X-Justification');
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
  const permissiblePurpose = readPermissiblePurpose(headers);
  const exception = readStatutoryException(headers);
  if (exception && missing.length) throw badUserInput('a statutory exception is declared with a purpose: X-Purpose, X-Case-Number and X-Justification too', { header: 'X-Statutory-Exception' });
  if (missing.length) return { purpose: null, missing };
  return {
    purpose: {
      code: code as Purpose,
      caseNumber: caseNumber!,
      justification: justification!,
      ...(permissiblePurpose ? { permissiblePurpose } : {}),
      ...(exception ? { exception } : {}),
    },
    missing,
  };
}

/**
 * [P3] `X-Permissible-Purpose` (a DPPA clause, 18 U.S.C. 2721(b): `DPPA_B1`..`DPPA_B14`) and
 * `X-GLBA-Exception` (a GLBA exception, 15 U.S.C. 6802(e): `GLBA_E1`..`GLBA_E8`). Optional here:
 * only a commercial search needs them, and the commercial subgraph says which it lacks.
 */
function readPermissiblePurpose(headers: Record<string, HeaderValue>): PermissiblePurpose | undefined {
  const dppa = single(headers, 'x-permissible-purpose');
  const glba = single(headers, 'x-glba-exception');
  if (dppa !== undefined && !(DPPA_CODES as readonly string[]).includes(dppa)) {
    throw badUserInput('X-Permissible-Purpose must be a DPPA clause, DPPA_B1 to DPPA_B14 (18 U.S.C. 2721(b)(1)-(14))', { header: 'X-Permissible-Purpose' });
  }
  if (glba !== undefined && !(GLBA_CODES as readonly string[]).includes(glba)) {
    throw badUserInput('X-GLBA-Exception must be a GLBA exception, GLBA_E1 to GLBA_E8 (15 U.S.C. 6802(e)(1)-(8))', { header: 'X-GLBA-Exception' });
  }
  if (dppa === undefined && glba === undefined) return undefined;
  return { ...(dppa ? { dppa: dppa as DppaPurpose } : {}), ...(glba ? { glba: glba as GlbaException } : {}) };
}

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./#:_()-]{2,63}$/;

/**
 * [P12] `X-Statutory-Exception` (a code of policy/statutoryExceptions.ts) and
 * `X-Exception-Reference` (the docket, court order or application number that shows it applies):
 * both or neither. Whether the caller may use it is the purpose stage's decision.
 */
function readStatutoryException(headers: Record<string, HeaderValue>): DeclaredException | undefined {
  const code = single(headers, 'x-statutory-exception');
  const reference = headerText(single(headers, 'x-exception-reference'), 'X-Exception-Reference');
  if (code === undefined && reference === undefined) return undefined;
  if (code === undefined) throw badUserInput('X-Exception-Reference needs the X-Statutory-Exception it refers to', { header: 'X-Statutory-Exception' });
  if (!(STATUTORY_EXCEPTION_CODES as readonly string[]).includes(code)) {
    throw badUserInput(`X-Statutory-Exception must be one of ${STATUTORY_EXCEPTION_CODES.join(', ')}`, { header: 'X-Statutory-Exception' });
  }
  if (reference === undefined) throw badUserInput('X-Statutory-Exception needs X-Exception-Reference: the docket, court order or application number', { header: 'X-Exception-Reference' });
  if (!REFERENCE.test(reference)) {
    throw badUserInput('X-Exception-Reference must be 3 to 64 letters, digits and - . / # : _ ( ) (a docket, order or application number)', { header: 'X-Exception-Reference' });
  }
  return { code: code as StatutoryExceptionCode, reference };
}

/** One value, trimmed; a header sent twice is refused rather than guessed at. */
function single(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw badUserInput(`${name} was sent more than once`, { header: name });
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
