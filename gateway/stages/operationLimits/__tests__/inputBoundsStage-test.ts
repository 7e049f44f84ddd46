import { buildSchema, parse } from 'graphql';
import { readInputBounds } from '../../../../directives/readInputBounds';
import { inputBoundsPlugin } from '../inputBoundsStage';

/** Argument bounds at the gateway, before planning: refused whole, naming the argument, counted. */
const sdl = `
  directive @constraint(maxLength: Int, maxItems: Int) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  type Query { search(name: String! @constraint(maxLength: 5)): [ID!] byIds(ids: [ID!]! @constraint(maxItems: 2)): [ID!] }
`;
const schema = buildSchema(sdl);
const bounds = readInputBounds(sdl, { maxLength: 10, maxItems: 3 });

async function run(query: string, variables?: Record<string, unknown>) {
  let refused = 0;
  const hooks = (await inputBoundsPlugin({ bounds, refused: () => refused++ }).requestDidStart!({} as never)) as { didResolveOperation(rc: unknown): Promise<void> };
  try {
    await hooks.didResolveOperation({ schema, document: parse(query), request: { variables } });
    return { refused, error: null };
  } catch (error) {
    return { refused, error: error as { message: string; extensions: Record<string, unknown> } };
  }
}

describe('argument bounds at the gateway', () => {
  it('a string over its maxLength is refused with BAD_USER_INPUT naming the argument, the bound and the size, and counted', async () => {
    const { refused, error } = await run('{ search(name: "abcdef") }');
    expect(refused).toBe(1);
    expect(error?.message).toBe('Query.search: argument name has 6 characters; at most 5');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Query.search', argument: 'name', maxLength: 5 });
  });

  it('a list over its maxItems, in a variable, is refused naming items', async () => {
    const { error } = await run('query($ids: [ID!]!) { byIds(ids: $ids) }', { ids: ['a', 'b', 'c'] });
    expect(error?.message).toBe('Query.byIds: argument ids has 3 items; at most 2');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', maxItems: 2 });
  });

  it('within its bounds: not refused, not counted', async () => {
    expect(await run('{ search(name: "abcde") byIds(ids: ["a", "b"]) }')).toEqual({ refused: 0, error: null });
  });
});
