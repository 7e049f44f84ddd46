import { exceededLimit, tooComplex, type ExceededLimit } from '../exceededLimit';
import { INTROSPECTION_LIMITS, type OperationLimits } from '../../../../policy/operationLimitsTable';

/**
 * The refusal a client reads when an operation is over a limit (docs/limits.md, SPEC §5):
 * QUERY_TOO_COMPLEX, HTTP 400, naming the limit in `extensions.limit` and in words, with the
 * operation's value and the caller's maximum, and what to do about it.
 */
const LIMITS: OperationLimits = { depth: 4, aliases: 5, rootFields: 3, tokens: 500, cost: 200 };
const WITHIN = { depth: 1, aliases: 0, rootFields: 1, tokens: 10, cost: 1, introspectionDepth: 0, introspectionCost: 0 };

describe('QUERY_TOO_COMPLEX names the limit, in words a client understands', () => {
  it.each<[ExceededLimit['limit'], string]>([
    ['tokens', 'tokens'],
    ['depth', 'levels of nested fields'],
    ['rootFields', 'root fields'],
    ['aliases', 'aliased fields'],
    ['cost', 'estimated fields resolved'],
    ['introspectionDepth', 'levels of nested introspection fields'],
    ['introspectionCost', 'estimated introspection fields'],
  ])('%s: "%s"', (limit, words) => {
    const error = tooComplex({ limit, value: 41, maximum: 30 });
    expect(error.message).toBe(`operation too complex: 41 ${words}, at most 30 for your roles; ask for less, or page through it`);
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit, value: 41, maximum: 30, http: { status: 400 } });
  });

  it.each([
    ['an estimate past what JSON can count exactly (2^60)', 2 ** 60],
    ['an estimate too large for a number (fragments spread two by two, 1,100 deep)', Number.POSITIVE_INFINITY],
    ['an estimate that is no number', Number.NaN],
  ])('%s is shown as the largest exact integer, never as null', (_case, value) => {
    const error = tooComplex({ limit: 'cost', value, maximum: 200 });
    expect(error.extensions.value).toBe(Number.MAX_SAFE_INTEGER);
    expect(error.message).toBe(`operation too complex: ${Number.MAX_SAFE_INTEGER} estimated fields resolved, at most 200 for your roles; ask for less, or page through it`);
    expect(JSON.parse(JSON.stringify(error.extensions)).value).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('exceededLimit: the first limit an operation is over', () => {
  it('an operation within every limit is refused by none', () => {
    expect(exceededLimit(WITHIN, LIMITS)).toBeNull();
  });

  it('names the first limit over, in the order cheapest to explain: tokens, depth, root fields, aliases, cost', () => {
    const over = { ...WITHIN, tokens: 501, depth: 5, rootFields: 4, aliases: 6, cost: 201 };
    expect(exceededLimit(over, LIMITS)?.limit).toBe('tokens');
    expect(exceededLimit({ ...over, tokens: 10 }, LIMITS)?.limit).toBe('depth');
    expect(exceededLimit({ ...over, tokens: 10, depth: 1 }, LIMITS)?.limit).toBe('rootFields');
    expect(exceededLimit({ ...over, tokens: 10, depth: 1, rootFields: 1 }, LIMITS)?.limit).toBe('aliases');
    expect(exceededLimit({ ...over, tokens: 10, depth: 1, rootFields: 1, aliases: 0 }, LIMITS)?.limit).toBe('cost');
  });

  it.each([
    ['introspectionDepth', INTROSPECTION_LIMITS.depth],
    ['introspectionCost', INTROSPECTION_LIMITS.cost],
  ] as const)('introspection has one budget, whatever the caller\'s limits: %s at %d passes, one past it is refused', (limit, maximum) => {
    const tiny: OperationLimits = { depth: 1, aliases: 0, rootFields: 1, tokens: 10, cost: 1 };
    expect(exceededLimit({ ...WITHIN, [limit]: maximum }, tiny)).toBeNull();
    expect(exceededLimit({ ...WITHIN, [limit]: maximum + 1 }, tiny)).toEqual({ limit, value: maximum + 1, maximum });
  });
});
