import type { TrustedDocument } from '../../../../subgraphs/governance/agreements/TrustedDocuments';
import { resolveTrustedDocument } from '../resolveTrustedDocument';

const HASH = 'a'.repeat(64);
const APPROVED: TrustedDocument = {
  sha256: HASH, name: 'RecentArrests', version: 2, body: 'query RecentArrests { arrests(first: 1) { totalCount } }', owner: { agreement: 'DA-1' },
  publishedBy: 'privacy-officer', publishedAt: '2026-12-01T00:00:00.000Z', supergraphSha256: 'x', valid: true, invalidReason: null,
};
const find = async (owner: { agreement: string } | { client: string }, sha256: string) =>
    'agreement' in owner && owner.agreement === 'DA-1' && sha256 === HASH ? APPROVED
  : sha256 === 'b'.repeat(64) ? { ...APPROVED, sha256, valid: false, invalidReason: 'renamed field' }
  : sha256 === 'd'.repeat(64) ? { ...APPROVED, sha256, valid: false, invalidReason: null }
  : null;

describe('[P14] a partner runs only operations approved for its agreement, sent by id', () => {
  const BY_POST = 'approved operations are sent by POST, as a JSON body naming the operation by its id';
  const FREE_TEXT = 'only operations approved for you run: send its id (extensions.persistedQuery.sha256Hash or documentId), not its text';
  const AN_ID = 'send the id of an approved operation: its SHA-256, 64 lower-case hex digits';
  it.each([
    ['free text', { query: '{ arrests(first: 1) { totalCount } }' }, 'FREE_TEXT', FREE_TEXT],
    ['free text beside a valid id', { query: APPROVED.body, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }, 'FREE_TEXT', FREE_TEXT],
    ['no body (a GET)', undefined, 'NOT_A_DOCUMENT_ID', BY_POST],
    ['a batch', [{ documentId: HASH }], 'NOT_A_DOCUMENT_ID', BY_POST],
    ['a body that is a JSON string', HASH, 'NOT_A_DOCUMENT_ID', BY_POST],
    ['a body that is a JSON number', 7, 'NOT_A_DOCUMENT_ID', BY_POST],
    ['an id that is a name', { documentId: 'RecentArrests' }, 'NOT_A_DOCUMENT_ID', AN_ID],
    ['an upper-case hash', { documentId: HASH.toUpperCase() }, 'NOT_A_DOCUMENT_ID', AN_ID],
    ['a hash not approved for it', { documentId: 'c'.repeat(64) }, 'NOT_APPROVED', `operation ${'c'.repeat(64)} is not approved for agreement DA-1`],
    ['an operation marked invalid', { documentId: 'b'.repeat(64) }, 'INVALIDATED', 'operation RecentArrests v2 is no longer valid against the schema (renamed field): it must be published again'],
    ['an operation marked invalid without a reason', { documentId: 'd'.repeat(64) }, 'INVALIDATED', 'operation RecentArrests v2 is no longer valid against the schema (revalidation failed): it must be published again'],
  ])('refuses %s with OPERATION_NOT_APPROVED, saying what to send instead', async (_case, body, reason, message) => {
    await expect(resolveTrustedDocument(body, { agreement: 'DA-1' }, find)).rejects.toMatchObject({ message, extensions: { code: 'OPERATION_NOT_APPROVED', reason } });
  });

  it.each([
    ['extensions.persistedQuery.sha256Hash', { variables: { a: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }],
    ['documentId', { documentId: HASH, variables: { a: 1 } }],
    ['documentId with its sha256: prefix', { documentId: `sha256:${HASH}`, variables: { a: 1 } }],
  ])('puts the approved text in place of the id sent as %s', async (_case, body: Record<string, unknown>) => {
    const used = await resolveTrustedDocument(body, { agreement: 'DA-1' }, find);
    expect(used).toEqual({ name: 'RecentArrests', version: 2, sha256: HASH });
    expect(body.query).toBe(APPROVED.body);
    expect(body.documentId).toBeUndefined();
    expect((body.extensions as Record<string, unknown> | undefined)?.persistedQuery).toBeUndefined();
    expect(body.variables).toEqual({ a: 1 });
  });

  it('an id approved for one agreement is not approved for another', async () => {
    await expect(resolveTrustedDocument({ documentId: HASH }, { agreement: 'PD-2' }, find)).rejects.toMatchObject({ extensions: { code: 'OPERATION_NOT_APPROVED', reason: 'NOT_APPROVED' } });
  });
});
