import { startTestSubgraph, TEST_WORLD, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { allServiceRequests311, fetchAllIds, newestFirst, newYorkDate } from './generatedRecords';

const REQUEST_FIELDS = `id createdAt closedAt agency complaintType descriptor locationType status resolutionDescription channel
  borough precinct location { id } requester { id } requesterNameAsRecorded`;

describe.each(backends())('calls subgraph: 311 service requests (%s)', (backend) => {
  let subgraph: TestSubgraph;
  const requests = allServiceRequests311(TEST_WORLD);
  const newest = newestFirst(requests, (request) => request.createdAt);
  type Request = (typeof requests)[number];

  beforeAll(async () => {
    subgraph = await startTestSubgraph('calls', backend);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  const asGraphQL = (r: Request) => ({
    id: r.id, createdAt: r.createdAt, closedAt: r.closedAt, agency: r.agency, complaintType: r.complaintType, descriptor: r.descriptor,
    locationType: r.locationType, status: r.status, resolutionDescription: r.resolutionDescription, channel: r.channel,
    borough: r.borough, precinct: r.precinct, location: { id: r.locationId },
    requester: r.requesterPersonId ? { id: r.requesterPersonId } : null, requesterNameAsRecorded: r.requesterNameAsRecorded,
  });

  it('call311(id) returns the request exactly as generated, identified, anonymous or still open', async () => {
    const samples = [
      requests.find((r) => r.requesterPersonId !== null)!,
      requests.find((r) => r.requesterNameAsRecorded === null)!,
      requests.find((r) => r.status !== 'CLOSED')!,
    ];
    for (const request of samples) {
      const response = await subgraph.query(`query One($id: ID!) { call311(id: $id) { ${REQUEST_FIELDS} } }`, { id: request.id });
      expect(response.errors).toBeUndefined();
      expect(response.data.call311).toEqual(asGraphQL(request));
    }
    expect((await subgraph.query('{ call311(id: "311-00000000") { id } }')).data).toEqual({ call311: null });
  });

  it('serviceRequests311 lists every request newest first, page by page, with totalCount', async () => {
    const first = await subgraph.query('{ serviceRequests311(first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { id } } } }');
    expect(first.data.serviceRequests311).toEqual({
      totalCount: requests.length,
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
      edges: newest.slice(0, 3).map((r) => ({ node: { id: r.id } })),
    });
    expect(await fetchAllIds(subgraph, 'serviceRequests311', {})).toEqual({ ids: newest.map((r) => r.id), totalCount: requests.length });
  });

  it('serviceRequests311 answers BAD_USER_INPUT to a cursor it did not issue', async () => {
    const response = await subgraph.query('{ serviceRequests311(after: "Zm9v") { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  const aPrecinct = requests[5]!.precinct;
  const commonType = requests[0]!.complaintType;
  it.each([
    ['created range (New York days)', { created: { from: '2020-06-01', to: '2023-05-31' } },
      (r: Request) => newYorkDate(r.createdAt) >= '2020-06-01' && newYorkDate(r.createdAt) <= '2023-05-31'],
    ['borough', { borough: 'QUEENS' }, (r: Request) => r.borough === 'QUEENS'],
    ['precinct', { precinct: aPrecinct }, (r: Request) => r.precinct === aPrecinct],
    ['complaint type', { complaintType: commonType }, (r: Request) => r.complaintType === commonType],
    ['status', { status: 'CLOSED' }, (r: Request) => r.status === 'CLOSED'],
    ['status not closed', { status: 'IN_PROGRESS' }, (r: Request) => r.status === 'IN_PROGRESS'],
    ['type and borough together', { complaintType: commonType, borough: requests[0]!.borough }, (r: Request) => r.complaintType === commonType && r.borough === requests[0]!.borough],
  ])('serviceRequests311 filters by %s', async (_, filter, matches) => {
    const expected = newest.filter(matches).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(requests.length);
    expect(await fetchAllIds(subgraph, 'serviceRequests311', filter)).toEqual({ ids: expected, totalCount: expected.length });
  });

  it.each([
    ['an unknown complaint type', { complaintType: 'Noise-Residential' }],
    ['a status that does not exist', { status: 'PENDING' }],
    ['a date range that ends before it starts', { created: { from: '2024-02-01', to: '2024-01-01' } }],
  ])('serviceRequests311 answers BAD_USER_INPUT to %s', async (_, filter) => {
    const response = await subgraph.query('query F($filter: ServiceRequest311Filter) { serviceRequests311(filter: $filter) { totalCount } }', { filter });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves ServiceRequest311 references through _entities, as the gateway sends them', async () => {
    const response = await subgraph.query(
      `query E($representations: [_Any!]!) { _entities(representations: $representations) { ... on ServiceRequest311 { ${REQUEST_FIELDS} } } }`,
      { representations: [newest[7]!, { id: '311-1' }, newest[0]!].map((r) => ({ __typename: 'ServiceRequest311', id: r.id })) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([asGraphQL(newest[7]!), null, asGraphQL(newest[0]!)]);
  });
});
