import { SignJWT } from 'jose';
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
