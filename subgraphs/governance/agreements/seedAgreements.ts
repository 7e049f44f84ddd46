import { createHash } from 'node:crypto';
import type { Database } from '../../../platform/storage/Database';
import type { AgreementStatus } from './AgreementStore';
import { readAgreementTerms, type AgreementTerms } from './agreementTerms';

const DAY = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const CONDITIONS = { confidentiality: true, noRedisclosureWithoutApproval: true, legalProcessNotice: true };

/**
 * The three development agreements [P14]: a district attorney's office (arrests, complaints,
 * warrants, for prosecution), a neighbouring police department (warrants and stolen property
 * only; it expires within 30 days, so oversight lists it), and an expired one. Synthetic.
 */
export function seedAgreementTerms(now = Date.now()): [AgreementTerms, AgreementStatus][] {
  const at = (days: number) => new Date(now + days * DAY).toISOString();
  const signed = (agency: string) => [
    { name: 'ESQ. MIRIAM STONE', title: 'AGENCY PRIVACY OFFICER', signsFor: 'DEPARTMENT' as const },
    { name: `${agency} SIGNATORY`, title: 'AUTHORIZED OFFICIAL', signsFor: 'PARTNER' as const },
  ];
  return [
    [readAgreementTerms({
      number: 'DA-KINGS-2026-01', agency: { name: 'KINGS COUNTY DISTRICT ATTORNEY', ori: 'NY023015A', kind: 'PROSECUTOR', immigrationEnforcement: false },
      signatories: signed('KINGS COUNTY DISTRICT ATTORNEY'), documentSha256: sha256('DA-KINGS-2026-01 signed agreement'),
      effectiveFrom: at(-30), expiresAt: at(335), systems: ['complaints-arrests', 'warrants'], categories: ['RECORD', 'IDENTIFYING'],
      purposes: ['PROSECUTION'], dailyRequestCap: 5000, clientId: 'partner-da', certificateSha256: null, partnerUsers: ['partner-ada'], conditions: CONDITIONS,
    }), 'ACTIVE'],
    [readAgreementTerms({
      number: 'PD-NASSAU-2026-01', agency: { name: 'NASSAU COUNTY POLICE DEPARTMENT', ori: 'NY0290000', kind: 'POLICE', immigrationEnforcement: false },
      signatories: signed('NASSAU COUNTY POLICE DEPARTMENT'), documentSha256: sha256('PD-NASSAU-2026-01 signed agreement'),
      effectiveFrom: at(-10), expiresAt: at(20), systems: ['warrants'], categories: ['RECORD'],
      purposes: ['CRIMINAL_INVESTIGATION'], dailyRequestCap: 1000, clientId: 'partner-npd', certificateSha256: null, partnerUsers: [], conditions: CONDITIONS,
    }), 'ACTIVE'],
    [readAgreementTerms({
      number: 'DA-RICHMOND-2024-01', agency: { name: 'RICHMOND COUNTY DISTRICT ATTORNEY', ori: 'NY043015A', kind: 'PROSECUTOR', immigrationEnforcement: false },
      signatories: signed('RICHMOND COUNTY DISTRICT ATTORNEY'), documentSha256: sha256('DA-RICHMOND-2024-01 signed agreement'),
      effectiveFrom: at(-400), expiresAt: at(-35), systems: ['complaints-arrests'], categories: ['RECORD'],
      purposes: ['PROSECUTION'], dailyRequestCap: 500, clientId: 'partner-rda', certificateSha256: null, partnerUsers: [], conditions: CONDITIONS,
    }), 'EXPIRED'],
  ];
}

/** Seeds the development agreements into an empty store (the directory's partner clients name them). */
export async function seedAgreementsIfEmpty(db: Database): Promise<boolean> {
  const [{ count }] = (await db.query<{ count: number }>('SELECT count(*)::int AS count FROM agreement')) as [{ count: number }];
  if (count > 0) return false;
  await db.transaction(async (tx) => {
    for (const [terms, status] of seedAgreementTerms()) {
      await tx.query(
        `INSERT INTO agreement (number, agency_name, agency_ori, agency_kind, agency_immigration_enforcement, signatories, document_sha256,
           effective_from, expires_at, systems, categories, purposes, daily_request_cap, client_id, certificate_sha256, partner_users,
           conditions, status, created_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, 'legal')`,
        [
          terms.number, terms.agency.name, terms.agency.ori, terms.agency.kind, false, JSON.stringify(terms.signatories), terms.documentSha256,
          terms.effectiveFrom, terms.expiresAt, terms.systems, terms.categories, terms.purposes, terms.dailyRequestCap, terms.clientId,
          terms.certificateSha256, terms.partnerUsers, JSON.stringify(terms.conditions), status,
        ],
      );
      await tx.query(
        `INSERT INTO agreement_change (agreement_number, changed_by, from_status, to_status, reason) VALUES ($1, 'legal', NULL, $2, 'seeded for development')`,
        [terms.number, status],
      );
    }
  });
  return true;
}
