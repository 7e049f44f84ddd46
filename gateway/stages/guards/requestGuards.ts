import type { GraphQLError } from 'graphql';
import { ermsError } from '../../../platform/errors/ErrorCode';
import type { InvestigationAuthorization } from '../../../subgraphs/governance/directory/DirectoryStore';
import type { DeclaredPurpose, Subject } from '../../../policy/Subject';
import { headerText, type HeaderValue } from '../purpose/headerText';
import { immigrationLexicon, politicalActivityLexicon, readRequestIntent, type RequestIntent } from './readRequestIntent';

/**
 * The legal guards that look at who asks and why, before anything is parsed or planned. Each
 * returns a refusal or null; the first refusal wins and is counted under the guard's name.
 */
export interface GuardInput {
  subject: Subject;
  headers: Record<string, HeaderValue>;
  /** Null before the purpose headers are read (the immigration guard reads them raw). */
  purpose: DeclaredPurpose | null;
  /** Marks an allowed use for the supervisor's review [P18] (a term without enforcement intent). */
  flag?: (flag: string) => void;
}

export interface Guard {
  name: string;
  check(input: GuardInput): Promise<GraphQLError | null>;
}

function readHeaders(headers: Record<string, HeaderValue>): RequestIntent {
  const [purpose, caseNumber, justification, authorization] = PURPOSE_TEXT_HEADERS.map((name) => headerText(headers[name], name));
  return readRequestIntent({ purpose, caseNumber, justification, authorization });
}
const PURPOSE_TEXT_HEADERS = ['x-purpose', 'x-case-number', 'x-justification', 'x-investigation-authorization'] as const;

/**
 * [P15, SPEC §4] never in furtherance of immigration enforcement. Structural signals refuse
 * whatever the text says: the declared purpose code, a caller whose agency enforces immigration
 * law (an agreement for it cannot be created). The texts are read for intent
 * (policy/intent/immigrationLexicon.json): an enforcement actor or instrument with a cue of
 * assistance refuses; an immigration term without that intent (a victim's account) is allowed
 * and flagged for the supervisor's review.
 */
export const immigrationEnforcementGuard: Guard = {
  name: 'IMMIGRATION_ENFORCEMENT',
  async check({ subject, headers, flag }) {
    const refuse = (why: string) => ermsError('IMMIGRATION_ENFORCEMENT_BLOCKED', `refused: ${why}; department records are not shared in furtherance of immigration enforcement`);
    if (subject.agency.immigrationEnforcement) return refuse('the requesting agency enforces immigration law');
    const reading = readHeaders(headers).immigration;
    if (reading.outcome === 'BLOCK') return refuse(`the declared purpose shows immigration enforcement (${reading.because.join(', ')})`);
    if (reading.outcome === 'FLAG') flag?.(immigrationLexicon.reviewFlag);
    return null;
  },
};

/**
 * [P6] Handschu: purpose POLITICAL_ACTIVITY only from the Intelligence Division, under an
 * investigation authorization in force (header `X-Investigation-Authorization`).
 */
export function politicalActivityGuard(findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>): Guard {
  return {
    name: 'POLITICAL_ACTIVITY',
    async check({ subject, headers, purpose, flag }) {
      const refuse = (why: string) => ermsError('POLITICAL_ACTIVITY_RESTRICTED', `political activity: ${why} (Revised Handschu Guidelines)`);
      if (purpose?.code !== 'POLITICAL_ACTIVITY') {
        // Under another purpose, the texts are read too: monitoring lawful protest is refused,
        // any other mention of political activity is flagged for review.
        const reading = readHeaders(headers).politicalActivity;
        if (reading.outcome === 'BLOCK') return refuse(`the justification describes monitoring lawful political activity (${reading.because.join(', ')}); only the Intelligence Division may, under an investigation authorization`);
        if (reading.outcome === 'FLAG') flag?.(politicalActivityLexicon.reviewFlag);
        return null;
      }
      if (subject.command !== 'INTELLIGENCE DIVISION' || !subject.roles.includes('INTELLIGENCE')) {
        return refuse('only the Intelligence Division may investigate it');
      }
      const number = headerText(headers['x-investigation-authorization'], 'x-investigation-authorization')?.trim();
      if (!number) return refuse('send X-Investigation-Authorization with the authorization number');
      let authorization: InvestigationAuthorization | null;
      try {
        authorization = await findAuthorization(number);
      } catch {
        return refuse('the authorization cannot be checked now');
      }
      if (!authorization || authorization.command !== 'INTELLIGENCE DIVISION') return refuse(`no authorization ${number} in force`);
      return null;
    },
  };
}

/** Runs the guards in order; a refusal is counted, then thrown. */
export async function enforceGuards(guards: readonly Guard[], input: GuardInput, counted: (guard: string) => void): Promise<void> {
  for (const guard of guards) {
    const refusal = await guard.check(input);
    if (refusal) {
      counted(guard.name);
      throw refusal;
    }
  }
}
