import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LimitName } from '../operationLimitsTable';

/**
 * The limits table as docs/limits.md publishes it to operators and clients:
 * `| \`ROLE\`, \`ROLE\` ... | depth | aliases | root fields | tokens | cost |`, role by role.
 */
export function documentedLimits(): Map<string, Record<LimitName, number>> {
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
