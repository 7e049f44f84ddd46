import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { buildSchema, parse, print, type DocumentNode } from 'graphql';
import { replaceDocument } from '../replaceDocument';

/**
 * The one write into Apollo's request context (gateway/replaceDocument.ts). If an Apollo Server
 * upgrade stops executing the replaced document, or keys the plan by the original text, the
 * field policy would leak (a removed field planned anyway) or share plans between callers with
 * different rights: this test fails first.
 */
describe('replaceDocument', () => {
  const schema = buildSchema('type Query { allowed: String denied: String }');
  const executed: { document: string; queryHash: string }[] = [];
  const gateway: GatewayInterface = {
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({
      executor: async (requestContext) => {
        executed.push({ document: print(requestContext.document), queryHash: requestContext.queryHash });
        return { data: { allowed: 'yes' } };
      },
    }),
    stop: async () => undefined,
  };
  const replacement: DocumentNode = parse('{ allowed }');
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          replaceDocument(requestContext, replacement, 'hash-of-the-rewritten-document');
        },
      };
    },
  };
  const server = new ApolloServer({ gateway, plugins: [plugin] });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('executes the replaced document, keyed by the given hash, not the text the client sent', async () => {
    const response = await server.executeOperation({ query: '{ allowed denied }' });
    expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ allowed: 'yes' });
    expect(executed).toEqual([{ document: print(replacement), queryHash: 'hash-of-the-rewritten-document' }]);
  });
});
