import { parse } from 'graphql';
import { introspectionStage } from '../introspectionStage';

/** Introspection: on in the embedded default, off in production except for a developer role. */
describe('introspectionStage', () => {
  const run = async (production: boolean, roles: string[], query: string) => {
    await introspectionStage({ production }).onOperation!({ original: parse(query), context: { subject: { roles } } } as never);
  };

  it('refuses __schema and __type in production to anyone but a developer', async () => {
    await expect(run(true, ['DETECTIVE'], '{ __schema { types { name } } }')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(run(true, ['ADMIN'], '{ __type(name: "Person") { name } }')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(run(true, ['DEVELOPER'], '{ __schema { types { name } } }')).resolves.toBeUndefined();
  });

  it('allows introspection in the embedded default, and __typename everywhere', async () => {
    await expect(run(false, ['OFFICER'], '{ __schema { types { name } } }')).resolves.toBeUndefined();
    await expect(run(true, ['OFFICER'], '{ me { __typename } }')).resolves.toBeUndefined();
  });
});
