import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agreement, AgreementStore } from '../../../../subgraphs/governance/agreements/AgreementStore';
import type { DocumentOwner, TrustedDocument, TrustedDocuments } from '../../../../subgraphs/governance/agreements/TrustedDocuments';
import { revalidateTrustedDocuments } from '../revalidateTrustedDocuments';
import { publicationSchema } from '../validateOperation';

/**
 * [P14] When the supergraph or an agreement changes, every published operation is checked
 * again: one no longer valid against the schema, or no longer inside its agreement, is marked and
 * never served until published again; one valid again is cleared.
 */
const schema = publicationSchema(readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8'));
const OLD_SUPERGRAPH = 'o'.repeat(64);

const doc = (name: string, body: string, owner: DocumentOwner, change: Partial<TrustedDocument> = {}): TrustedDocument => ({
  sha256: name.toLowerCase().padEnd(64, '0'), name, version: 2, body, owner, publishedBy: 'privacy-officer', publishedAt: '2026-12-01T00:00:00.000Z',
  supergraphSha256: OLD_SUPERGRAPH, valid: true, invalidReason: null, ...change,
});
const ARRESTS = 'query Arrests { arrests(first: 5) { edges { node { number } } } }';
const WARRANTS = 'query Warrants { warrants(first: 5) { edges { node { number } } } }';
const agreementOf = (number: string, systems: string[]) =>
  ({ number, systems, categories: ['RECORD'], purposes: ['PROSECUTION'] }) as unknown as Agreement;

async function revalidate(documents: TrustedDocument[], agreements: Agreement[]) {
  const marked: { name: string; supergraphSha256: string; problem: string | null }[] = [];
  const result = await revalidateTrustedDocuments(
    {
      list: async () => documents,
      markChecked: async (d: TrustedDocument, supergraphSha256: string, problem: string | null) => void marked.push({ name: d.name, supergraphSha256, problem }),
    } as unknown as TrustedDocuments,
    { get: async (number: string) => agreements.find((a) => a.number === number) ?? null } as unknown as AgreementStore,
    schema,
  );
  return { result, marked };
}

describe('[P14] published operations checked again', () => {
  it('an operation valid against this very supergraph is counted and left as it is', async () => {
    const { result, marked } = await revalidate([doc('Arrests', ARRESTS, { agreement: 'DA-1' }, { supergraphSha256: schema.sha256 })], [agreementOf('DA-1', ['complaints-arrests'])]);
    expect(result).toEqual({ checked: 1, invalid: [] });
    expect(marked).toEqual([]);
  });

  it('a new supergraph: each operation checked and marked against it, valid or not', async () => {
    const { result, marked } = await revalidate(
      [doc('Arrests', ARRESTS, { agreement: 'DA-1' }), doc('Gone', 'query Gone { arrests(first: 1) { removedField } }', { agreement: 'DA-1' })],
      [agreementOf('DA-1', ['complaints-arrests'])],
    );
    expect(result.checked).toBe(2);
    expect(result.invalid).toEqual([{ name: 'Gone', version: 2, owner: 'DA-1', problem: expect.stringMatching(/^not valid against the supergraph/) }]);
    expect(marked).toEqual([
      { name: 'Arrests', supergraphSha256: schema.sha256, problem: null },
      { name: 'Gone', supergraphSha256: schema.sha256, problem: expect.stringMatching(/^not valid against the supergraph/) },
    ]);
  });

  it('an agreement narrowed since: its operation reaching a system it no longer grants is marked invalid', async () => {
    const { result } = await revalidate([doc('Arrests', ARRESTS, { agreement: 'DA-1' })], [agreementOf('DA-1', ['warrants'])]);
    expect(result.invalid).toEqual([{ name: 'Arrests', version: 2, owner: 'DA-1', problem: expect.stringMatching(/^Query\.arrests is outside agreement DA-1/) }]);
  });

  it('an operation marked invalid is checked again even on the same supergraph: valid again once its agreement grants it', async () => {
    const { result, marked } = await revalidate(
      [doc('Warrants', WARRANTS, { agreement: 'PD-1' }, { supergraphSha256: schema.sha256, valid: false, invalidReason: 'outside agreement PD-1' })],
      [agreementOf('PD-1', ['warrants'])],
    );
    expect(result).toEqual({ checked: 1, invalid: [] });
    expect(marked).toEqual([{ name: 'Warrants', supergraphSha256: schema.sha256, problem: null }]);
  });

  it('an internal client\'s operation: checked against the supergraph only, and named by its client', async () => {
    const { result } = await revalidate(
      [doc('Calls', 'query Calls($id: ID!) { call911(id: $id) { id } }', { client: 'console-app' }), doc('Bad', 'query Bad { nope }', { client: 'console-app' })],
      [],
    );
    expect(result.invalid).toEqual([{ name: 'Bad', version: 2, owner: 'console-app', problem: expect.stringMatching(/^not valid against the supergraph/) }]);
  });
});
