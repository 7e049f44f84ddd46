import { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../../../GatewayContext';
import { formatClientError } from '../../../errors/formatClientError';
import { tokenCeiling } from '../limitsFor';
import type { OperationLimitsTable } from '../../../../policy/operationLimitsTable';
import { operationLimitsStage } from '../operationLimitsStage';
import { runStages } from '../../../runStages';
import { readInputBounds } from '../../../../directives/readInputBounds';
import { buildSchema, getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { OperationState } from '../../Stage';
import { VALIDATION_ABORTED } from '../../../errors/formatClientError';

/**
 * The operation-limits stage on a small Apollo Server: each limit refuses, by the caller's
 * roles, before any resolver runs (the gateway's resolvers are its subgraph calls).
 */
const TABLE: OperationLimitsTable = {
  OFFICER: { depth: 3, aliases: 2, rootFields: 2, tokens: 60, cost: 30 },
  ANALYST: { depth: 6, aliases: 10, rootFields: 5, tokens: 200, cost: 500 },
  DEFAULT: { depth: 2, aliases: 0, rootFields: 1, tokens: 30, cost: 5 },
};

describe('operationLimitsStage', () => {
  let resolved = 0;
  const refusals: string[] = [];
  const typeDefs = `
      type Person { id: ID! name: String friends: [Person!]! }
      type Query { person(id: ID!): Person people(first: Int = 5): [Person!]! }
    `;
  const server = new ApolloServer<GatewayContext>({
    typeDefs,
    resolvers: {
      Query: {
        person: () => ((resolved += 1), { id: '1', name: 'A', friends: [] }),
        people: () => ((resolved += 1), []),
      },
    },
    parseOptions: { maxTokens: tokenCeiling(TABLE) },
    formatError: formatClientError({ production: false, tokenCeiling: tokenCeiling(TABLE) }),
    plugins: [runStages([operationLimitsStage({ table: TABLE, inputBounds: readInputBounds(typeDefs), refused: (limit) => refusals.push(limit) })]).plugin],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const run = async (roles: string[], query: string) => {
    const response = await server.executeOperation({ query }, { contextValue: { subject: { roles } } as unknown as GatewayContext });
    return response.body.kind === 'single' ? response.body.singleResult : { errors: undefined };
  };

  it.each([
    ['depth', ['OFFICER'], '{ person(id: "1") { friends { friends { id } } } }', { value: 4, maximum: 3 }],
    ['rootFields', ['OFFICER'], '{ a: person(id: "1") { id } b: person(id: "2") { id } c: person(id: "3") { id } }', { value: 3, maximum: 2 }],
    ['aliases', ['OFFICER'], '{ person(id: "1") { a: id b: id c: name } }', { value: 3, maximum: 2 }],
    ['cost', ['OFFICER'], '{ people(first: 40) { id } }', { value: 41, maximum: 30 }],
    ['tokens', ['OFFICER'], `{ person(id: "1") { ${'id '.repeat(60)} } }`, { maximum: 60 }],
    ['depth', [], '{ person(id: "1") { friends { id } } }', { value: 3, maximum: 2 }],
  ])('refuses over the %s limit, before anything resolves (roles %j)', async (limit, roles, query, detail) => {
    const before = resolved;
    const result = await run(roles, query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, ...detail });
    expect(result.errors?.[0]?.message).toMatch(/^operation too complex: /);
    expect(resolved).toBe(before);
    expect(refusals.at(-1)).toBe(limit);
  });

  it('lets an operation within the limits of the most generous of the caller\'s roles through', async () => {
    const query = '{ person(id: "1") { friends { friends { id } } } }';
    expect((await run(['OFFICER'], query)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const result = await run(['OFFICER', 'ANALYST'], query);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { friends: [] } });
  });

  it.each([
    ['an unknown operation name', '{ person(id: "1") { id } }', 'Other', 'Unknown operation named "Other".'],
    ['several operations and no name', 'query A { person(id: "1") { id } } query B { people { id } }', undefined, 'Must provide operation name if query contains multiple operations.'],
  ])('refuses %s with BAD_USER_INPUT before anything resolves', async (_what, query, operationName, message) => {
    const before = resolved;
    const response = await server.executeOperation({ query, operationName }, { contextValue: { subject: { roles: ['ANALYST'] } } as unknown as GatewayContext });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result?.errors).toEqual([{ message, extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' } }]);
    expect(response.http.status).toBe(400);
    expect(resolved).toBe(before);
  });

  it('measures the same document again when its page variables change (a measure is reused only for the same pages)', async () => {
    const query = 'query People($n: Int, $other: ID!) { people(first: $n) { id } person(id: $other) { id } }';
    const send = async (variables: Record<string, unknown>) => {
      const response = await server.executeOperation({ query, variables }, { contextValue: { subject: { roles: ['OFFICER'] } } as unknown as GatewayContext });
      return response.body.kind === 'single' ? response.body.singleResult : { errors: undefined };
    };
    expect((await send({ n: 10, other: 'a' })).errors).toBeUndefined();
    // 43 fields, and 1 for the argument text (`"a"`: a started block of 64 characters).
    expect((await send({ n: 40, other: 'a' })).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', value: 44 });
    expect((await send({ n: 10, other: 'b' })).errors).toBeUndefined();
    // No variable: the schema's default page (5).
    expect((await send({ other: 'c' })).errors).toBeUndefined();
  });

  it('measures a page variable not sent (its default in the operation) apart from one sent as null (the schema\'s default)', async () => {
    const query = 'query People($n: Int = 40) { people(first: $n) { id } }';
    const send = async (variables: Record<string, unknown>) => {
      const response = await server.executeOperation({ query, variables }, { contextValue: { subject: { roles: ['OFFICER'] } } as unknown as GatewayContext });
      return response.body.kind === 'single' ? response.body.singleResult : { errors: undefined };
    };
    // Sent as null: `people` pages by the schema's default (5), 6 fields.
    expect((await send({ n: null })).errors).toBeUndefined();
    // Not sent: the operation's default (40), 41 fields, over the officer's 30.
    expect((await send({})).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', value: 41 });
  });

  it('stops the parser at the largest token limit of all, and counts that refusal', async () => {
    const result = await run(['ANALYST'], `{ person(id: "1") { ${'id '.repeat(10_000)} } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', maximum: 200 });
    expect(refusals.at(-1)).toBe('tokens');
  });
});

describe('operationLimitsStage, called as the pipeline calls it', () => {
  const TABLE_ONE: OperationLimitsTable = { DEFAULT: { depth: 3, aliases: 5, rootFields: 3, tokens: 12, cost: 30 } };
  const SMALL = 'type Query { people(first: Int = 5): [Person!]! } type Person { id: ID! }';
  const LARGE = 'type Query { people(first: Int = 50): [Person!]! } type Person { id: ID! }';

  function stageOf(typeDefs = SMALL) {
    const refused: string[] = [];
    const stage = operationLimitsStage({ table: TABLE_ONE, inputBounds: readInputBounds(typeDefs), refused: (limit) => refused.push(limit) });
    const run = async (schema: GraphQLSchema, document: DocumentNode, source: string | undefined) => {
      try {
        await stage.onOperation!({
          schema, original: document, document, operation: getOperationAST(document)!, variables: {}, source, operationName: null,
          context: { subject: { roles: [] } },
        } as unknown as OperationState);
        return null;
      } catch (error) {
        return (error as { extensions: Record<string, unknown> }).extensions;
      }
    };
    return { stage, refused, run };
  }

  it('counts a document validation gave up on (too costly to check) under `validation`, and no other error', () => {
    const { stage, refused } = stageOf();
    stage.onInvalid!([new Error('Cannot query field "x" on type "Query".')]);
    expect(refused).toEqual([]);
    stage.onInvalid!([new Error('Cannot query field "x" on type "Query".'), new Error(VALIDATION_ABORTED)]);
    expect(refused).toEqual(['validation']);
  });

  it('counts a document past the parser\'s token ceiling under `tokens`', () => {
    const { stage, refused } = stageOf();
    stage.onInvalid!([new Error('Syntax Error: Document contains more than 12 tokens. Parsing aborted.')]);
    expect(refused).toEqual(['tokens']);
  });

  it('measures one parsed document again on another schema (a new supergraph): a measure is the schema\'s it was taken on', async () => {
    const { run, refused } = stageOf();
    const document = parse('{ people { id } }');
    expect(await run(buildSchema(SMALL), document, '{ people { id } }')).toBeNull();
    expect(await run(buildSchema(LARGE), document, '{ people { id } }')).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', value: 51, maximum: 30 });
    expect(refused).toEqual(['cost']);
  });

  it('counts the tokens of a document Apollo had only parsed (no text given) from the document itself', async () => {
    const { run } = stageOf();
    const text = '{ people(first: 1) { id id id id id } }';
    expect(await run(buildSchema(SMALL), parse(text), undefined)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', value: 15, maximum: 12 });
  });
});
