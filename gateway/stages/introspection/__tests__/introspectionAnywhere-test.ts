import { parse } from 'graphql';
import { introspectionStage } from '../introspectionStage';

/** Introspection is off in production for all but a developer, wherever in the document it is asked. */
describe('introspection is found wherever it is asked in production', () => {
  const refusal = async (query: string, roles = ['OFFICER']) => {
    try {
      await introspectionStage({ production: true }).onOperation!({ original: parse(query), context: { subject: { roles } } } as never);
      return null;
    } catch (error) {
      return { code: (error as { extensions: { code: string } }).extensions.code, message: (error as Error).message };
    }
  };

  it.each([
    ['after ordinary fields', '{ me { id } __schema { queryType { name } } }'],
    ['nested in a fragment', 'query { ...F } fragment F on Query { __type(name: "Person") { name } }'],
    ['under an alias', '{ s: __schema { types { name } } }'],
  ])('%s: refused, saying why', async (_where, query) => {
    expect(await refusal(query)).toEqual({ code: 'FORBIDDEN', message: 'introspection is disabled in production' });
  });

  it('a developer among other roles may introspect', async () => {
    expect(await refusal('{ __schema { types { name } } }', ['OFFICER', 'DEVELOPER'])).toBeNull();
  });

  it('a field merely named like introspection is not', async () => {
    expect(await refusal('{ schema { type } }')).toBeNull();
  });
});
