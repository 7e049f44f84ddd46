import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agreement, AgreementStatus, AgreementStore } from '../../../../subgraphs/governance/agreements/AgreementStore';
import type { DocumentOwner, TrustedDocuments } from '../../../../subgraphs/governance/agreements/TrustedDocuments';
import { publishOperations, type OperationFile } from '../publishOperations';
import { publicationSchema } from '../validateOperation';

/**
 * [P14] Operations are approved for an agreement only while it is APPROVED or ACTIVE, and only
 * when every file stays inside its terms: all or nothing, each problem naming its file. The
 * stores are held in memory; the supergraph is the one the gateway serves.
 */
const schema = publicationSchema(readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const RECENT: OperationFile = { file: 'RecentArrests.graphql', text: 'query RecentArrests($first: Int = 5) { arrests(first: $first) { edges { node { number } } } }' };
const WARRANTS: OperationFile = { file: 'Warrants.graphql', text: 'query ActiveWarrants { warrants(first: 5) { edges { node { number } } } }' };
const CALLS: OperationFile = { file: 'Calls.graphql', text: 'query Calls($id: ID!) { call911(id: $id) { id } }' };

const terms = (status: AgreementStatus) =>
  ({ number: 'DA-1', status, systems: ['complaints-arrests', 'warrants'], categories: ['RECORD', 'IDENTIFYING'], purposes: ['PROSECUTION'] }) as unknown as Agreement;

function stores(agreement: Agreement | null) {
  const stored: { owner: DocumentOwner; name: string; body: string; sha256: string; supergraphSha256: string; by: string }[] = [];
  return {
    stored,
    stores: {
      agreements: { get: async (number: string) => (agreement?.number === number ? agreement : null) } as unknown as AgreementStore,
      documents: {
        publish: async (owner: DocumentOwner, name: string, body: string, hash: string, supergraphSha256: string, by: string) => {
          stored.push({ owner, name, body, sha256: hash, supergraphSha256, by });
          return { document: { name, version: stored.filter((s) => s.name === name).length }, created: name !== 'ActiveWarrants' };
        },
      } as unknown as TrustedDocuments,
    },
  };
}

describe('[P14] publishing operations for an agreement', () => {
  it('every file inside the agreement: each stored by the SHA-256 of its text, against this supergraph, by whom', async () => {
    const { stores: s, stored } = stores(terms('ACTIVE'));
    const outcome = await publishOperations([RECENT, WARRANTS], { agreement: 'DA-1' }, schema, s, 'privacy-officer');
    expect(outcome).toEqual({
      published: true,
      results: [
        { file: 'RecentArrests.graphql', name: 'RecentArrests', version: 1, sha256: sha256(RECENT.text), created: true },
        { file: 'Warrants.graphql', name: 'ActiveWarrants', version: 1, sha256: sha256(WARRANTS.text), created: false },
      ],
    });
    expect(stored).toEqual([
      { owner: { agreement: 'DA-1' }, name: 'RecentArrests', body: RECENT.text, sha256: sha256(RECENT.text), supergraphSha256: schema.sha256, by: 'privacy-officer' },
      { owner: { agreement: 'DA-1' }, name: 'ActiveWarrants', body: WARRANTS.text, sha256: sha256(WARRANTS.text), supergraphSha256: schema.sha256, by: 'privacy-officer' },
    ]);
  });

  it.each([
    { status: 'DRAFT', published: false },
    { status: 'APPROVED', published: true },
    { status: 'ACTIVE', published: true },
    { status: 'SUSPENDED', published: false },
    { status: 'EXPIRED', published: false },
    { status: 'TERMINATED', published: false },
  ] as { status: AgreementStatus; published: boolean }[])('an agreement $status: published $published', async ({ status, published }) => {
    const { stores: s, stored } = stores(terms(status));
    const outcome = await publishOperations([RECENT], { agreement: 'DA-1' }, schema, s, 'privacy-officer');
    expect(outcome.published).toBe(published);
    expect(stored).toHaveLength(published ? 1 : 0);
    if (!outcome.published) expect(outcome.problems).toEqual([{ file: '-', problem: expect.stringContaining(`agreement DA-1 is ${status}`) }]);
  });

  it('an agreement that does not exist: nothing published', async () => {
    const { stores: s, stored } = stores(null);
    expect(await publishOperations([RECENT], { agreement: 'DA-9' }, schema, s, 'privacy-officer')).toEqual({ published: false, problems: [{ file: '-', problem: 'no agreement DA-9' }] });
    expect(stored).toEqual([]);
  });

  it('one file outside the agreement: none is published, and the problem names the file and the field', async () => {
    const { stores: s, stored } = stores(terms('ACTIVE'));
    const outcome = await publishOperations([RECENT, CALLS, WARRANTS], { agreement: 'DA-1' }, schema, s, 'privacy-officer');
    expect(outcome).toEqual({ published: false, problems: [{ file: 'Calls.graphql', problem: expect.stringMatching(/^Query\.call911 is outside agreement DA-1/) }] });
    expect(stored).toEqual([]);
  });

  it('two files that fail: each is named with its own problem, and nothing else is said', async () => {
    const { stores: s, stored } = stores(terms('ACTIVE'));
    const outcome = await publishOperations([{ file: 'A.graphql', text: '{ arrests(first: 1) { totalCount } }' }, { file: 'B.graphql', text: 'query B {' }], { agreement: 'DA-1' }, schema, s, 'privacy-officer');
    expect(outcome).toEqual({ published: false, problems: [
      { file: 'A.graphql', problem: 'the operation needs a name (it is versioned by name)' },
      { file: 'B.graphql', problem: expect.stringMatching(/^does not parse: /) },
    ] });
    expect(stored).toEqual([]);
  });

  it('two files under one operation name: none is published (an operation is versioned by its name)', async () => {
    const { stores: s, stored } = stores(terms('ACTIVE'));
    const again = { file: 'RecentArrestsAgain.graphql', text: RECENT.text.replace('first: 5', 'first: 10').replace('Int = 5', 'Int = 10') };
    const outcome = await publishOperations([RECENT, again, { ...again, file: 'Third.graphql' }], { agreement: 'DA-1' }, schema, s, 'privacy-officer');
    expect(outcome).toEqual({ published: false, problems: [{ file: '-', problem: 'operation name RecentArrests is used by more than one file' }] });
    expect(stored).toEqual([]);
  });

  it('no file at all: nothing to publish', async () => {
    const { stores: s } = stores(terms('ACTIVE'));
    expect(await publishOperations([], { agreement: 'DA-1' }, schema, s, 'privacy-officer')).toEqual({ published: false, problems: [{ file: '-', problem: 'no .graphql file to publish' }] });
  });

  it('an internal client\'s operations are checked against the supergraph only (no agreement to stay inside)', async () => {
    const { stores: s, stored } = stores(null);
    const outcome = await publishOperations([CALLS], { client: 'console-app' }, schema, s, 'admin');
    expect(outcome.published).toBe(true);
    expect(stored.map((d) => d.owner)).toEqual([{ client: 'console-app' }]);
    const invalid = await publishOperations([{ file: 'Bad.graphql', text: 'query Bad { nope }' }], { client: 'console-app' }, schema, s, 'admin');
    expect(invalid).toEqual({ published: false, problems: [{ file: 'Bad.graphql', problem: expect.stringMatching(/^not valid against the supergraph/) }] });
  });
});
