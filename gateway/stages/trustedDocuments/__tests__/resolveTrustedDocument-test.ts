import type { TrustedDocument } from '../../../../subgraphs/governance/agreements/TrustedDocuments';
import { resolveTrustedDocument } from '../resolveTrustedDocument';

const HASH = 'a'.repeat(64);
const APPROVED: TrustedDocument = {
  sha256: HASH, name: 'RecentArrests', version: 2, body: 'query RecentArrests { arrests(first: 1) { totalCount } }', owner: { agreement: 'DA-1' },
  publishedBy: 'privacy-officer', publishedAt: '2026-12-01T00:00:00.000Z', supergraphSha256: 'x', valid: true, invalidReason: null,
};
const find = async (owner: { agreement: string } | { client: string }, sha256: string) =>
  'agreement' in owner && owner.agreement === 'DA-1' && sha256 === HASH ? APPROVED : sha256 === 'b'.repeat(64) ? { ...APPROVED, sha256, valid: false, invalidReason: 'renamed field' } : null;

describe('[P14] a partner runs only operations approved for its agreement, sent by id', () => {
  it.each([
    ['free text', { query: '{ arrests(first: 1) { totalCount } }' }, 'FREE_TEXT'],
    ['free text beside a valid id', { query: APPROVED.body, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }, 'FREE_TEXT'],
    ['no body (a GET)', undefined, 'NOT_A_DOCUMENT_ID'],
    ['a batch', [{ documentId: HASH }], 'NOT_A_DOCUMENT_ID'],
    ['an id that is a name', { documentId: 'RecentArrests' }, 'NOT_A_DOCUMENT_ID'],
    ['an upper-case hash', { documentId: HASH.toUpperCase() }, 'NOT_A_DOCUMENT_ID'],
    ['a hash not approved for it', { documentId: 'c'.repeat(64) }, 'NOT_APPROVED'],
    ['an operation marked invalid', { documentId: 'b'.repeat(64) }, 'INVALIDATED'],
  ])('refuses %s with OPERATION_NOT_APPROVED', async (_case, body, reason) => {
    await expect(resolveTrustedDocument(body, { agreement: 'DA-1' }, find)).rejects.toMatchObject({ extensions: { code: 'OPERATION_NOT_APPROVED', reason } });
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
