import type { IncomingMessage } from 'node:http';
import { policyContext, type Subject } from '../../../../policy/Subject';
import type { Role } from '../../../../policy/vocabulary';
import type { PendingContext } from '../../../GatewayContext';
import { newAuditDraft } from '../../audit/AuditDraft';
import { purposeStage } from '../purposeStage';

/**
 * Why [P5], the stage alone, with an already-known caller: the immigration guard on the raw
 * headers first [P15], then the declared purpose, then Handschu [P6], then whether the purpose
 * (and any statutory exception [P12]) is the caller's to claim. The first refusal wins and is
 * counted under its guard; a use flagged for review is counted only once the request is admitted.
 */
const caller = (roles: Role[], command = '075 PCT', agency: Subject['agency'] = { name: 'NYPD', ori: 'NY0303000' }): Subject => ({
  id: 'u1', kind: 'USER', displayName: 'U', roles, command, assignment: 'SQUAD', agency, currentTrainings: [], remote: false, mfa: false,
});
const DETECTIVE = caller(['DETECTIVE']);
const INVESTIGATION = { 'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2025-075-000123', 'x-justification': 'Robbery pattern on Pitkin Avenue' };

function stage() {
  const counted = { refused: [] as string[], flagged: [] as string[], exceptions: [] as string[], authorizationsAsked: [] as string[] };
  const purpose = purposeStage({
    findAuthorization: async (number) => {
      counted.authorizationsAsked.push(number);
      return number === 'PI-2026-0007' ? { number, kind: 'PRELIMINARY_INQUIRY', command: 'INTELLIGENCE DIVISION', expiresOn: '2027-06-30' } : null;
    },
    refused: (guard) => counted.refused.push(guard),
    flagged: (flag) => counted.flagged.push(flag),
    exceptionUsed: (exception) => counted.exceptions.push(exception),
  });
  return { purpose, counted };
}

/** Sends `headers` (each once unless given as a list) as `subject`; returns the refusal code or null, and the context. */
async function send(subject: Subject, headers: Record<string, string | string[] | undefined>, s = stage()) {
  const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<string, string | string[]>;
  const http = {
    headers: Object.fromEntries(Object.entries(sent).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value])),
    headersDistinct: Object.fromEntries(Object.entries(sent).map(([name, value]) => [name, [value].flat()])),
  } as unknown as IncomingMessage;
  const context: PendingContext = { requestId: 'r1', sourceAddress: '10.0.0.5', audit: newAuditDraft(), subject };
  try {
    await s.purpose.onRequest!({ http, requestId: 'r1', context });
    return { code: null, reason: undefined, context, counted: s.counted };
  } catch (error) {
    const { extensions } = error as { extensions: { code: string; reason?: string; header?: string } };
    return { code: extensions.code, reason: extensions.reason, header: extensions.header, context, counted: s.counted };
  }
}

describe('[P5] the purpose stage: why, from a known caller', () => {
  it('admits a purpose the caller\'s role holds, and sets it, with the policy\'s context, on the request', async () => {
    const { code, context, counted } = await send(DETECTIVE, INVESTIGATION);
    expect(code).toBeNull();
    const purpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'Robbery pattern on Pitkin Avenue' };
    expect(context.purpose).toEqual(purpose);
    expect(context.missingPurposeHeaders).toEqual([]);
    expect(context.policy).toEqual(policyContext(DETECTIVE, context.purpose!));
    expect(context.audit.flags).toEqual([]);
    expect(counted).toEqual({ refused: [], flagged: [], exceptions: [], authorizationsAsked: [] });
  });

  it('no purpose sent: admitted with none, the missing headers named for the field policy (PURPOSE_REQUIRED there)', async () => {
    const { code, context } = await send(DETECTIVE, { 'x-case-number': '2025-075-000123' });
    expect(code).toBeNull();
    expect(context.purpose).toBeNull();
    expect(context.missingPurposeHeaders).toEqual(['X-Purpose', 'X-Justification']);
    expect(context.policy).toEqual(policyContext(DETECTIVE, null));
  });

  it('a detective may not declare PROSECUTION (FORBIDDEN, PURPOSE_NOT_PERMITTED), and nothing is set', async () => {
    const { code, reason, context } = await send(DETECTIVE, { ...INVESTIGATION, 'x-purpose': 'PROSECUTION' });
    expect([code, reason]).toEqual(['FORBIDDEN', 'PURPOSE_NOT_PERMITTED']);
    expect(context.purpose).toBeUndefined();
    expect(context.policy).toBeUndefined();
  });

  it.each(['X-Purpose', 'X-Case-Number', 'X-Justification', 'X-Investigation-Authorization', 'X-Statutory-Exception'])('%s sent twice is refused BAD_USER_INPUT, naming it', async (name) => {
    const result = await send(DETECTIVE, { ...INVESTIGATION, [name.toLowerCase()]: ['CRIMINAL_INVESTIGATION', 'AUDIT'] });
    expect([result.code, result.header]).toEqual(['BAD_USER_INPUT', name]);
  });

  it('a malformed purpose header is BAD_USER_INPUT', async () => {
    expect((await send(DETECTIVE, { ...INVESTIGATION, 'x-purpose': 'CURIOSITY' })).code).toBe('BAD_USER_INPUT');
  });
});

describe('[P15] the immigration guard reads the raw headers first', () => {
  it('an enforcement intent is refused, counted under its guard, even when another header is malformed', async () => {
    const { code, counted, context } = await send(DETECTIVE, { ...INVESTIGATION, 'x-case-number': '<bad>', 'x-justification': 'Honor ICE detainer for subject' });
    expect(code).toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
    expect(counted.refused).toEqual(['IMMIGRATION_ENFORCEMENT']);
    expect(context.purpose).toBeUndefined();
  });

  it('a caller whose agency enforces immigration law is refused whatever it declares', async () => {
    const ice = caller(['PARTNER'], 'ERO', { name: 'ICE ERO', ori: 'DCICE0000', immigrationEnforcement: true });
    expect((await send(ice, { ...INVESTIGATION, 'x-purpose': 'PROSECUTION' })).code).toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
  });

  it('a term without enforcement intent is admitted, flagged in the audit and counted once admitted', async () => {
    const { code, context, counted } = await send(DETECTIVE, { ...INVESTIGATION, 'x-justification': 'DV victim says abuser threatened her with deportation' });
    expect(code).toBeNull();
    expect(context.audit.flags).toEqual(['IMMIGRATION_TERM_REVIEW']);
    expect(counted.flagged).toEqual(['IMMIGRATION_TERM_REVIEW']);
  });

  it('a flagged use later refused is recorded with its flag but counted as a refusal only', async () => {
    const { code, context, counted } = await send(DETECTIVE, { ...INVESTIGATION, 'x-purpose': 'PROSECUTION', 'x-justification': 'DV victim says abuser threatened her with deportation' });
    expect(code).toBe('FORBIDDEN');
    expect(context.audit.flags).toEqual(['IMMIGRATION_TERM_REVIEW']);
    expect(counted.flagged).toEqual([]);
  });
});

describe('[P6] Handschu, on the declared purpose', () => {
  const INTELLIGENCE_DIVISION = caller(['INTELLIGENCE'], 'INTELLIGENCE DIVISION');
  const POLITICAL = { ...INVESTIGATION, 'x-purpose': 'POLITICAL_ACTIVITY', 'x-case-number': 'PI-2026-0007', 'x-justification': 'Preliminary inquiry under authorization' };

  it('the Intelligence Division under an authorization in force is admitted', async () => {
    const { code, context, counted } = await send(INTELLIGENCE_DIVISION, { ...POLITICAL, 'x-investigation-authorization': 'PI-2026-0007' });
    expect(code).toBeNull();
    expect(context.purpose?.code).toBe('POLITICAL_ACTIVITY');
    expect(counted.authorizationsAsked).toEqual(['PI-2026-0007']);
  });

  it('a detective declaring POLITICAL_ACTIVITY is refused by Handschu (POLITICAL_ACTIVITY_RESTRICTED), counted under its guard', async () => {
    const { code, counted } = await send(DETECTIVE, { ...POLITICAL, 'x-investigation-authorization': 'PI-2026-0007' });
    expect(code).toBe('POLITICAL_ACTIVITY_RESTRICTED');
    expect(counted.refused).toEqual(['POLITICAL_ACTIVITY']);
  });

  it('the division without an authorization in force is refused', async () => {
    expect((await send(INTELLIGENCE_DIVISION, { ...POLITICAL, 'x-investigation-authorization': 'PI-2026-0001' })).code).toBe('POLITICAL_ACTIVITY_RESTRICTED');
  });

  it('monitoring lawful protest under another purpose is refused', async () => {
    expect((await send(DETECTIVE, { ...INVESTIGATION, 'x-justification': "monitor the organizers of Saturday's protest" })).code).toBe('POLITICAL_ACTIVITY_RESTRICTED');
  });

  it('a crime at a protest is admitted and flagged for review', async () => {
    const { code, context, counted } = await send(DETECTIVE, { ...INVESTIGATION, 'x-justification': 'Identify the man who assaulted an officer at the protest' });
    expect(code).toBeNull();
    expect(context.audit.flags).toEqual(['POLITICAL_ACTIVITY_REVIEW']);
    expect(counted.flagged).toEqual(['POLITICAL_ACTIVITY_REVIEW']);
  });
});

describe('[P12] a statutory exception', () => {
  const EXCEPTION = { ...INVESTIGATION, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'Order 2025-SC-0417' };

  it('covered: admitted, flagged SEALED_RECORD_EXCEPTION and counted by its code', async () => {
    const { code, context, counted } = await send(DETECTIVE, EXCEPTION);
    expect(code).toBeNull();
    expect(context.purpose?.exception).toEqual({ code: 'CPL_160_50_1_D_II', reference: 'Order 2025-SC-0417' });
    expect(context.audit.flags).toEqual(['SEALED_RECORD_EXCEPTION']);
    expect(counted.flagged).toEqual(['SEALED_RECORD_EXCEPTION']);
    expect(counted.exceptions).toEqual(['CPL_160_50_1_D_II']);
  });

  it('not covered: FORBIDDEN, EXCEPTION_NOT_COVERED, nothing counted as used', async () => {
    const { code, reason, counted } = await send(caller(['OFFICER']), EXCEPTION);
    expect([code, reason]).toEqual(['FORBIDDEN', 'EXCEPTION_NOT_COVERED']);
    expect(counted.exceptions).toEqual([]);
    expect(counted.flagged).toEqual([]);
  });

  it('no exception: none counted', async () => {
    expect((await send(DETECTIVE, INVESTIGATION)).counted.exceptions).toEqual([]);
  });
});
