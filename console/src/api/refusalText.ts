import type { GraphQLError } from './graphqlRequest';

export interface Refusal {
  code: string;
  title: string;
  /** The policy's own words, where the refusal enforces a clause of it. */
  policyWords?: string;
  clause?: string;
  /** What the gateway said about this request. */
  detail: string;
}

/**
 * Refusals of a whole operation, in the words of the department's impact and use policy
 * (docs/guards.md): a person reads why, not a JSON error.
 */
const REFUSALS: Record<string, Omit<Refusal, 'code' | 'detail'>> = {
  IMMIGRATION_ENFORCEMENT_BLOCKED: {
    title: 'Refused: immigration enforcement',
    clause: 'P15',
    policyWords: 'Information is not shared in furtherance of immigration enforcement. Access will not be given to other agencies for purposes of furthering immigration enforcement.',
  },
  POLITICAL_ACTIVITY_RESTRICTED: {
    title: 'Refused: political activity',
    clause: 'P6',
    policyWords:
      'The Intelligence Division is the sole entity in the NYPD that may conduct investigations involving political activity pursuant to the Revised Handschu Guidelines.',
  },
  PROTECTED_CHARACTERISTICS_ONLY: {
    title: 'Refused: protected characteristics only',
    clause: 'P7',
    policyWords:
      'No person will be the subject of police action because of actual or perceived race, color, religion or creed, age, national origin, alienage, citizenship status, gender, sexual orientation, disability, marital status, partnership status, military status, or political affiliation or beliefs. A suspect description must include not only race, age, and gender, but other identifying characteristics or information.',
  },
  PURPOSE_REQUIRED: {
    title: 'A declared purpose is required',
    clause: 'P5',
    policyWords: 'Access is limited to personnel who have an articulable need to access the system in furtherance of lawful duty.',
  },
  FORBIDDEN: {
    title: 'Not permitted for your role or purpose',
    clause: 'P5',
    policyWords: 'Authorized users can only access data and perform tasks allocated to them by the system administrator according to their role.',
  },
  UNAUTHENTICATED: { title: 'Your session is not valid: sign in again', clause: 'P9' },
  RATE_LIMITED: { title: 'Too many requests: wait a moment and try again' },
  QUERY_TOO_COMPLEX: { title: 'The request is over a limit' },
  AUDIT_UNAVAILABLE: {
    title: 'The audit trail cannot record this use now, so nothing was released',
    clause: 'P18',
  },
  BAD_USER_INPUT: { title: 'The request was not accepted' },
};

/** The refusal of the whole operation, if it was refused (a withheld field is not one). */
export function refusalOf(errors: readonly GraphQLError[]): Refusal | null {
  const error = errors.find((e) => e.extensions?.code !== 'FIELD_NOT_AUTHORIZED');
  if (!error) return null;
  const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const known = REFUSALS[code] ?? { title: 'The request failed' };
  return { code, ...known, detail: error.message };
}

/** "withheld: <reason>" for each field the policy removed, keyed by its response path. */
export function withheldByPath(errors: readonly GraphQLError[]): Map<string, string> {
  const withheld = new Map<string, string>();
  for (const error of errors) {
    if (error.extensions?.code !== 'FIELD_NOT_AUTHORIZED' || !error.path) continue;
    withheld.set(error.path.join('.'), error.message.replace(/^not authorized:\s*/, ''));
  }
  return withheld;
}
