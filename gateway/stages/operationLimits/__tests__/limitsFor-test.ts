import { ROLES } from '../../../../policy/vocabulary';
import { limitsFor, tokenCeiling, withOverrides } from '../limitsFor';
import { LIMIT_NAMES, OPERATION_LIMITS, type OperationLimitsTable } from '../../../../policy/operationLimitsTable';

const TABLE: OperationLimitsTable = {
  OFFICER: { depth: 8, aliases: 10, rootFields: 5, tokens: 1000, cost: 2000 },
  ANALYST: { depth: 12, aliases: 50, rootFields: 20, tokens: 5000, cost: 20000 },
  PARTNER: { depth: 6, aliases: 5, rootFields: 3, tokens: 500, cost: 500 },
  WIDE_DEPTH: { depth: 30, aliases: 1, rootFields: 1, tokens: 100, cost: 100 },
  DEFAULT: { depth: 4, aliases: 5, rootFields: 3, tokens: 500, cost: 200 },
};

describe('limitsFor: the limits of a caller', () => {
  it.each([
    ['one role: its row', ['OFFICER'], TABLE.OFFICER],
    ['no role: DEFAULT', [], TABLE.DEFAULT],
    ['a role without a row: DEFAULT', ['VENDOR'], TABLE.DEFAULT],
    ['several roles: the most generous of each limit (roles grant, never restrict)', ['OFFICER', 'ANALYST'], TABLE.ANALYST],
    ['several roles, limit by limit', ['OFFICER', 'WIDE_DEPTH'], { ...TABLE.OFFICER, depth: 30 }],
  ])('%s', (_rule, roles, expected) => {
    expect(limitsFor(roles, TABLE)).toEqual(expected);
  });

  it('the parser stops at the largest token limit of any row', () => {
    expect(tokenCeiling(TABLE)).toBe(5000);
  });

  it('configuration overrides a row limit by limit, and may add a row', () => {
    const table = withOverrides(TABLE, { ANALYST: { cost: 40000 }, VENDOR: { depth: 2 } });
    expect(table.ANALYST).toEqual({ ...TABLE.ANALYST, cost: 40000 });
    expect(table.VENDOR).toEqual({ ...TABLE.DEFAULT, depth: 2 });
    expect(table.OFFICER).toBe(TABLE.OFFICER);
  });
});

describe('the operation limits table', () => {
  it('has a row for every role of the vocabulary', () => {
    expect(ROLES.filter((role) => !OPERATION_LIMITS[role])).toEqual([]);
  });

  it('names only roles of the vocabulary (and DEFAULT)', () => {
    expect(Object.keys(OPERATION_LIMITS).filter((row) => row !== 'DEFAULT' && !(ROLES as readonly string[]).includes(row))).toEqual([]);
  });

  it('[P14] gives a partner agency no more than any department role', () => {
    for (const role of ROLES.filter((r) => r !== 'PARTNER' && r !== 'VENDOR')) {
      for (const limit of LIMIT_NAMES) expect(OPERATION_LIMITS.PARTNER![limit]).toBeLessThanOrEqual(OPERATION_LIMITS[role]![limit]);
    }
  });

  it('gives patrol less than detectives, and detectives less than analysts', () => {
    for (const limit of LIMIT_NAMES) {
      expect(OPERATION_LIMITS.OFFICER![limit]).toBeLessThanOrEqual(OPERATION_LIMITS.DETECTIVE![limit]);
      expect(OPERATION_LIMITS.DETECTIVE![limit]).toBeLessThanOrEqual(OPERATION_LIMITS.ANALYST![limit]);
    }
  });
});
