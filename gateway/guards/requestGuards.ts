import type { GraphQLError } from 'graphql';
import { ermsError } from '../../errors/ErrorCode';
import type { InvestigationAuthorization } from '../../governance/directory/DirectoryStore';
import type { DeclaredPurpose, Subject } from '../../policy/Subject';
import type { HeaderValue } from '../stages/readPurpose';
import { showsImmigrationEnforcement } from './immigrationText';

/**
 * The legal guards that look at who asks and why, before anything is parsed or planned. Each
 * returns a refusal or null; the first refusal wins and is counted under the guard's name.
 */
export interface GuardInput {
  subject: Subject;
  headers: Record<string, HeaderValue>;
  /** Null before the purpose headers are read (the immigration guard reads them raw). */
  purpose: DeclaredPurpose | null;
}

export interface Guard {
  name: string;
  check(input: GuardInput): Promise<GraphQLError | null>;
}

/**
 * A header's text. Node reads header bytes as latin1; a client sending UTF-8 (a look-alike
 * Cyrillic letter, say) is read back as UTF-8 so the guard sees what the client wrote.
 */
function text(value: HeaderValue): string | undefined {
  const joined = Array.isArray(value) ? value.join(' ') : value;
  if (joined === undefined || !/[\u0080-\u00ff]/.test(joined)) return joined;
  const decoded = Buffer.from(joined, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? joined : decoded;
}

/** A client repeats its purpose headers request after request: each set of texts is folded once. */
const textVerdicts = new Map<string, boolean>();
function showsImmigrationText(fields: (string | undefined)[]): boolean {
  const key = fields.map((field) => field ?? '\u0001').join('\u0000');
  let verdict = textVerdicts.get(key);
  if (verdict === undefined) {
    verdict = showsImmigrationEnforcement(...fields);
    if (textVerdicts.size >= 10_000) textVerdicts.clear();
    textVerdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * [P15, SPEC §4] never in furtherance of immigration enforcement: the declared purpose, a
 * caller whose agency enforces immigration law, or words in the purpose headers that show it
 * (any case, spacing, punctuation, look-alike letters, or split across headers).
 */
export const immigrationEnforcementGuard: Guard = {
  name: 'IMMIGRATION_ENFORCEMENT',
  async check({ subject, headers }) {
    const refuse = (why: string) => ermsError('IMMIGRATION_ENFORCEMENT_BLOCKED', `refused: ${why}; department records are not shared in furtherance of immigration enforcement`);
    if (subject.agency.immigrationEnforcement) return refuse('the requesting agency enforces immigration law');
    const fields = ['x-purpose', 'x-case-number', 'x-justification', 'x-investigation-authorization'].map((name) => text(headers[name]));
    if (showsImmigrationText(fields)) return refuse('the declared purpose shows immigration enforcement');
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
    async check({ subject, headers, purpose }) {
      if (purpose?.code !== 'POLITICAL_ACTIVITY') return null;
      const refuse = (why: string) => ermsError('POLITICAL_ACTIVITY_RESTRICTED', `political activity: ${why} (Revised Handschu Guidelines)`);
      if (subject.command !== 'INTELLIGENCE DIVISION' || !subject.roles.includes('INTELLIGENCE')) {
        return refuse('only the Intelligence Division may investigate it');
      }
      const number = text(headers['x-investigation-authorization'])?.trim();
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
