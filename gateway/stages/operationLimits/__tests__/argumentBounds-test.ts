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

async function run(query: string, variables: Record<string, unknown> = {}, table = GENEROUS) {
  const refused: string[] = [];
  const stage = operationLimitsStage({ table, inputBounds: bounds, refused: (limit) => refused.push(limit) });
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

  it('an argument over its bound is refused as such even in an operation over the other limits too (checked first)', async () => {
    const tiny: OperationLimitsTable = { DEFAULT: { depth: 1, aliases: 0, rootFields: 1, tokens: 5, cost: 1 } };
    const { refused, error } = await run('{ a: search(name: "abcdef") b: byIds(ids: ["a"]) }', {}, tiny);
    expect(refused).toEqual(['input']);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'name' });
  });

  it('argument text counts in the cost: one field for each started block of 64 characters', async () => {
    const small: OperationLimitsTable = { DEFAULT: { ...GENEROUS.DEFAULT, cost: 2 } };
    // One root field (cost 1) and a 1-character argument (cost 1): at the limit.
    expect(await run('query($n: String!) { search(name: $n) }', { n: 'a' }, small)).toEqual({ refused: [], error: null });
    // Two root fields (2) and their argument text (1): one past it.
    const two = await run('query($ids: [ID!]!) { search(name: "a") byIds(ids: $ids) }', { ids: ['b'] }, small);
    expect(two.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', value: 3, maximum: 2 });
    expect(two.refused).toEqual(['cost']);
  });

  it('within its bounds: not refused, not counted', async () => {
    expect(await run('{ search(name: "abcde") byIds(ids: ["a", "b"]) }')).toEqual({ refused: [], error: null });
  });
});
