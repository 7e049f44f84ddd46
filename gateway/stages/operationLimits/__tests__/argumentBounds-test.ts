import { buildSchema, getOperationAST, parse } from 'graphql';
import { readInputBounds } from '../../../../directives/readInputBounds';
import type { OperationLimitsTable } from '../../../../policy/operationLimitsTable';
import type { OperationState } from '../../Stage';
import { operationLimitsStage } from '../operationLimitsStage';

/**
 * Argument bounds at the gateway, part of the operation-limits stage, before planning: refused
 * whole, naming the argument, counted under `input` (and checked before the other limits).
 */
const sdl = `
  directive @constraint(maxLength: Int, maxItems: Int) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  type Query { search(name: String! @constraint(maxLength: 5)): [ID!] byIds(ids: [ID!]! @constraint(maxItems: 2)): [ID!] }
`;
const schema = buildSchema(sdl);
const bounds = readInputBounds(sdl, { maxLength: 10, maxItems: 3 });
const GENEROUS: OperationLimitsTable = { DEFAULT: { depth: 10, aliases: 10, rootFields: 10, tokens: 1000, cost: 1000 } };

async function run(query: string, variables: Record<string, unknown> = {}) {
  const refused: string[] = [];
  const stage = operationLimitsStage({ table: GENEROUS, inputBounds: bounds, refused: (limit) => refused.push(limit) });
  const document = parse(query);
  try {
    await stage.onOperation!({
      schema, original: document, document, operation: getOperationAST(document)!, variables, source: query, operationName: null, context: { subject: { roles: [] } },
    } as unknown as OperationState);
    return { refused, error: null };
  } catch (error) {
    return { refused, error: error as { message: string; extensions: Record<string, unknown> } };
  }
}

describe('argument bounds at the gateway (operationLimitsStage)', () => {
  it('a string over its maxLength is refused with BAD_USER_INPUT naming the argument, the bound and the size, and counted', async () => {
    const { refused, error } = await run('{ search(name: "abcdef") }');
    expect(refused).toEqual(['input']);
    expect(error?.message).toBe('Query.search: argument name has 6 characters; at most 5');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Query.search', argument: 'name', maxLength: 5 });
  });

  it('a list over its maxItems, in a variable, is refused naming items', async () => {
    const { error } = await run('query($ids: [ID!]!) { byIds(ids: $ids) }', { ids: ['a', 'b', 'c'] });
    expect(error?.message).toBe('Query.byIds: argument ids has 3 items; at most 2');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', maxItems: 2 });
  });

  it('within its bounds: not refused, not counted', async () => {
    expect(await run('{ search(name: "abcde") byIds(ids: ["a", "b"]) }')).toEqual({ refused: [], error: null });
  });
});
