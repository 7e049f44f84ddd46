import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { createKeyPair, type KeyPair } from '../localKeys';
import { createSubgraphContextVerifier, reusingContextSigner, signSubgraphContext, type SubgraphCallContext } from '../subgraphContextToken';

const DETECTIVE: SubgraphCallContext = {
  requestId: 'r-1',
  subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-COMMERCIAL-SOURCES', 'ERMS-INTERNAL-RECORDS'] },
  purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', permissiblePurpose: { dppa: 'DPPA_B1', glba: 'GLBA_E5' } },
};

/** A context signed with the gateway's key, issuer and audience, valid 60 s, carrying exactly `claims`. */
function signedByGateway(key: KeyPair, subject: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setIssuer('urn:erms:gateway')
    .setAudience('urn:erms:subgraphs')
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key.privateKey);
}

/** [P3] the permissible purpose travels from the gateway to the commercial subgraph inside the signed context. */
describe('signed subgraph context', () => {
  it('carries the DPPA purpose and the GLBA exception', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const verify = createSubgraphContextVerifier([key.publicJwk]);
    expect(await verify(await signSubgraphContext(key, DETECTIVE))).toEqual(DETECTIVE);
  });

  it('carries no permissible purpose when none was declared', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const verify = createSubgraphContextVerifier([key.publicJwk]);
    const caller = { ...DETECTIVE, purpose: { code: 'CRIMINAL_INVESTIGATION' as const, caseNumber: 'C-1' } };
    expect((await verify(await signSubgraphContext(key, caller))).purpose).toEqual({ code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1' });
  });

  it('drops codes outside the vocabulary, even correctly signed', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const token = await signedByGateway(key, 'detective', { rid: 'r', roles: ['DETECTIVE'], purpose: 'CRIMINAL_INVESTIGATION', case: 'C-1', dppa: 'DPPA_B99', glba: 'GLBA_E5' });
    const context = await createSubgraphContextVerifier([key.publicJwk])(token);
    expect(context.purpose?.permissiblePurpose).toEqual({ glba: 'GLBA_E5' });
  });

  it.each([
    ['expired a year ago', { iat: -366 * 86_400, exp: -365 * 86_400 }],
    ['expired a second ago', { iat: -61, exp: -1 }],
  ])('[P5] refuses a correctly signed context that %s', async (_when, { iat, exp }) => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ rid: 'r', roles: ['DETECTIVE'], purpose: 'CRIMINAL_INVESTIGATION', case: 'C-1' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('urn:erms:gateway')
      .setAudience('urn:erms:subgraphs')
      .setSubject('detective')
      .setIssuedAt(now + iat)
      .setExpirationTime(now + exp)
      .sign(key.privateKey);
    await expect(createSubgraphContextVerifier([key.publicJwk])(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('[P5] refuses a context without an expiry, however it is signed', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const token = await new SignJWT({ rid: 'r', roles: ['DETECTIVE'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('urn:erms:gateway')
      .setAudience('urn:erms:subgraphs')
      .setSubject('detective')
      .setIssuedAt()
      .sign(key.privateKey);
    await expect(createSubgraphContextVerifier([key.publicJwk])(token)).rejects.toMatchObject({ reason: 'bad-signature' });
  });

  it('reuses a token only for the same caller and purpose', async () => {
    const sign = reusingContextSigner(await createKeyPair('gateway-context', 'EdDSA'));
    const first = await sign(DETECTIVE);
    expect(await sign({ ...DETECTIVE, requestId: 'r-2' })).toBe(first);
    expect(await sign({ ...DETECTIVE, purpose: { ...DETECTIVE.purpose!, code: 'PROSECUTION' } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, purpose: { ...DETECTIVE.purpose!, caseNumber: 'C-2' } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, subject: { ...DETECTIVE.subject, roles: ['OFFICER'] } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, subject: { ...DETECTIVE.subject, id: 'officer' } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, subject: { ...DETECTIVE.subject, command: '076 PCT' } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, subject: { ...DETECTIVE.subject, agency: { ...DETECTIVE.subject.agency, ori: 'NJ0000000' } } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, purpose: { ...DETECTIVE.purpose!, permissiblePurpose: { dppa: 'DPPA_B1' } } })).not.toBe(first);
    expect(await sign({ ...DETECTIVE, subject: { ...DETECTIVE.subject, currentTrainings: [] } })).not.toBe(first);
    // What is not signed does not make a new token (a full Subject carries its session, a purpose its justification).
    expect(await sign({ ...DETECTIVE, requestId: 'r-3', subject: { ...DETECTIVE.subject, mfa: true } as SubgraphCallContext['subject'] })).toBe(first);
  });

  /** A partner client under its agreement, opening a sealed record under a statutory exception. */
  const PARTNER: SubgraphCallContext = {
    requestId: 'r-p',
    subject: {
      id: 'da-kings-client', kind: 'CLIENT', roles: ['PARTNER'], command: '', assignment: '', agency: { name: 'Kings County DA', ori: 'NY023013A' }, currentTrainings: [],
      agreement: { number: 'DA-KINGS-2026-01', systems: ['complaints-arrests'], categories: ['RECORD'], purposes: ['PROSECUTION'] },
    },
    purpose: { code: 'PROSECUTION', caseNumber: 'IND-2026-0042', exception: { code: 'CPL_160_50_1_D_II', reference: 'Order of Hon. J. Doe, 2026-11-30' } },
  };

  it('[P14][P12] carries a partner client whole: its kind, its agreement and the statutory exception it runs under', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const verify = createSubgraphContextVerifier([key.publicJwk]);
    expect(await verify(await signSubgraphContext(key, PARTNER))).toEqual(PARTNER);
    // And the member of the service's context carries its command, assignment, agency and trainings.
    const detective = await verify(await signSubgraphContext(key, DETECTIVE));
    expect(detective.subject).toEqual(DETECTIVE.subject);
    expect(detective.subject.agreement).toBeUndefined();
  });

  it('[P14][P12] keeps only the vocabulary from a correctly signed context: roles, trainings, agreement lists, exceptions', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const token = await signedByGateway(key, 'partner', {
      rid: 'r', kind: 'SUPERUSER', roles: ['DETECTIVE', 'ROOT'], trn: ['ERMS-INTERNAL-RECORDS', 7], purpose: 'PROSECUTION', case: 'C-1',
      agr: { n: 'DA-KINGS-2026-01', sys: ['complaints-arrests', 3], cat: ['RECORD', 'EVERYTHING'], pur: ['PROSECUTION', 'IMMIGRATION_ENFORCEMENT_X'] },
      sx: 'CPL_160_50_1_D_II', sxr: '',
    });
    const context = await createSubgraphContextVerifier([key.publicJwk])(token);
    expect(context.subject.kind).toBe('USER');
    expect(context.subject.roles).toEqual(['DETECTIVE']);
    expect(context.subject.currentTrainings).toEqual(['ERMS-INTERNAL-RECORDS']);
    expect(context.subject.agreement).toEqual({ number: 'DA-KINGS-2026-01', systems: ['complaints-arrests'], categories: ['RECORD'], purposes: ['PROSECUTION'] });
    // An exception without the reference that proves it applies is no exception.
    expect(context.purpose).toEqual({ code: 'PROSECUTION', caseNumber: 'C-1' });
  });

  it('[P14] a context whose agreement claim has no number carries no agreement', async () => {
    const key = await createKeyPair('gateway-context', 'EdDSA');
    const token = await signedByGateway(key, 'partner', { rid: 'r', roles: ['PARTNER'], agr: { sys: ['complaints-arrests'], cat: ['RECORD'] } });
    expect((await createSubgraphContextVerifier([key.publicJwk])(token)).subject.agreement).toBeUndefined();
  });
});

/** [P5] What a subgraph refuses before it reads a single claim, each with the reason it logs. */
describe('a subgraph context refused', () => {
  let key: KeyPair;
  let other: KeyPair;
  beforeAll(async () => {
    [key, other] = await Promise.all([createKeyPair('gateway-context', 'EdDSA'), createKeyPair('not-the-gateway', 'EdDSA')]);
  });
  const reasonOf = (token: string | undefined) => createSubgraphContextVerifier([key.publicJwk])(token).then(() => 'accepted', (error: { reason?: string }) => error.reason ?? String(error));
  const claims = { rid: 'r', roles: ['DETECTIVE'], purpose: 'CRIMINAL_INVESTIGATION', case: 'C-1' };

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['the genuine context is accepted', () => signedByGateway(key, 'detective', claims), 'accepted'],
    ['no context: refused', async () => undefined, 'missing'],
    ['an empty context: refused', async () => '', 'missing'],
    ['signed by a key that is not the gateway\'s: refused', () => signedByGateway(other, 'detective', claims), 'bad-signature'],
    ['signed by the gateway under another issuer: refused', () => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer('urn:erms:console').setAudience('urn:erms:subgraphs')
      .setSubject('detective').setIssuedAt().setExpirationTime('60s').sign(key.privateKey), 'bad-signature'],
    ['signed by the gateway for another audience: refused', () => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer('urn:erms:gateway').setAudience('erms-federation')
      .setSubject('detective').setIssuedAt().setExpirationTime('60s').sign(key.privateKey), 'bad-signature'],
    ['naming no caller (no sub): refused', () => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer('urn:erms:gateway').setAudience('urn:erms:subgraphs')
      .setIssuedAt().setExpirationTime('60s').sign(key.privateKey), 'bad-signature'],
    ['naming no request (no rid): refused', () => signedByGateway(key, 'detective', { roles: ['DETECTIVE'] }), 'bad-signature'],
    ['not a token at all: refused', async () => 'x.y.z', 'bad-signature'],
  ])('%s', async (_rule, token, reason) => {
    expect(await reasonOf(await token())).toBe(reason);
  });

  it('a context verified once is refused once it expires, although the subgraph remembers it', async () => {
    const start = Date.now();
    jest.useFakeTimers({ now: start, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      const verify = createSubgraphContextVerifier([key.publicJwk]);
      const token = await signSubgraphContext(key, DETECTIVE, 10);
      const expiry = decodeJwt(token).exp! * 1000;
      await expect(verify(token)).resolves.toEqual(DETECTIVE);
      jest.setSystemTime(expiry - 1);
      await expect(verify(token)).resolves.toEqual(DETECTIVE);
      jest.setSystemTime(expiry);
      await expect(verify(token)).rejects.toMatchObject({ reason: 'expired' });
    } finally {
      jest.useRealTimers();
    }
  });
});

/** What a verified context says of a caller whose token carries less than a full context. */
describe('a subgraph context read', () => {
  let key: KeyPair;
  beforeAll(async () => {
    key = await createKeyPair('gateway-context', 'EdDSA');
  });
  const read = async (claims: Record<string, unknown>) => createSubgraphContextVerifier([key.publicJwk])(await signedByGateway(key, 'caller', { rid: 'r', ...claims }));

  it('a caller without a declared purpose carries none, and its absent command, assignment and agency read as empty', async () => {
    const context = await read({});
    expect(context).toStrictEqual({
      requestId: 'r',
      subject: { id: 'caller', kind: 'USER', roles: [], command: '', assignment: '', agency: { ori: '', name: '' }, currentTrainings: [] },
      purpose: null,
    });
    expect((await createSubgraphContextVerifier([key.publicJwk])(await signSubgraphContext(key, { ...DETECTIVE, purpose: null }))).purpose).toBeNull();
  });

  it.each<[string, Record<string, unknown>, Partial<SubgraphCallContext['subject']>]>([
    ['roles that are not a list', { roles: 'DETECTIVE' }, { roles: [] }],
    ['trainings that are not a list', { trn: 'ERMS-INTERNAL-RECORDS' }, { currentTrainings: [] }],
    ['agreement lists that are not lists', { agr: { n: 'DA-1', sys: 'complaints-arrests', cat: 'RECORD', pur: 'PROSECUTION' } }, { agreement: { number: 'DA-1', systems: [], categories: [], purposes: [] } }],
  ])('[P8][P14] keeps nothing of %s', async (_what, claims, subject) => {
    expect((await read(claims)).subject).toMatchObject(subject);
  });

  it.each([
    ['an agreement that is not an object', { agr: 'DA-KINGS-2026-01' }],
    ['an agreement number that is not text', { agr: { n: 7, sys: ['complaints-arrests'], cat: ['RECORD'], pur: ['PROSECUTION'] } }],
  ])('[P14] %s is no agreement', async (_what, claims) => {
    expect((await read(claims)).subject).not.toHaveProperty('agreement');
  });

  it.each<[string, Record<string, unknown>, SubgraphCallContext['purpose']]>([
    ['a purpose outside the vocabulary is no purpose', { purpose: 'GENERAL_CURIOSITY', case: 'C-1' }, null],
    ['a purpose without a case number keeps an empty one', { purpose: 'CRIMINAL_INVESTIGATION' }, { code: 'CRIMINAL_INVESTIGATION', caseNumber: '' }],
    ['[P3] a GLBA exception alone', { purpose: 'CRIMINAL_INVESTIGATION', case: 'C-1', glba: 'GLBA_E5' }, { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1', permissiblePurpose: { glba: 'GLBA_E5' } }],
    ['[P3] a DPPA purpose alone', { purpose: 'CRIMINAL_INVESTIGATION', case: 'C-1', dppa: 'DPPA_B1' }, { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1', permissiblePurpose: { dppa: 'DPPA_B1' } }],
    ['[P12] an exception outside the vocabulary is none', { purpose: 'PROSECUTION', case: 'C-1', sx: 'CPL_999', sxr: 'Order' }, { code: 'PROSECUTION', caseNumber: 'C-1' }],
    ['[P12] an exception whose reference is not text is none', { purpose: 'PROSECUTION', case: 'C-1', sx: 'CPL_160_50_1_D_II', sxr: 7 }, { code: 'PROSECUTION', caseNumber: 'C-1' }],
  ])('%s', async (_rule, claims, purpose) => {
    expect((await read(claims)).purpose).toStrictEqual(purpose);
  });
});

/** The context token a gateway reuses across one caller's requests [P5]. */
describe('a reused subgraph context', () => {
  let key: KeyPair;
  beforeAll(async () => {
    key = await createKeyPair('gateway-context', 'EdDSA');
  });

  it('names the gateway key that signed it, so that a subgraph holding several (a rotation) picks the one to check the call with', async () => {
    expect(decodeProtectedHeader(await signSubgraphContext(key, DETECTIVE))).toEqual({ alg: 'EdDSA', kid: key.kid });
  });

  it('lives 60 s, or the lifetime asked', async () => {
    const lifetime = (token: string) => decodeJwt(token).exp! - decodeJwt(token).iat!;
    expect(lifetime(await signSubgraphContext(key, DETECTIVE))).toBe(60);
    expect(lifetime(await signSubgraphContext(key, DETECTIVE, 5))).toBe(5);
  });

  it('is reused for 20 s, no longer: a token handed out always has 40 s of its 60 left', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      const sign = reusingContextSigner(key);
      const first = await sign(DETECTIVE);
      clock.mockReturnValue(start + 19_999);
      expect(await sign({ ...DETECTIVE, requestId: 'r-2' })).toBe(first);
      clock.mockReturnValue(start + 20_000);
      const renewed = await sign({ ...DETECTIVE, requestId: 'r-3' });
      expect(decodeJwt(renewed).rid).toBe('r-3');
      expect(decodeJwt(first).exp! - decodeJwt(first).iat!).toBeGreaterThanOrEqual(20 + 40);
    } finally {
      clock.mockRestore();
    }
  });

  it('a shorter reuse when asked', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      const sign = reusingContextSigner(key, 5);
      const first = await sign(DETECTIVE);
      clock.mockReturnValue(start + 4_999);
      expect(await sign({ ...DETECTIVE, requestId: 'r-2' })).toBe(first);
      clock.mockReturnValue(start + 5_000);
      expect(decodeJwt(await sign({ ...DETECTIVE, requestId: 'r-3' })).rid).toBe('r-3');
    } finally {
      clock.mockRestore();
    }
  });

  it('the same trainings in another order are the same claims: the same token', async () => {
    const sign = reusingContextSigner(key);
    const first = await sign(DETECTIVE);
    expect(await sign({ ...DETECTIVE, subject: { ...DETECTIVE.subject, currentTrainings: [...DETECTIVE.subject.currentTrainings].reverse() } })).toBe(first);
  });

  it('a signing that failed is not handed out again: the next request signs anew', async () => {
    // The first attempt signs with the public key (refused by WebCrypto), the next with the private key.
    let attempts = 0;
    const flaky: KeyPair = { ...key, get privateKey() { attempts += 1; return attempts === 1 ? key.publicKey : key.privateKey; } };
    const sign = reusingContextSigner(flaky);
    await expect(sign(DETECTIVE)).rejects.toThrow();
    await expect(sign(DETECTIVE)).resolves.toEqual(expect.any(String));
  });
});
