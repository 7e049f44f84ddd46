import { Supergraph } from '@apollo/federation-internals';
import { SUBGRAPH_NAMES } from '../../../names';
import { composeSupergraph } from '../../../../schema/composeSupergraph';
import { EXAMPLE_LIBRARY } from '../exampleLibrary';
import { validateSavedQuery } from '../validateSavedQuery';

const api = Supergraph.build(composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: `http://${name}.invalid/graphql` })))).apiSchema().toGraphQLJSSchema();

describe('the example library', () => {
  it('holds a dozen queries with distinct ids and names', () => {
    expect(EXAMPLE_LIBRARY).toHaveLength(12);
    expect(new Set(EXAMPLE_LIBRARY.map((q) => q.id)).size).toBe(12);
    expect(new Set(EXAMPLE_LIBRARY.map((q) => q.name)).size).toBe(12);
  });

  it.each(EXAMPLE_LIBRARY.map((q) => [q.id, q] as const))('%s validates against the supergraph, and its example gives every required parameter', (_id, query) => {
    const result = validateSavedQuery(api, query);
    if (!result.valid) throw new Error(result.reason);
    for (const parameter of result.parameters.filter((p) => p.required)) expect(query.example).toHaveProperty(parameter.name);
  });
});
