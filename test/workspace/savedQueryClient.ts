import { purposeHeaders, type Purpose, type TestStack } from '../harness/startTestStack';

export interface GraphQLAnswer<Data = any> {
  status: number;
  data?: Data;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  requestId: string | null;
}

/** Arrests in a borough, page by page: a saved query a detective would keep. */
export const ARRESTS_IN_BOROUGH = {
  name: 'Arrests in a borough',
  description: 'Every arrest in the borough, with the arrestee and their warrants',
  tags: ['pattern', 'arrests'],
  document: `query ArrestsInBorough($borough: Borough!, $first: Int = 50, $after: String) {
  arrests(filter: { borough: $borough }, first: $first, after: $after) {
    edges { node { number arrestedAt juvenile topCharge { lawCode description } person { id fullName warrants { number } } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  columns: {
    rows: 'arrests.edges',
    pageInfo: 'arrests.pageInfo',
    columns: [
      { name: 'arrest', path: 'node.number' },
      { name: 'arrestedAt', path: 'node.arrestedAt' },
      { name: 'lawCode', path: 'node.topCharge.lawCode' },
      { name: 'person', path: 'node.person.fullName' },
      { name: 'warrants', path: 'node.person.warrants.number' },
    ],
  },
  parameterDescriptions: [{ name: 'borough', description: 'The borough, e.g. BROOKLYN' }],
  suggestedPurpose: 'CRIMINAL_INVESTIGATION',
};

export const SAVE = `mutation Save($input: SavedQueryInput!) { saveQuery(input: $input) { id currentVersion name broken parameters { name type required defaultValue description } shares { kind target } } }`;
export const REVISE = `mutation Revise($id: ID!, $input: SavedQueryInput!, $base: Int) { reviseSavedQuery(id: $id, input: $input, baseVersion: $base) { id currentVersion versions { version changeNote authorId } } }`;
export const SHARE = `mutation Share($id: ID!, $shares: [SavedQueryShareInput!]!) { shareSavedQuery(id: $id, shares: $shares) { id shares { kind target } } }`;
export const RUNS = `query Runs($id: ID) { savedQueryRuns(savedQueryId: $id) { id savedQueryId version runnerId requestId variablesHash purpose caseNumber rowCount durationMs outcome errorCodes trigger scheduleId newRowCount auditSeq } }`;

export const INVESTIGATION: Purpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000456', justification: 'Robbery pattern in the 75 precinct, saved query test' };

export function savedQueryClient(stack: TestStack) {
  const post = async (path: string, userId: string, purpose: Purpose | null, body: unknown, extra: Record<string, string> = {}) => {
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(userId)}`, ...purposeHeaders(purpose), ...extra },
      body: JSON.stringify(body),
    });
    return { response, json: (await response.json()) as any };
  };
  return {
    /** Saves a query as `userId`; returns the saved query (throws on errors). */
    async save(userId: string, input: Record<string, unknown> = ARRESTS_IN_BOROUGH) {
      const answer = await stack.queryAs(userId, null, SAVE, { input });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer.data.saveQuery as { id: string; currentVersion: number; parameters: any[] };
    },
    /** Runs a saved query over HTTP: `extensions.savedQuery`, no `query`. */
    async run(userId: string, purpose: Purpose | null, savedQuery: Record<string, unknown>, variables: Record<string, unknown> = {}, extraBody: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
      const { response, json } = await post('/graphql', userId, purpose, { extensions: { savedQuery }, variables, ...extraBody });
      return { status: response.status, ...json, requestId: response.headers.get('x-request-id') };
    },
    async runs(userId: string, savedQueryId?: string) {
      const answer = await stack.queryAs(userId, null, RUNS, { id: savedQueryId ?? null });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer.data.savedQueryRuns as any[];
    },
    /** POST /exports. */
    async exportOf(userId: string, purpose: Purpose | null, body: Record<string, unknown>) {
      const { response, json } = await post('/exports', userId, purpose, body);
      return { status: response.status, body: json };
    },
    /** GET /exports/<id>: the file's bytes and headers. */
    async download(userId: string, url: string) {
      const response = await fetch(stack.gateway.url.replace(/\/graphql$/, url), { headers: { authorization: `Bearer ${await stack.token(userId)}` } });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
