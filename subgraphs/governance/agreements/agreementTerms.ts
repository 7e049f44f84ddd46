import { z } from 'zod';
import { AGREEMENT_GRANTABLE, IMMIGRATION_REVEALING } from '../../../policy/agreementScope';
import { PURPOSES, SYSTEM_TRAINING, type Category, type Purpose } from '../../../policy/vocabulary';
import { AgreementInputError, ImmigrationAgreementError } from './agreementErrors';

export const AGENCY_KINDS = ['PROSECUTOR', 'POLICE', 'STATE_AGENCY', 'FEDERAL_AGENCY', 'OTHER'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The terms of a written agreement with a partner agency [P14], as the governance store keeps them. */
export interface AgreementTerms {
  number: string;
  agency: { name: string; ori: string; kind: AgencyKind; immigrationEnforcement: boolean };
  signatories: { name: string; title: string; signsFor: 'DEPARTMENT' | 'PARTNER' }[];
  documentSha256: string;
  effectiveFrom: string;
  expiresAt: string;
  systems: string[];
  categories: Category[];
  purposes: Purpose[];
  dailyRequestCap: number;
  clientId: string | null;
  certificateSha256: string | null;
  partnerUsers: string[];
  conditions: { confidentiality: boolean; noRedisclosureWithoutApproval: boolean; legalProcessNotice: boolean };
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256, 64 lower-case hex digits');
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO-8601 date or instant');

const TERMS = z.object({
  number: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'upper-case letters, digits and dashes (3 to 40)'),
  agency: z.object({
    name: z.string().trim().min(3).max(200),
    ori: z.string().regex(/^[A-Z]{2}[0-9A-Z]{7}$/, 'an ORI: two letters and seven letters or digits'),
    kind: z.enum(AGENCY_KINDS),
    immigrationEnforcement: z.boolean(),
  }),
  signatories: z.array(z.object({ name: z.string().trim().min(2).max(200), title: z.string().trim().min(2).max(200), signsFor: z.enum(['DEPARTMENT', 'PARTNER']) })).min(2).max(10),
  documentSha256: sha256,
  effectiveFrom: instant,
  expiresAt: instant,
  systems: z.array(z.string()).min(1).max(10),
  // Checked against the vocabulary below, after the immigration check, so that refusal wins.
  categories: z.array(z.string()).min(1).max(20),
  purposes: z.array(z.string()).min(1).max(10),
  dailyRequestCap: z.number().int().min(1).max(1_000_000),
  clientId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/).nullable(),
  certificateSha256: sha256.nullable(),
  partnerUsers: z.array(z.string().min(1).max(64)).max(100),
  conditions: z.object({ confidentiality: z.boolean(), noRedisclosureWithoutApproval: z.boolean(), legalProcessNotice: z.boolean() }),
});

/**
 * [P15] agencies whose mission is immigration enforcement, by name, whatever the creator
 * declares: ICE (and its ERO), CBP and the Border Patrol.
 */
const IMMIGRATION_AGENCY_NAMES = [
  /\bimmigration\s+and\s+customs\s+enforcement\b/i,
  /\bcustoms\s+and\s+border\s+protection\b/i,
  /\bborder\s+patrol\b/i,
  /\benforcement\s+and\s+removal\s+operations\b/i,
  /\b(ice|ero|cbp)\b/i,
];

/**
 * Reads and checks an agreement's terms. Refused with ImmigrationAgreementError [P15] when the
 * agreement would serve immigration enforcement: that purpose, an agency enforcing immigration
 * law, or a category revealing immigration or citizenship status, place of birth or alien
 * registration numbers. Other faults: AgreementInputError naming the argument.
 */
export function readAgreementTerms(input: unknown): AgreementTerms {
  const parsed = TERMS.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AgreementInputError(`${issue.path.join('.')}: ${issue.message}`, issue.path.join('.') || 'input');
  }
  const terms = parsed.data;
  if (terms.purposes.includes('IMMIGRATION_ENFORCEMENT')) {
    throw new ImmigrationAgreementError('IMMIGRATION_PURPOSE', 'an agreement for immigration enforcement cannot be made [P15]');
  }
  if (terms.agency.immigrationEnforcement || IMMIGRATION_AGENCY_NAMES.some((pattern) => pattern.test(terms.agency.name))) {
    throw new ImmigrationAgreementError('IMMIGRATION_AGENCY', `${terms.agency.name} enforces immigration law: no agreement can be made with it [P15]`);
  }
  const revealing = terms.categories.filter((category) => (IMMIGRATION_REVEALING as readonly string[]).includes(category));
  if (revealing.length) {
    throw new ImmigrationAgreementError('IMMIGRATION_CATEGORY', `${revealing.join(', ')} reveals immigration or citizenship status, place of birth or alien registration numbers: never granted to a partner [P15]`);
  }
  for (const category of terms.categories) {
    if (!(AGREEMENT_GRANTABLE as readonly string[]).includes(category)) {
      throw new AgreementInputError(`categories: ${category} cannot be granted by an agreement; grantable: ${AGREEMENT_GRANTABLE.join(', ')}`, 'categories');
    }
  }
  for (const purpose of terms.purposes) {
    if (!(PURPOSES as readonly string[]).includes(purpose)) throw new AgreementInputError(`purposes: unknown purpose ${purpose}`, 'purposes');
  }
  // Record systems only: the commercial providers' licences are for the department's own members [P3].
  const systems = Object.keys(SYSTEM_TRAINING).filter((system) => system !== 'commercial');
  for (const system of terms.systems) {
    if (!systems.includes(system)) throw new AgreementInputError(`systems: ${system} cannot be granted; grantable: ${systems.join(', ')}`, 'systems');
  }
  if (Date.parse(terms.expiresAt) <= Date.parse(terms.effectiveFrom)) throw new AgreementInputError('expiresAt: must be after effectiveFrom', 'expiresAt');
  if (!terms.clientId && terms.partnerUsers.length === 0) {
    throw new AgreementInputError('clientId or partnerUsers: an agreement names who may use it', 'clientId');
  }
  return {
    ...terms,
    effectiveFrom: new Date(terms.effectiveFrom).toISOString(),
    expiresAt: new Date(terms.expiresAt).toISOString(),
    categories: terms.categories as Category[],
    purposes: terms.purposes as Purpose[],
  };
}
