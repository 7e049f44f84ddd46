import { documentedLimits } from './documentedLimits';
import { LIMIT_NAMES, OPERATION_LIMITS } from '../operationLimitsTable';
import { ROLES } from '../vocabulary';

/**
 * The limits table as docs/limits.md publishes it to operators and clients, every role × limit,
 * read here without the gateway (gateway/stages/operationLimits/__tests__/limitsByRole-test.ts
 * proves the stage enforces them: at the limit passes, one past is refused).
 */
const DOCUMENTED = documentedLimits();

describe('the operation limits table is the documented one', () => {
  it('every role has a row, and a caller with none has DEFAULT; no row names anything else', () => {
    expect(Object.keys(OPERATION_LIMITS).sort()).toEqual([...ROLES, 'DEFAULT'].sort());
    expect([...DOCUMENTED.keys()].sort()).toEqual([...ROLES, 'DEFAULT'].sort());
  });

  it.each([...ROLES, 'DEFAULT'])('%s: every limit as documented', (role) => {
    expect(LIMIT_NAMES.map((limit) => [limit, OPERATION_LIMITS[role]![limit]])).toEqual(LIMIT_NAMES.map((limit) => [limit, DOCUMENTED.get(role)![limit]]));
  });

  it('the five limits are named, each once', () => {
    expect([...LIMIT_NAMES].sort()).toEqual(['aliases', 'cost', 'depth', 'rootFields', 'tokens']);
  });
});
