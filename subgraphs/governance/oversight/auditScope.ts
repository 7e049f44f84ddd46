import type { Role } from '../../../policy/vocabulary';

/**
 * [P18] Whose uses each oversight role may read in the audit trail. Policy as data: a new
 * oversight role is a row here (and an AUDIT_LOG grant in the access table).
 *  - ALL: every event (IAB; the Agency Privacy Officer, who answers for disclosures [P17]);
 *  - COMMAND: events of members of the reader's command (Integrity Control Officers, commanding officers);
 *  - SUPERVISED: events of the people the reader supervises (supervisors: "reasons for use
 *    must be discussed with a supervisor").
 */
export const AUDIT_SCOPES: Partial<Record<Role, 'ALL' | 'COMMAND' | 'SUPERVISED'>> = {
  IAB: 'ALL',
  PRIVACY_OFFICER: 'ALL',
  COMMANDING_OFFICER: 'COMMAND',
  ICO: 'COMMAND',
  SUPERVISOR: 'SUPERVISED',
};

/** What one reader may see: everything, or the union of some commands and some users. */
export type AuditScope = { all: true } | { all: false; commands: string[]; users: string[] };

export interface Reader {
  id: string;
  roles: readonly Role[];
  command: string;
}

/** The reader's scope, the union of their roles' scopes; none at all is an empty scope (sees nothing). */
export async function scopeOf(reader: Reader, supervisedBy: (id: string) => Promise<string[]>): Promise<AuditScope> {
  const kinds = new Set(reader.roles.map((role) => AUDIT_SCOPES[role]).filter(Boolean));
  if (kinds.has('ALL')) return { all: true };
  return {
    all: false,
    commands: kinds.has('COMMAND') ? [reader.command] : [],
    users: kinds.has('SUPERVISED') ? await supervisedBy(reader.id) : [],
  };
}

/** The scope as SQL over `audit_event`, with `$` placeholders for `Conditions.add`. */
export function scopeCondition(scope: AuditScope): { sql: string; values: unknown[] } | null {
  if (scope.all) return null;
  return { sql: "(user_id = ANY($::text[]) OR (event ->> 'command') = ANY($::text[]))", values: [scope.users, scope.commands] };
}
