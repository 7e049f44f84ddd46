/** The agreements API [P14] as the Privacy Officer's and Legal's screens ask it (docs/partners.md). */
export const AGREEMENTS = `query ConsoleAgreements($status: AgreementStatus) {
  agreements(status: $status) { number status agency { name ori } purposes effectiveFrom expiresAt }
  expiringAgreements(days: 30) { number agency { name } expiresAt }
  openLegalProcessNotices { id agreementNumber kind receivedOn dueOn description }
  redisclosureRequests(status: PENDING) { id agreementNumber recipient records reason requestedAt }
}`;

export const AGREEMENT = `query ConsoleAgreement($number: String!) {
  agreement(number: $number) {
    number status agency { name ori kind } signatories { name title signsFor } documentSha256 effectiveFrom expiresAt
    systems categories purposes dailyRequestCap clientId partnerUsers
    conditions { confidentiality noRedisclosureWithoutApproval legalProcessNotice }
    createdBy nextStatuses approvedOperations { name version valid }
    history { changedAt changedBy from to reason }
  }
}`;

export const CHANGE_STATUS = `mutation ConsoleChangeAgreementStatus($number: String!, $status: AgreementStatus!, $reason: String!) {
  changeAgreementStatus(number: $number, status: $status, reason: $reason) { number status }
}`;

export interface AgreementSummary {
  number: string;
  status: string;
  agency: { name: string; ori: string };
  purposes: string[];
  effectiveFrom: string;
  expiresAt: string;
}

export interface AgreementsData {
  agreements: AgreementSummary[] | null;
  expiringAgreements: { number: string; agency: { name: string }; expiresAt: string }[] | null;
  openLegalProcessNotices: { id: string; agreementNumber: string; kind: string; receivedOn: string; dueOn: string; description: string }[] | null;
  redisclosureRequests: { id: string; agreementNumber: string; recipient: string; records: string; reason: string; requestedAt: string }[] | null;
}

export interface AgreementDetail {
  number: string;
  status: string;
  agency: { name: string; ori: string; kind: string };
  signatories: { name: string; title: string; signsFor: string }[];
  documentSha256: string;
  effectiveFrom: string;
  expiresAt: string;
  systems: string[];
  categories: string[];
  purposes: string[];
  dailyRequestCap: number;
  clientId: string | null;
  partnerUsers: string[];
  conditions: { confidentiality: boolean; noRedisclosureWithoutApproval: boolean; legalProcessNotice: boolean };
  createdBy: string;
  nextStatuses: string[];
  approvedOperations: { name: string; version: number; valid: boolean }[];
  history: { changedAt: string; changedBy: string; from: string | null; to: string; reason: string }[];
}

/** What each lifecycle step is called on its button. */
export const ACTION_OF: Record<string, string> = {
  APPROVED: 'Approve',
  ACTIVE: 'Activate',
  SUSPENDED: 'Suspend',
  EXPIRED: 'Mark expired',
  TERMINATED: 'Terminate',
};

export const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);
