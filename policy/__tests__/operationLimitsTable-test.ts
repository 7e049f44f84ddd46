import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LIMIT_NAMES, OPERATION_LIMITS, type LimitName } from '../operationLimitsTable';
import { ROLES } from '../vocabulary';

/**
 * The limits table as docs/limits.md publishes it to operators and clients, every role × limit,
 * read here without the gateway (gateway/stages/operationLimits/__tests__/limitsByRole-test.ts
 * proves the stage enforces them: at the limit passes, one past is refused).
 */
function documentedLimits(): Map<string, Record<LimitName, number>> {
  const page = readFileSync(path.join(__dirname, '../../docs/limits.md'), 'utf8');
  const section = page.slice(page.indexOf('| role | depth | aliases | root fields | tokens | cost |'));
  const rows = new Map<string, Record<LimitName, number>>();
  for (const line of section.split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [who, ...numbers] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const [depth, aliases, rootFields, tokens, cost] = numbers.map((n) => Number(n.replace(/,/g, '')));
    for (const [, role] of who!.matchAll(/`([A-Z_]+)`/g)) rows.set(role!, { depth: depth!, aliases: aliases!, rootFields: rootFields!, tokens: tokens!, cost: cost! });
  }
  return rows;
}
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
