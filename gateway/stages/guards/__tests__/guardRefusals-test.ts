import type { DeclaredPurpose, Subject } from '../../../../policy/Subject';
import { immigrationEnforcementGuard, politicalActivityGuard, type Guard } from '../requestGuards';

/**
 * [P15, P6] The guards' refusals, each guard alone: every purpose header read for intent as the
 * UTF-8 sent, each refusal saying why, and Handschu's authorization read as sent.
 */
const caller = (): Subject => ({
  id: 'u1', kind: 'USER', displayName: 'U', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
});
const INVESTIGATION: DeclaredPurpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'Robbery pattern' };
const headers = (justification: string, purpose = 'CRIMINAL_INVESTIGATION') => ({ 'x-purpose': purpose, 'x-case-number': '2025-075-000123', 'x-justification': justification });

async function check(guard: Guard, subject: Subject, sent: Record<string, string>) {
  const refusal = await guard.check({ subject, headers: sent, purpose: INVESTIGATION, flag: () => undefined });
  return { code: refusal?.extensions.code ?? null };
}

describe('[P15] every purpose header is read for intent, as the UTF-8 sent', () => {
  it.each([
    { rule: 'the investigation authorization header', sent: { ...headers('Robbery pattern'), 'x-investigation-authorization': 'Honor ICE detainer' } },
    { rule: 'the purpose header', sent: headers('Robbery pattern', 'immigration enforcement') },
    { rule: 'a justification in Spanish, sent as UTF-8 bytes', sent: headers(Buffer.from('Entregar al sujeto a inmigración', 'utf8').toString('latin1')) },
  ])('$rule', async ({ sent }) => {
    expect((await check(immigrationEnforcementGuard, caller(), sent)).code).toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
  });

  it('a mention with no one to flag it for is still allowed', async () => {
    await expect(immigrationEnforcementGuard.check({ subject: caller(), headers: headers('DV victim says abuser threatened her with deportation'), purpose: INVESTIGATION })).resolves.toBeNull();
    await expect(politicalActivityGuard(async () => null).check({ subject: caller(), headers: headers('Identify the man who assaulted an officer at the protest'), purpose: INVESTIGATION })).resolves.toBeNull();
  });

  it('the refusal names the phrases that decided it', async () => {
    const refusal = await immigrationEnforcementGuard.check({ subject: caller(), headers: headers('Honor ICE detainer for subject'), purpose: INVESTIGATION });
    expect(refusal?.message).toBe('refused: the declared purpose shows immigration enforcement ("honor" with "ice"); department records are not shared in furtherance of immigration enforcement');
  });
});

describe('[P6] Handschu: the Intelligence Division, its authorization read as sent', () => {
  const DIVISION: Subject = { ...caller(), roles: ['INTELLIGENCE'], command: 'INTELLIGENCE DIVISION' };
  const POLITICAL: DeclaredPurpose = { code: 'POLITICAL_ACTIVITY', caseNumber: 'PI-2026-0007', justification: 'Preliminary inquiry under authorization' };
  const asked: string[] = [];
  const guard = politicalActivityGuard(async (number) => {
    asked.push(number);
    return number === 'PI-2026-0007' ? { number, kind: 'PRELIMINARY_INQUIRY', command: 'INTELLIGENCE DIVISION', expiresOn: '2027-06-30' } : null;
  });
  const refusal = async (subject: Subject, authorization?: string, justification = POLITICAL.justification) =>
    (await guard.check({ subject, headers: { ...headers(justification, 'POLITICAL_ACTIVITY'), ...(authorization === undefined ? {} : { 'x-investigation-authorization': authorization }) }, purpose: POLITICAL }))?.message ?? null;

  beforeEach(() => void (asked.length = 0));

  it('the authorization number is looked up trimmed', async () => {
    expect(await refusal(DIVISION, '  PI-2026-0007  ')).toBeNull();
    expect(asked).toEqual(['PI-2026-0007']);
  });

  it('a blank authorization is no authorization, and nothing is looked up', async () => {
    expect(await refusal(DIVISION, '   ')).toBe('political activity: send X-Investigation-Authorization with the authorization number (Revised Handschu Guidelines)');
    expect(asked).toEqual([]);
  });

  it('under an authorization in force, the division may describe monitoring: the texts are not read for it', async () => {
    expect(await refusal(DIVISION, 'PI-2026-0007', "monitor the organizers of Saturday's protest")).toBeNull();
  });

  it.each([
    { rule: 'outside the division', subject: { ...DIVISION, command: '075 PCT' }, authorization: 'PI-2026-0007', message: 'political activity: only the Intelligence Division may investigate it (Revised Handschu Guidelines)' },
    { rule: 'an authorization not in force', subject: DIVISION, authorization: 'PI-2026-0001', message: 'political activity: no authorization PI-2026-0001 in force (Revised Handschu Guidelines)' },
  ])('the refusal says why: $rule', async ({ subject, authorization, message }) => {
    expect(await refusal(subject, authorization)).toBe(message);
  });

  it('the refusal of monitoring under another purpose says who may', async () => {
    const other = await politicalActivityGuard(async () => null).check({ subject: caller(), headers: headers("monitor the organizers of Saturday's protest"), purpose: INVESTIGATION });
    expect(other?.message).toMatch(/^political activity: the justification describes monitoring lawful political activity \(.+\); only the Intelligence Division may, under an investigation authorization \(Revised Handschu Guidelines\)$/);
  });

  it('an authorization store that cannot answer refuses, saying so', async () => {
    const failing = politicalActivityGuard(async () => { throw new Error('down'); });
    const refused = await failing.check({ subject: DIVISION, headers: { 'x-investigation-authorization': 'PI-2026-0007' }, purpose: POLITICAL });
    expect(refused?.message).toBe('political activity: the authorization cannot be checked now (Revised Handschu Guidelines)');
  });
});
