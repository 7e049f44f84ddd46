import type { Role } from '../../../policy/vocabulary';

/**
 * The users the development token command knows (SPEC §5). Synthetic people; every one of
 * them is someone a demo or a test needs.
 */
export interface SeedUser {
  id: string;
  kind: 'USER' | 'CLIENT';
  displayName: string;
  rank: string | null;
  agency: { name: string; ori: string };
  roles: Role[];
  command: string;
  assignment: string;
  supervisorId?: string;
  remoteAccessAllowed: boolean;
  /** Courses and how many days ago each was completed. */
  trainings: [course: string, daysAgo: number][];
}

const NYPD = { name: 'NEW YORK CITY POLICE DEPARTMENT', ori: 'NY0303000' };
const INTERNAL = 'ERMS-INTERNAL-RECORDS';
const OUTSIDE = 'ERMS-OUTSIDE-AGENCY-RECORDS';
const COMMERCIAL = 'ERMS-COMMERCIAL-SOURCES';

export const SEED_USERS: readonly SeedUser[] = [
  { id: 'supervisor', kind: 'USER', displayName: 'SGT DANA WHITFIELD', rank: 'SGT', agency: NYPD, roles: ['SUPERVISOR'], command: '075 PCT', assignment: 'PATROL SUPERVISOR', remoteAccessAllowed: false, trainings: [[INTERNAL, 40], [OUTSIDE, 40]] },
  { id: 'officer', kind: 'USER', displayName: 'PO MARCUS REYES', rank: 'PO', agency: NYPD, roles: ['OFFICER'], command: '075 PCT', assignment: 'PATROL', supervisorId: 'supervisor', remoteAccessAllowed: false, trainings: [[INTERNAL, 120]] },
  { id: 'detective', kind: 'USER', displayName: 'DET ALICIA MORENO', rank: 'DET', agency: NYPD, roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', supervisorId: 'supervisor', remoteAccessAllowed: true, trainings: [[INTERNAL, 30], [OUTSIDE, 30], [COMMERCIAL, 30]] },
  { id: 'analyst', kind: 'USER', displayName: 'CCA JORDAN PARK', rank: 'CIVILIAN', agency: NYPD, roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT', assignment: 'CRIME ANALYST', supervisorId: 'supervisor', remoteAccessAllowed: true, trainings: [[INTERNAL, 60], [OUTSIDE, 60]] },
  { id: 'co', kind: 'USER', displayName: 'CPT HELEN VARGAS', rank: 'CPT', agency: NYPD, roles: ['COMMANDING_OFFICER'], command: '075 PCT', assignment: 'COMMANDING OFFICER', remoteAccessAllowed: false, trainings: [[INTERNAL, 50], [OUTSIDE, 50]] },
  { id: 'ico', kind: 'USER', displayName: 'LT SAMUEL OKAFOR', rank: 'LT', agency: NYPD, roles: ['ICO'], command: '075 PCT', assignment: 'INTEGRITY CONTROL OFFICER', remoteAccessAllowed: false, trainings: [[INTERNAL, 90], [OUTSIDE, 90]] },
  { id: 'iab', kind: 'USER', displayName: 'SGT RENEE CALLOWAY', rank: 'SGT', agency: NYPD, roles: ['IAB'], command: 'INTERNAL AFFAIRS BUREAU', assignment: 'IAB INVESTIGATOR', remoteAccessAllowed: false, trainings: [[INTERNAL, 10], [OUTSIDE, 10]] },
  { id: 'privacy-officer', kind: 'USER', displayName: 'ESQ. MIRIAM STONE', rank: 'CIVILIAN', agency: NYPD, roles: ['PRIVACY_OFFICER'], command: 'LEGAL BUREAU', assignment: 'AGENCY PRIVACY OFFICER', remoteAccessAllowed: true, trainings: [[INTERNAL, 100], [OUTSIDE, 100]] },
  { id: 'intel', kind: 'USER', displayName: 'DET OMAR HADDAD', rank: 'DET', agency: NYPD, roles: ['INTELLIGENCE'], command: 'INTELLIGENCE DIVISION', assignment: 'INTELLIGENCE DIVISION', remoteAccessAllowed: false, trainings: [[INTERNAL, 20], [OUTSIDE, 20], [COMMERCIAL, 20]] },
  { id: 'admin', kind: 'USER', displayName: 'KIM ADEYEMI', rank: 'CIVILIAN', agency: NYPD, roles: ['ADMIN'], command: 'INFORMATION TECHNOLOGY BUREAU', assignment: 'SYSTEM ADMINISTRATOR', remoteAccessAllowed: true, trainings: [] },
  { id: 'vendor', kind: 'USER', displayName: 'VENDOR SUPPORT ENGINEER', rank: null, agency: { name: 'ERMS VENDOR (CONTRACTOR)', ori: 'NY0303000' }, roles: ['VENDOR'], command: 'INFORMATION TECHNOLOGY BUREAU', assignment: 'VENDOR MAINTENANCE', remoteAccessAllowed: true, trainings: [] },
  { id: 'trainee', kind: 'USER', displayName: 'PO CASEY NGUYEN', rank: 'PO', agency: NYPD, roles: ['OFFICER'], command: '075 PCT', assignment: 'PATROL', supervisorId: 'supervisor', remoteAccessAllowed: false, trainings: [[INTERNAL, 500]] },
  // [P14] partner agencies: each reaches data only under its agreement (subgraphs/governance/agreements/seedAgreements.ts).
  { id: 'partner-da', kind: 'CLIENT', displayName: 'KINGS COUNTY DISTRICT ATTORNEY', rank: null, agency: { name: 'KINGS COUNTY DISTRICT ATTORNEY', ori: 'NY023015A' }, roles: ['PARTNER'], command: 'KINGS COUNTY DISTRICT ATTORNEY', assignment: 'PARTNER AGENCY', remoteAccessAllowed: true, trainings: [[INTERNAL, 60], [OUTSIDE, 60]] },
  { id: 'partner-ada', kind: 'USER', displayName: 'ADA PRIYA RAMASWAMY', rank: 'ADA', agency: { name: 'KINGS COUNTY DISTRICT ATTORNEY', ori: 'NY023015A' }, roles: ['PARTNER'], command: 'KINGS COUNTY DISTRICT ATTORNEY', assignment: 'ASSISTANT DISTRICT ATTORNEY', remoteAccessAllowed: true, trainings: [[INTERNAL, 60], [OUTSIDE, 60]] },
  { id: 'partner-npd', kind: 'CLIENT', displayName: 'NASSAU COUNTY POLICE DEPARTMENT', rank: null, agency: { name: 'NASSAU COUNTY POLICE DEPARTMENT', ori: 'NY0290000' }, roles: ['PARTNER'], command: 'NASSAU COUNTY POLICE DEPARTMENT', assignment: 'PARTNER AGENCY', remoteAccessAllowed: true, trainings: [[OUTSIDE, 30]] },
  { id: 'partner-rda', kind: 'CLIENT', displayName: 'RICHMOND COUNTY DISTRICT ATTORNEY', rank: null, agency: { name: 'RICHMOND COUNTY DISTRICT ATTORNEY', ori: 'NY043015A' }, roles: ['PARTNER'], command: 'RICHMOND COUNTY DISTRICT ATTORNEY', assignment: 'PARTNER AGENCY', remoteAccessAllowed: true, trainings: [[INTERNAL, 60], [OUTSIDE, 60]] },
  // [P14] the Legal Bureau: drafts and keeps the partner agreements, no record data.
  { id: 'legal', kind: 'USER', displayName: 'ESQ. THOMAS BRENNAN', rank: 'CIVILIAN', agency: NYPD, roles: ['LEGAL'], command: 'LEGAL BUREAU', assignment: 'AGREEMENTS COUNSEL', remoteAccessAllowed: false, trainings: [] },
];

/** [P6] Handschu authorizations of the Intelligence Division: [number, kind, opened, expires] in days from today. */
export const SEED_AUTHORIZATIONS: readonly [string, string, number, number][] = [
  ['PI-2026-0007', 'PRELIMINARY_INQUIRY', -30, 150],
  ['FI-2025-0003', 'FULL_INVESTIGATION', -400, -20],
];
