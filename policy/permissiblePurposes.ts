/**
 * The federal permissible purposes a commercial search must carry [P3]. Commercial providers
 * resell motor-vehicle records (Driver's Privacy Protection Act) and consumer information from
 * financial institutions (Gramm-Leach-Bliley Act); each refuses a search that does not say under
 * which clause it is made, and each accepts only some clauses (configuration, per provider).
 */

/** 18 U.S.C. 2721(b)(1)..(14): the permissible uses of personal information from motor vehicle records. */
export const DPPA_PURPOSES = {
  DPPA_B1: 'use by a government agency, including a court or law enforcement agency, in carrying out its functions',
  DPPA_B2: 'matters of motor vehicle or driver safety and theft, emissions, recalls, and similar',
  DPPA_B3: 'normal course of business: verifying personal information submitted by the individual',
  DPPA_B4: 'use in connection with a civil, criminal, administrative or arbitral proceeding, including service of process and execution of judgments',
  DPPA_B5: 'research and statistical reports, without publishing personal information',
  DPPA_B6: 'an insurer, in claims investigation, antifraud, rating or underwriting',
  DPPA_B7: 'notice to owners of towed or impounded vehicles',
  DPPA_B8: 'a licensed private investigative agency or security service, for a permitted purpose',
  DPPA_B9: 'an employer verifying a commercial driver\'s license',
  DPPA_B10: 'operation of private toll transportation facilities',
  DPPA_B11: 'any other use, where the State has obtained the individual\'s express consent',
  DPPA_B12: 'bulk distribution for surveys, marketing or solicitations, with express consent',
  DPPA_B13: 'any requester with the individual\'s written consent',
  DPPA_B14: 'any other use specifically authorized by the law of the State that holds the record, related to motor vehicles or public safety',
} as const;
export type DppaPurpose = keyof typeof DPPA_PURPOSES;
export const DPPA_CODES = Object.keys(DPPA_PURPOSES) as DppaPurpose[];

/** 15 U.S.C. 6802(e)(1)..(8): the exceptions under which nonpublic personal information may be disclosed. */
export const GLBA_EXCEPTIONS = {
  GLBA_E1: 'necessary to effect, administer or enforce a transaction the consumer requested or authorized',
  GLBA_E2: 'with the consent or at the direction of the consumer',
  GLBA_E3: 'to protect against or prevent actual or potential fraud, unauthorized transactions, claims or other liability',
  GLBA_E4: 'to persons holding a legal or beneficial interest relating to the consumer, or acting in a fiduciary capacity',
  GLBA_E5: 'to law enforcement agencies, to the extent specifically permitted or required by law, or for an investigation on a matter related to public safety',
  GLBA_E6: 'to or from a consumer reporting agency under the Fair Credit Reporting Act',
  GLBA_E7: 'in connection with a sale, merger or transfer of a business',
  GLBA_E8: 'to comply with law, or with a properly authorized civil, criminal or regulatory investigation, subpoena, summons or judicial process',
} as const;
export type GlbaException = keyof typeof GLBA_EXCEPTIONS;
export const GLBA_CODES = Object.keys(GLBA_EXCEPTIONS) as GlbaException[];

/**
 * The permissible purpose declared with a request (headers `X-Permissible-Purpose` and
 * `X-GLBA-Exception`). Either may be absent: the commercial subgraph then refuses the search
 * with PERMISSIBLE_PURPOSE_REQUIRED, naming what is missing.
 */
export interface PermissiblePurpose {
  dppa?: DppaPurpose;
  glba?: GlbaException;
}

/** The clause number a provider's own API expects: `DPPA_B3` → `3`, `GLBA_E5` → `5`. */
// Stryker disable next-line Regex: every code begins with its prefix and holds it once, so the anchor changes no answer
export const clauseNumber = (code: DppaPurpose | GlbaException): string => code.replace(/^(DPPA_B|GLBA_E)/, '');
