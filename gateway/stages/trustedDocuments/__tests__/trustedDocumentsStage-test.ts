import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AgreementScope, Subject } from '../../../../policy/Subject';
import type { DocumentOwner, TrustedDocument } from '../../../../subgraphs/governance/agreements/TrustedDocuments';
import type { PendingContext } from '../../../GatewayContext';
import { newAuditDraft } from '../../audit/AuditDraft';
import type { PartnerAccess } from '../../partnerAgreement/PartnerAccess';
import type { RequestState } from '../../Stage';
import { trustedDocumentsStage } from '../trustedDocumentsStage';

/**
 * [P14] Partners send approved operations only: the trusted-documents stage alone, over a
 * manifest held in memory and keyed as the store keys it (owner, SHA-256 of the text). A partner
 * admitted under its agreement, or an internal client that opted in, runs an operation only by
 * the id of one approved for it: free text, an altered text, another owner's operation or one
 * marked invalid is refused with OPERATION_NOT_APPROVED; everyone else is left alone.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const RECENT = 'query RecentArrests($first: Int!) { arrests(first: $first) { edges { node { number } } } }';
const ALTERED = 'query RecentArrests($first: Int!) { arrests(first: $first) { edges { node { number person { fullName } } } } }';
const CONSOLE = 'query MyQueries { savedQueries { id } }';

const published = (owner: DocumentOwner, body: string, change: Partial<TrustedDocument> = {}): TrustedDocument => ({
  sha256: sha256(body), name: /query (\w+)/.exec(body)![1]!, version: 3, body, owner, publishedBy: 'privacy-officer',
  publishedAt: '2026-12-01T00:00:00.000Z', supergraphSha256: 's'.repeat(64), valid: true, invalidReason: null, ...change,
});
const ownerKey = (owner: DocumentOwner) => ('agreement' in owner ? `agreement ${owner.agreement}` : `client ${owner.client}`);
const MANIFEST = new Map<string, TrustedDocument>(
  [
    published({ agreement: 'DA-1' }, RECENT),
    published({ agreement: 'PD-2' }, 'query ActiveWarrants { warrants(first: 5) { totalCount } }'),
    published({ agreement: 'DA-1' }, 'query Renamed { arrests(first: 1) { totalCount } }', { valid: false, invalidReason: 'Query.arrests: argument first renamed' }),
    published({ client: 'console-app' }, CONSOLE),
  ].map((document) => [`${ownerKey(document.owner)}|${document.sha256}`, document]),
);

const DA_SCOPE: AgreementScope = { number: 'DA-1', systems: ['complaints-arrests'], categories: ['RECORD'], purposes: ['PROSECUTION'] };
const partner: Subject = {
  id: 'partner-da', kind: 'CLIENT', displayName: 'DA', roles: ['PARTNER'], command: 'DA', assignment: 'PARTNER',
  agency: { name: 'KINGS COUNTY DISTRICT ATTORNEY', ori: 'NY030015A' }, currentTrainings: [], remote: true, mfa: false, agreement: DA_SCOPE,
};
const consoleApp: Subject = { ...partner, id: 'console-app', kind: 'CLIENT', roles: ['ANALYST'], agreement: undefined, agency: { name: 'NYPD', ori: 'NY0303000' } };
const analyst: Subject = { ...consoleApp, id: 'analyst', kind: 'USER' };

async function send(subject: Subject, body: unknown, { partners }: { partners: PartnerAccess | undefined } = { partners: access() }) {
  const context = { requestId: 'r1', sourceAddress: null, subject, audit: newAuditDraft() } as PendingContext;
  try {
    await trustedDocumentsStage(partners).onRequest!({ http: {} as IncomingMessage, requestId: 'r1', context, body } as RequestState);
    return { body, used: context.audit.trustedDocument, error: null, message: null };
  } catch (error) {
    return { body, used: context.audit.trustedDocument, error: (error as { extensions: Record<string, unknown> }).extensions, message: (error as Error).message };
  }
}
function access(asked: string[] = []): PartnerAccess {
  return {
    agreements: {} as PartnerAccess['agreements'],
    countRequest: async () => 1,
    trustedDocumentClients: new Set(['console-app']),
    findTrustedDocument: async (owner, hash) => (asked.push(ownerKey(owner)), MANIFEST.get(`${ownerKey(owner)}|${hash}`) ?? null),
  };
}

describe('[P14] a partner sends only operations approved for its agreement', () => {
  it('an approved operation sent by its id runs as published, and the audit event names it', async () => {
    const { body, used, error } = await send(partner, { variables: { first: 3 }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(RECENT) } } });
    expect(error).toBeNull();
    expect(body).toEqual({ query: RECENT, variables: { first: 3 }, extensions: {} });
    expect(used).toEqual({ name: 'RecentArrests', version: 3, sha256: sha256(RECENT) });
  });

  it.each([
    { rule: 'the approved text sent as free text', body: { query: RECENT, variables: { first: 3 } }, reason: 'FREE_TEXT' },
    { rule: 'an altered text sent as free text', body: { query: ALTERED, variables: { first: 3 } }, reason: 'FREE_TEXT' },
    { rule: 'the id of an altered text (never approved)', body: { documentId: sha256(ALTERED) }, reason: 'NOT_APPROVED' },
    { rule: 'the id of an operation approved for another agreement', body: { documentId: sha256('query ActiveWarrants { warrants(first: 5) { totalCount } }') }, reason: 'NOT_APPROVED' },
    { rule: 'the id of an internal client\'s operation', body: { documentId: sha256(CONSOLE) }, reason: 'NOT_APPROVED' },
    { rule: 'the id of an operation marked invalid since', body: { documentId: sha256('query Renamed { arrests(first: 1) { totalCount } }') }, reason: 'INVALIDATED' },
    { rule: 'no operation at all (a GET)', body: undefined, reason: 'NOT_A_DOCUMENT_ID' },
    { rule: 'an id with text before it', body: { documentId: `md5:${sha256(RECENT)}` }, reason: 'NOT_A_DOCUMENT_ID' },
    { rule: 'an id with text after it', body: { documentId: `${sha256(RECENT)}0` }, reason: 'NOT_A_DOCUMENT_ID' },
    { rule: 'an id that is not text', body: { documentId: 42 }, reason: 'NOT_A_DOCUMENT_ID' },
  ])('$rule: refused (OPERATION_NOT_APPROVED, $reason), naming the agreement', async ({ body, reason }) => {
    const { error, used } = await send(partner, body);
    expect(error).toMatchObject({ code: 'OPERATION_NOT_APPROVED', reason, agreement: 'DA-1' });
    expect(used).toBeUndefined();
  });

  it.each([
    { rule: 'a null query', query: null },
    { rule: 'an empty query', query: '' },
  ])('$rule beside an approved id is no text of its own: the approved operation runs', async ({ query }) => {
    const { body, error } = await send(partner, { query, documentId: sha256(RECENT) });
    expect(error).toBeNull();
    expect(body).toEqual({ query: RECENT });
  });

  /** What the partner's developer reads to mend the client: what to send instead, or why the operation is not served. */
  it.each([
    { rule: 'free text: send the id', body: { query: RECENT }, message: /send its id \(extensions\.persistedQuery\.sha256Hash or documentId\), not its text/ },
    { rule: 'no body: POST a JSON body', body: undefined, message: /approved operations are sent by POST, as a JSON body/ },
    { rule: 'not an id: what an id is', body: { documentId: 'RecentArrests' }, message: /its SHA-256, 64 lower-case hex digits/ },
    { rule: 'not approved: for which agreement', body: { documentId: sha256(ALTERED) }, message: new RegExp(`operation ${sha256(ALTERED)} is not approved for agreement DA-1`) },
    { rule: 'invalidated: which operation, why, and what to do', body: { documentId: sha256('query Renamed { arrests(first: 1) { totalCount } }') }, message: /operation Renamed v3 is no longer valid against the schema \(Query\.arrests: argument first renamed\): it must be published again/ },
  ])('the refusal says what to do: $rule', async ({ body, message }) => {
    expect((await send(partner, body)).message).toMatch(message);
  });

  it('a refused operation is never put in the body: Apollo parses nothing the partner wrote', async () => {
    const body = { query: ALTERED };
    await send(partner, body);
    expect(body).toEqual({ query: ALTERED });
    const byId = { documentId: sha256(ALTERED) } as Record<string, unknown>;
    await send(partner, byId);
    expect(byId.query).toBeUndefined();
  });

  it('a partner is looked up under its agreement, never as a client, even one named among the opted-in clients', async () => {
    const asked: string[] = [];
    const partners = { ...access(asked), trustedDocumentClients: new Set(['partner-da', 'console-app']) };
    expect((await send(partner, { documentId: sha256(RECENT) }, { partners })).error).toBeNull();
    expect(asked).toEqual(['agreement DA-1']);
  });
});

describe('an internal client that opted in to trusted documents is held to its own', () => {
  it('its published operation runs by id', async () => {
    const { body, used, error } = await send(consoleApp, { documentId: sha256(CONSOLE) });
    expect(error).toBeNull();
    expect(body).toEqual({ query: CONSOLE });
    expect(used).toEqual({ name: 'MyQueries', version: 3, sha256: sha256(CONSOLE) });
  });

  it.each([
    { rule: 'free text', body: { query: CONSOLE }, reason: 'FREE_TEXT' },
    { rule: 'a partner\'s operation', body: { documentId: sha256(RECENT) }, reason: 'NOT_APPROVED' },
  ])('$rule: refused (OPERATION_NOT_APPROVED, $reason), no agreement named', async ({ body, reason }) => {
    const { error } = await send(consoleApp, body);
    expect(error).toMatchObject({ code: 'OPERATION_NOT_APPROVED', reason });
    expect(error).not.toHaveProperty('agreement');
  });
});

describe('everyone else sends operations as text', () => {
  it.each([
    { rule: 'a department member', subject: analyst, partners: access() },
    { rule: 'a client that did not opt in', subject: { ...consoleApp, id: 'other-app' }, partners: access() },
    { rule: 'an internal client, on a gateway with no partner access', subject: consoleApp, partners: undefined },
    { rule: 'an internal client, on a gateway whose partner access names no opted-in client', subject: consoleApp, partners: { ...access(), trustedDocumentClients: undefined } },
  ])('$rule: the body is left as sent', async ({ subject, partners }) => {
    const asked: string[] = [];
    const { body, used, error } = await send(subject, { query: ALTERED }, { partners: partners && { ...partners, findTrustedDocument: access(asked).findTrustedDocument } });
    expect(error).toBeNull();
    expect(body).toEqual({ query: ALTERED });
    expect(used).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
