import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documentedLimits } from '../../../../policy/__tests__/documentedLimits';
import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { ROLES } from '../../../../policy/vocabulary';
import { exceededLimit } from '../exceededLimit';
import { limitsFor } from '../limitsFor';
import { countTokens, measureOperation } from '../measureOperation';
import { LIMIT_NAMES, OPERATION_LIMITS, type LimitName } from '../../../../policy/operationLimitsTable';

/**
 * Every row of the limits docs/limits.md documents, limit by limit: for each role, an operation
 * exactly at its documented limit passes and one past it is refused naming that limit. The
 * documented table is what operators and clients rely on; a row of the code's table edited by
 * mistake (one role's cost multiplied by ten) fails here, whichever row it is.
 */
const SCHEMA = buildSchema(`
  type Query { a(n: [Int]): Int item: Item items(first: Int): [Item] ${Array.from({ length: 60 }, (_, i) => `f${i}: Int`).join(' ')} }
  type Item { x: Int item: Item }
`);

/** An operation whose measure of `limit` is exactly `value`, and small in every other limit. */
const OPERATIONS: Record<LimitName, (value: number) => string> = {
  tokens: (value) => `{ a(n: [${' 1'.repeat(value - countTokens('{ a(n: []) }'))}]) }`,
  depth: (value) => `{ ${'item { '.repeat(value - 1)}x${' }'.repeat(value - 1)} }`,
  rootFields: (value) => `{ ${Array.from({ length: value }, (_, i) => `f${i}`).join(' ')} }`,
  aliases: (value) => `{ item { ${Array.from({ length: value }, (_, i) => `a${i}: x`).join(' ')} } }`,
  // items(first: n) { x } costs the list field and n rows of x.
  cost: (value) => `{ items(first: ${value - 1}) { x } }`,
};

function measured(source: string) {
  const document = parse(source);
  return { ...measureOperation(SCHEMA, document, getOperationAST(document)!, {}), tokens: countTokens(source) };
}

const DOCUMENTED = documentedLimits();
const ROWS = [...ROLES, 'DEFAULT'] as const;

it('docs/limits.md documents the limits of every role, and of a caller with none', () => {
  expect(ROWS.filter((role) => !DOCUMENTED.has(role))).toEqual([]);
});

describe.each(ROWS)('the limits of %s', (role) => {
  const limits = limitsFor(role === 'DEFAULT' ? [] : [role], OPERATION_LIMITS);
  it.each(LIMIT_NAMES)('%s: at the documented limit passes, one past it is refused', (limit) => {
    const maximum = DOCUMENTED.get(role)![limit];
    const at = measured(OPERATIONS[limit](maximum));
    expect(at[limit]).toBe(maximum);
    expect(exceededLimit(at, limits)).toBeNull();
    const past = measured(OPERATIONS[limit](maximum + 1));
    expect(exceededLimit(past, limits)).toEqual({ limit, value: maximum + 1, maximum });
  });
});

/** docs/limits.md: introspection has "one budget for everyone (depth 15, estimated cost 100,000)". */
function documentedIntrospectionBudget(): { depth: number; cost: number } {
  const page = readFileSync(path.join(__dirname, '../../../../docs/limits.md'), 'utf8');
  const [, depth, cost] = /one budget\s+for\s+everyone\s+\(depth\s+(\d+),\s+estimated\s+cost\s+([\d,]+)\)/.exec(page)!;
  return { depth: Number(depth), cost: Number(cost!.replace(/,/g, '')) };
}
const INTROSPECTION = documentedIntrospectionBudget();
/** `__type` and `ofType` n - 2 times, then `name`: introspection nested `levels` deep, costing one a level. */
const introspectionDepth = (levels: number) => `{ __type(name: "Item") { ${'ofType { '.repeat(levels - 2)}name${' }'.repeat(levels - 2)} } }`;

describe.each(ROWS)('introspection, one budget for everyone: %s', (role) => {
  const limits = limitsFor(role === 'DEFAULT' ? [] : [role], OPERATION_LIMITS);
  it('nested to the documented depth passes, one level more is refused', () => {
    const at = measured(introspectionDepth(INTROSPECTION.depth));
    expect(at.introspectionDepth).toBe(INTROSPECTION.depth);
    expect(exceededLimit(at, limits)).toBeNull();
    expect(exceededLimit(measured(introspectionDepth(INTROSPECTION.depth + 1)), limits)).toEqual({
      limit: 'introspectionDepth', value: INTROSPECTION.depth + 1, maximum: INTROSPECTION.depth,
    });
  });

  it('GraphiQL\'s introspection query passes; a cyclic walk ten levels deep is refused on its estimated cost', () => {
    expect(exceededLimit(measured(getIntrospectionQuery()), limits)).toBeNull();
    const cyclic = measured('{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
    expect(exceededLimit(cyclic, limits)).toMatchObject({ limit: 'introspectionCost', maximum: INTROSPECTION.cost });
  });
});
