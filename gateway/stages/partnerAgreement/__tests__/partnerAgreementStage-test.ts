import type { IncomingMessage } from 'node:http';
import type { GraphQLError } from 'graphql';
import { evaluateRule } from '../../../../policy/evaluateRule';
import { fieldRule } from '../../../../policy/rules';
import type { DeclaredPurpose, Subject } from '../../../../policy/Subject';
import type { Agreement, AgreementStatus } from '../../../../subgraphs/governance/agreements/AgreementStore';
import type { PendingContext } from '../../../GatewayContext';
import { newAuditDraft } from '../../audit/AuditDraft';
import type { RequestState } from '../../Stage';
import { AgreementsInForce } from '../AgreementsInForce';
import type { PartnerAccess } from '../PartnerAccess';
import { partnerAgreementStage } from '../partnerAgreementStage';

/**
 * [P14] A partner agency reaches only what its ACTIVE written agreement allows: the gateway's
 * partner-agreement stage alone, over agreements held in memory (no store, no HTTP). Each way an
 * agreement fails to cover a request is refused with its SPEC code and reason; an agreement in
 * force puts its scope on the request, so the field rules hold the partner to it.
 */
const NOW = new Date('2026-06-15T12:00:00.000Z');
const CERTIFICATE = 'ab'.repeat(32);
const DA: Agreement = {
  number: 'DA-QUEENS-2026-01',
  agency: { name: 'QUEENS COUNTY DISTRICT ATTORNEY', ori: 'NY040015A', kind: 'PROSECUTOR', immigrationEnforcement: false },
  signatories: [{ name: 'ESQ. MIRIAM STONE', title: 'AGENCY PRIVACY OFFICER', signsFor: 'DEPARTMENT' }, { name: 'QUEENS DA', title: 'DISTRICT ATTORNEY', signsFor: 'PARTNER' }],
  documentSha256: 'b'.repeat(64),
  effectiveFrom: '2026-01-01T00:00:00.000Z',
  expiresAt: '2027-01-01T00:00:00.000Z',
  systems: ['complaints-arrests'],
  categories: ['RECORD'],
  purposes: ['PROSECUTION'],
  dailyRequestCap: 100,
  clientId: 'partner-qda',
  certificateSha256: null,
  partnerUsers: ['qda-analyst'],
  conditions: { confidentiality: true, noRedisclosureWithoutApproval: true, legalProcessNotice: true },
  status: 'ACTIVE',
  createdBy: 'privacy-officer',
  createdAt: '2025-12-01T00:00:00.000Z',
  statusChangedAt: '2025-12-20T00:00:00.000Z',
};

const client: Subject = {
  id: 'partner-qda', kind: 'CLIENT', displayName: 'Queens DA', roles: ['PARTNER'], command: 'QUEENS DA', assignment: 'PARTNER',
  agency: { name: 'QUEENS COUNTY DISTRICT ATTORNEY', ori: 'NY040015A' }, currentTrainings: ['ERMS-INTERNAL-RECORDS'], remote: true, mfa: false,
  authentication: { method: 'BEARER_JWT', issuer: 'idp', amr: [], sessionId: 's1', clientId: 'partner-qda' },
};
const partnerUser: Subject = { ...client, id: 'qda-analyst', kind: 'USER', authentication: { method: 'BEARER_JWT', issuer: 'idp', amr: ['pwd', 'otp'], sessionId: 's2' } };
const detective: Subject = {
  id: 'detective', kind: 'USER', displayName: 'D', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-INTERNAL-RECORDS'], remote: false, mfa: false,
};
const PROSECUTION: DeclaredPurpose = { code: 'PROSECUTION', caseNumber: 'IND-2026-0001', justification: 'trial preparation' };
const INVESTIGATION: DeclaredPurpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1', justification: 'an open case' };

/** A connection without TLS, or one whose client presented a certificate with this fingerprint (Node's form). */
const plain = { socket: {} } as unknown as IncomingMessage;
const withCertificate = (sha256: string) =>
  ({ socket: { getPeerCertificate: () => ({ fingerprint256: sha256.toUpperCase().match(/../g)!.join(':') }) } }) as unknown as IncomingMessage;

interface Setup {
  agreement?: Partial<Agreement> | null;
  subject?: Subject;
  purpose?: DeclaredPurpose | null;
  http?: IncomingMessage;
  /** The day's count the store answers with (this request included). */
  count?: number;
  now?: Date;
}

async function admit({ agreement = {}, subject = client, purpose = PROSECUTION, http = plain, count = 1, now = NOW }: Setup = {}) {
  const asked: { id: string; kind: string }[] = [];
  const counted: string[] = [];
  const partners: PartnerAccess = {
    agreements: new AgreementsInForce({ forSubject: async (who) => (asked.push({ id: who.id, kind: who.kind }), agreement === null ? null : { ...DA, ...agreement }) }),
    findTrustedDocument: async () => null,
    countRequest: async (number) => (counted.push(number), count),
    now: () => now,
  };
  const context = { requestId: 'r1', sourceAddress: null, subject: { ...subject }, purpose, audit: newAuditDraft() } as PendingContext;
  try {
    await partnerAgreementStage(partners).onRequest!({ http, requestId: 'r1', context } as RequestState);
    return { context, asked, counted, error: null };
  } catch (error) {
    return { context, asked, counted, error: error as GraphQLError };
  }
}
const refusal = (error: GraphQLError | null) => error && { code: error.extensions.code, reason: error.extensions.reason, agreement: error.extensions.agreement };

describe('[P14] a partner agency runs under its ACTIVE written agreement, or not at all', () => {
  it('an agreement in force admits the partner: its scope goes on the request, and the audit event names it', async () => {
    const { context, error, asked, counted } = await admit();
    expect(error).toBeNull();
    expect(asked).toEqual([{ id: 'partner-qda', kind: 'CLIENT' }]);
    const scope = { number: 'DA-QUEENS-2026-01', systems: ['complaints-arrests'], categories: ['RECORD'], purposes: ['PROSECUTION'] };
    expect(context.subject!.agreement).toEqual(scope);
    expect(context.policy).toMatchObject({ subject: { id: 'partner-qda', agreement: scope }, purpose: PROSECUTION });
    expect(context.audit.agreement).toBe('DA-QUEENS-2026-01');
    expect(counted).toEqual(['DA-QUEENS-2026-01']);
  });

  it('a partner user the agreement names is admitted as the client is (no client-credentials token needed)', async () => {
    const { context, error, asked } = await admit({ subject: partnerUser });
    expect(error).toBeNull();
    expect(asked).toEqual([{ id: 'qda-analyst', kind: 'USER' }]);
    expect(context.subject!.agreement?.number).toBe('DA-QUEENS-2026-01');
  });

  it('a department member is no partner: the stage leaves the request alone, even with no partner access configured', async () => {
    const context = { requestId: 'r1', sourceAddress: null, subject: { ...detective }, purpose: INVESTIGATION, audit: newAuditDraft() } as PendingContext;
    await partnerAgreementStage(undefined).onRequest!({ http: plain, requestId: 'r1', context } as RequestState);
    expect(context.subject!.agreement).toBeUndefined();
    expect(context.policy).toBeUndefined();
    expect(context.audit.agreement).toBeUndefined();
  });

  it.each([
    { rule: 'a partner client (whatever its roles)', subject: { ...client, roles: [] } },
    { rule: 'a user holding the PARTNER role', subject: partnerUser },
  ])('fails closed when the gateway has no partner access configured: $rule is refused (AGREEMENT_SCOPE, NO_AGREEMENT)', async ({ subject }) => {
    const context = { requestId: 'r1', sourceAddress: null, subject: { ...subject }, purpose: PROSECUTION, audit: newAuditDraft() } as PendingContext;
    const refused = partnerAgreementStage(undefined).onRequest!({ http: plain, requestId: 'r1', context } as RequestState);
    await expect(refused).rejects.toMatchObject({ message: 'partner access is not configured on this gateway', extensions: { code: 'AGREEMENT_SCOPE', reason: 'NO_AGREEMENT' } });
    expect(context.subject!.agreement).toBeUndefined();
  });

  it('no written agreement covers the partner: refused (AGREEMENT_SCOPE, NO_AGREEMENT), nothing counted', async () => {
    const { error, context, counted } = await admit({ agreement: null });
    expect(refusal(error)).toEqual({ code: 'AGREEMENT_SCOPE', reason: 'NO_AGREEMENT', agreement: undefined });
    expect(error!.message).toMatch(/no written agreement/);
    expect(context.audit.agreement).toBeUndefined();
    expect(context.subject!.agreement).toBeUndefined();
    expect(counted).toEqual([]);
  });

  it.each(['DRAFT', 'APPROVED', 'SUSPENDED', 'EXPIRED', 'TERMINATED'] as AgreementStatus[])(
    'an agreement %s is not in force: refused with its status as the reason, and the refusal names the agreement',
    async (status) => {
      const { error, context, counted } = await admit({ agreement: { status } });
      expect(refusal(error)).toEqual({ code: 'AGREEMENT_SCOPE', reason: `AGREEMENT_${status}`, agreement: 'DA-QUEENS-2026-01' });
      expect(error!.message).toContain(`is ${status}`);
      // [P18] the refused request's audit event names the agreement it was refused under.
      expect(context.audit.agreement).toBe('DA-QUEENS-2026-01');
      expect(context.subject!.agreement).toBeUndefined();
      expect(counted).toEqual([]);
    },
  );

  it.each([
    { rule: 'a millisecond before it takes effect: refused', now: new Date('2025-12-31T23:59:59.999Z'), reason: 'AGREEMENT_NOT_YET_EFFECTIVE' },
    { rule: 'the instant it takes effect: admitted', now: new Date('2026-01-01T00:00:00.000Z'), reason: null },
    { rule: 'a millisecond before it expires: admitted', now: new Date('2026-12-31T23:59:59.999Z'), reason: null },
    { rule: 'the instant it expires: refused', now: new Date('2027-01-01T00:00:00.000Z'), reason: 'AGREEMENT_EXPIRED' },
    { rule: 'a year after it expired, still marked ACTIVE: refused', now: new Date('2028-01-01T00:00:00.000Z'), reason: 'AGREEMENT_EXPIRED' },
  ])('an ACTIVE agreement is in force only between its dates, by the clock: $rule', async ({ now, reason }) => {
    const { error, counted } = await admit({ now });
    if (reason === null) {
      expect(error).toBeNull();
      expect(counted).toEqual(['DA-QUEENS-2026-01']);
    } else {
      expect(refusal(error)).toEqual({ code: 'AGREEMENT_SCOPE', reason, agreement: 'DA-QUEENS-2026-01' });
      // The partner is told the date that decides it.
      expect(error!.message).toBe(reason === 'AGREEMENT_EXPIRED'
        ? 'agreement DA-QUEENS-2026-01 expired at 2027-01-01T00:00:00.000Z'
        : 'agreement DA-QUEENS-2026-01 takes effect at 2026-01-01T00:00:00.000Z');
      expect(counted).toEqual([]);
    }
  });

  it('the clock is read at each request when none is given (an agreement that expired yesterday is refused today)', async () => {
    const partners: PartnerAccess = {
      agreements: new AgreementsInForce({ forSubject: async () => ({ ...DA, expiresAt: new Date(Date.now() - 86_400_000).toISOString() }) }),
      findTrustedDocument: async () => null,
      countRequest: async () => 1,
    };
    const context = { requestId: 'r1', sourceAddress: null, subject: { ...client }, purpose: PROSECUTION, audit: newAuditDraft() } as PendingContext;
    await expect(partnerAgreementStage(partners).onRequest!({ http: plain, requestId: 'r1', context } as RequestState))
      .rejects.toMatchObject({ extensions: { code: 'AGREEMENT_SCOPE', reason: 'AGREEMENT_EXPIRED' } });
  });

  it.each([
    { rule: 'a client-credentials token for another client', authentication: { ...client.authentication!, clientId: 'partner-other' } },
    { rule: 'a token that names no client', authentication: { ...client.authentication!, clientId: undefined } },
    { rule: 'no authentication recorded at all', authentication: undefined },
  ])('a partner client must authenticate as the agreement\'s client: $rule is refused (UNAUTHENTICATED)', async ({ authentication }) => {
    const { error, counted } = await admit({ subject: { ...client, authentication } });
    expect(refusal(error)).toEqual({ code: 'UNAUTHENTICATED', reason: undefined, agreement: 'DA-QUEENS-2026-01' });
    expect(error!.message).toContain('partner-qda');
    expect(counted).toEqual([]);
  });

  it.each([
    { rule: 'a connection without a client certificate: refused', http: plain, admitted: false },
    { rule: 'a connection with another certificate: refused', http: withCertificate('cd'.repeat(32)), admitted: false },
    { rule: 'a TLS connection whose client presented none: refused', http: { socket: { getPeerCertificate: () => ({}) } } as unknown as IncomingMessage, admitted: false },
    { rule: 'the agreement\'s certificate (as Node prints it, upper case with colons): admitted', http: withCertificate(CERTIFICATE), admitted: true },
  ])('an agreement bound to a client certificate is reached only over it (mutual TLS): $rule', async ({ http, admitted }) => {
    const { error } = await admit({ agreement: { certificateSha256: CERTIFICATE }, http });
    if (admitted) expect(error).toBeNull();
    else {
      expect(refusal(error)).toEqual({ code: 'UNAUTHENTICATED', reason: undefined, agreement: 'DA-QUEENS-2026-01' });
      expect(error!.message).toMatch(/client certificate/);
    }
  });

  it('an agreement bound to no certificate is reached over any connection', async () => {
    expect((await admit({ http: withCertificate('cd'.repeat(32)) })).error).toBeNull();
  });

  it.each([
    { rule: 'a purpose the agreement does not allow: refused (AGREEMENT_SCOPE, PURPOSE), naming those it allows', purposes: ['PROSECUTION', 'CIVIL_LITIGATION'], purpose: INVESTIGATION, reason: 'PURPOSE' },
    { rule: 'one of several purposes it allows: admitted', purposes: ['CRIMINAL_INVESTIGATION', 'PROSECUTION'], purpose: PROSECUTION, reason: null },
    { rule: 'no purpose declared: admitted here (the field rules then refuse record data without one)', purposes: ['PROSECUTION'], purpose: null, reason: null },
  ] as const)('an ACTIVE agreement admits only the purposes it names: $rule', async ({ purposes, purpose, reason }) => {
    const { error, context, counted } = await admit({ agreement: { purposes: [...purposes] }, purpose });
    if (reason === null) {
      expect(error).toBeNull();
      expect(context.policy!.purpose).toBe(purpose);
    } else {
      expect(refusal(error)).toEqual({ code: 'AGREEMENT_SCOPE', reason, agreement: 'DA-QUEENS-2026-01' });
      expect(error!.message).toBe('agreement DA-QUEENS-2026-01 does not allow CRIMINAL_INVESTIGATION; it allows PROSECUTION, CIVIL_LITIGATION');
      expect(counted).toEqual([]);
    }
  });

  describe('what the admitted scope lets the field rules open', () => {
    const WIDE = { categories: ['RECORD', 'IDENTIFYING'] as Agreement['categories'], systems: ['complaints-arrests'] };
    it.each([
      { rule: 'a record field of a system it grants: allowed', category: 'RECORD', systems: ['complaints-arrests'], agreement: {}, denial: null },
      { rule: 'an identifying field it does not grant: refused', category: 'IDENTIFYING', systems: ['complaints-arrests'], agreement: {}, denial: 'AGREEMENT_SCOPE' },
      { rule: 'an identifying field it grants: allowed', category: 'IDENTIFYING', systems: ['complaints-arrests'], agreement: WIDE, denial: null },
      { rule: 'a record field of a system it does not grant: refused', category: 'RECORD', systems: ['calls'], agreement: WIDE, denial: 'AGREEMENT_SCOPE' },
      { rule: 'place of birth, never granted to a partner [P15]: refused', category: 'IMMIGRATION_STATUS', systems: ['complaints-arrests'], agreement: WIDE, denial: 'AGREEMENT_SCOPE' },
    ] as const)('$rule', async ({ category, systems, agreement, denial }) => {
      const { context, error } = await admit({ agreement: agreement as Partial<Agreement> });
      expect(error).toBeNull();
      const decision = await evaluateRule(fieldRule(category, systems), context.policy!);
      expect(decision.allowed ? null : decision.denial.reason).toBe(denial);
    });
  });

  describe('the daily request cap', () => {
    it.each([
      { rule: 'the cap\'s last request of the day: admitted', count: 100, admitted: true },
      { rule: 'one past the cap: refused (RATE_LIMITED)', count: 101, admitted: false },
    ])('$rule', async ({ count, admitted }) => {
      const { error, counted } = await admit({ count });
      expect(counted).toEqual(['DA-QUEENS-2026-01']);
      if (admitted) expect(error).toBeNull();
      else {
        expect(error!.extensions).toMatchObject({ code: 'RATE_LIMITED', agreement: 'DA-QUEENS-2026-01', retryAfterSeconds: 12 * 3600 });
        expect(error!.message).toContain('allows 100 requests a day');
      }
    });

    it.each([
      { rule: 'at noon UTC: retry after twelve hours', now: '2026-06-15T12:00:00.000Z', seconds: 43_200 },
      { rule: 'at 23:00 UTC on the last day of a month: retry after an hour, at the next month\'s first midnight', now: '2026-06-30T23:00:00.000Z', seconds: 3_600 },
      { rule: 'half a second before midnight: retry after one second, never zero', now: '2026-06-15T23:59:59.500Z', seconds: 1 },
      { rule: 'at midnight exactly: retry after a full day', now: '2026-06-16T00:00:00.000Z', seconds: 86_400 },
    ])('a partner over its cap waits until 00:00 UTC: $rule', async ({ now, seconds }) => {
      const { error } = await admit({ count: 101, now: new Date(now) });
      expect(error!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: seconds });
      expect((error!.extensions.http as unknown as { headers: Map<string, string> }).headers.get('retry-after')).toBe(String(seconds));
    });
  });
});
