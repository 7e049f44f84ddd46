import type { GraphQLError } from 'graphql';
import type { DeclaredPurpose, Subject } from '../../../../policy/Subject';
import { enforceGuards, immigrationEnforcementGuard, politicalActivityGuard, type Guard } from '../requestGuards';

/**
 * The guards that read who asks and why [P15, P6], each alone: the structural signal (the
 * caller's agency, the purpose code) refuses whatever the texts say; the texts refuse an
 * enforcement intent, and flag a mere mention for the supervisor's review [P18].
 */
const caller = (immigrationEnforcement?: boolean): Subject => ({
  id: 'u1', kind: immigrationEnforcement === undefined ? 'USER' : 'CLIENT', displayName: 'U', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD',
  agency: { name: immigrationEnforcement ? 'ICE ERO' : 'NYPD', ori: 'NY0303000', ...(immigrationEnforcement === undefined ? {} : { immigrationEnforcement }) },
  currentTrainings: [], remote: false, mfa: false,
});
const INVESTIGATION: DeclaredPurpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'Robbery pattern' };
const headers = (justification: string, purpose = 'CRIMINAL_INVESTIGATION') => ({ 'x-purpose': purpose, 'x-case-number': '2025-075-000123', 'x-justification': justification });

async function check(guard: Guard, subject: Subject, sent: Record<string, string>, purpose: DeclaredPurpose | null = INVESTIGATION) {
  const flags: string[] = [];
  const refusal = await guard.check({ subject, headers: sent, purpose, flag: (flag) => flags.push(flag) });
  return { code: refusal?.extensions.code ?? null, flags };
}

describe('[P15] never in furtherance of immigration enforcement', () => {
  it.each([
    { rule: 'an agency that enforces immigration law is refused, whatever its texts say', subject: caller(true), sent: headers('Robbery pattern on Pitkin Avenue'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED', flags: [] },
    { rule: 'the purpose code is refused before any text is read', subject: caller(), sent: headers('Robbery pattern', 'IMMIGRATION_ENFORCEMENT'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED', flags: [] },
    { rule: 'a justification with enforcement intent is refused', subject: caller(), sent: headers('Honor ICE detainer for subject'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED', flags: [] },
    { rule: 'a case number carrying the intent is read too', subject: caller(), sent: { ...headers('Robbery pattern'), 'x-case-number': 'per ICE request' }, code: 'IMMIGRATION_ENFORCEMENT_BLOCKED', flags: [] },
    { rule: "a victim's account that mentions deportation is allowed and flagged for review", subject: caller(), sent: headers('DV victim says abuser threatened her with deportation'), code: null, flags: ['IMMIGRATION_TERM_REVIEW'] },
    { rule: 'an ordinary investigation is allowed, unflagged', subject: caller(), sent: headers('Robbery pattern on Pitkin Avenue'), code: null, flags: [] },
    { rule: 'an agency that declares it does not enforce immigration law is read like anyone', subject: caller(false), sent: headers('Robbery pattern on Pitkin Avenue'), code: null, flags: [] },
  ])('$rule', async ({ subject, sent, code, flags }) => {
    expect(await check(immigrationEnforcementGuard, subject, sent)).toEqual({ code, flags });
  });

  it('the refusal says why', async () => {
    const refusal = await immigrationEnforcementGuard.check({ subject: caller(true), headers: headers('x'), purpose: INVESTIGATION });
    expect(refusal?.message).toMatch(/the requesting agency enforces immigration law/);
    const byText = await immigrationEnforcementGuard.check({ subject: caller(), headers: headers('Honor ICE detainer for subject'), purpose: INVESTIGATION });
    expect(byText?.message).toMatch(/the declared purpose shows immigration enforcement \(.+\)/);
  });
});

describe('[P6] political activity under another purpose: monitoring refused, a mention flagged', () => {
  const guard = politicalActivityGuard(async () => null);
  it.each([
    { rule: 'monitoring the organizers of a protest is refused', text: "monitor the organizers of Saturday's protest", code: 'POLITICAL_ACTIVITY_RESTRICTED', flags: [] },
    { rule: 'a crime at a protest is allowed and flagged for review', text: 'Identify the man who assaulted an officer at the protest', code: null, flags: ['POLITICAL_ACTIVITY_REVIEW'] },
    { rule: 'no political term: allowed, unflagged', text: 'Monitor the suspect vehicle for the burglary pattern', code: null, flags: [] },
  ])('$rule', async ({ text, code, flags }) => {
    expect(await check(guard, caller(), headers(text))).toEqual({ code, flags });
  });

  it('no declared purpose yet: the texts are still read', async () => {
    expect((await check(guard, caller(), headers("monitor the organizers of Saturday's protest"), null)).code).toBe('POLITICAL_ACTIVITY_RESTRICTED');
  });
});

describe('enforceGuards: the first refusal wins, counted under its guard', () => {
  const refusing = (name: string, error: GraphQLError | null, ran: string[]): Guard => ({ name, check: async () => (ran.push(name), error) });

  it('runs the guards in order and stops at the first refusal', async () => {
    const ran: string[] = [];
    const counted: string[] = [];
    const refusal = (await immigrationEnforcementGuard.check({ subject: caller(true), headers: {}, purpose: null }))!;
    const guards = [refusing('FIRST', null, ran), refusing('SECOND', refusal, ran), refusing('THIRD', refusal, ran)];
    await expect(enforceGuards(guards, { subject: caller(), headers: {}, purpose: null }, (name) => counted.push(name))).rejects.toBe(refusal);
    expect(ran).toEqual(['FIRST', 'SECOND']);
    expect(counted).toEqual(['SECOND']);
  });

  it('every guard allowing: nothing is counted', async () => {
    const ran: string[] = [];
    const counted: string[] = [];
    await enforceGuards([refusing('A', null, ran), refusing('B', null, ran)], { subject: caller(), headers: {}, purpose: null }, (name) => counted.push(name));
    expect(ran).toEqual(['A', 'B']);
    expect(counted).toEqual([]);
  });
});
