import type { Database } from '../../../platform/storage/Database';
import { conflictingRecordRoles, GRANT_APPROVERS, grantScope, reachesRecordData } from '../../../policy/separationOfDuties';
import { ROLES, type Role } from '../../../policy/vocabulary';
import { DirectoryInputError, DirectoryRuleError, UnknownUserError } from './directoryErrors';

export type RoleGrantStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

/** A request to give a user a role that reaches record data, and its decision [P8]. */
export interface RoleGrant {
  id: string;
  userId: string;
  role: Role;
  status: RoleGrantStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

/** What `setRoles` did: removals and roles without record data apply now; record roles wait for approval. */
export interface RoleChange {
  removed: Role[];
  added: Role[];
  requested: RoleGrant[];
  cancelled: RoleGrant[];
}

/** Who decides: the caller as the gateway's signed context describes them. */
export interface Approver {
  id: string;
  roles: readonly Role[];
  command: string;
}

type Tx = Pick<Database, 'query'>;

const GRANT_COLUMNS = `id::text AS id, user_id AS "userId", role, status, requested_by AS "requestedBy",
  to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "requestedAt", decided_by AS "decidedBy",
  to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt", comment`;

/** The command a user is assigned to on `day`, or null. */
const COMMAND_SQL = `SELECT command FROM assignment
  WHERE user_id = $1 AND effective_from <= $2::date AND (effective_to IS NULL OR effective_to >= $2::date)
  ORDER BY effective_from DESC LIMIT 1`;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Changes to a user's roles under separation of duties [P8, P16]:
 *  - nobody changes their own roles;
 *  - ADMIN or VENDOR never sits beside a role that reaches record data;
 *  - a role that reaches record data is only requested: it takes effect once a second person
 *    (GRANT_APPROVERS), neither the requester nor the grantee, approves it;
 *  - a removal takes effect at once: revocation never waits for anyone.
 * Every change and decision is written to `directory_change` in the same transaction.
 */
export class RoleGrants {
  constructor(private readonly db: Database) {}

  /** Replaces the user's roles with `roles`, as far as one person may. */
  async setRoles(userId: string, roles: readonly Role[], requestedBy: string): Promise<RoleChange> {
    const wanted = [...new Set(roles)];
    for (const role of wanted) if (!ROLES.includes(role)) throw new DirectoryInputError(`unknown role ${role}`, 'roles');
    if (userId === requestedBy) throw new DirectoryRuleError('SELF_CHANGE', 'you may not change your own roles; another administrator must');
    const conflicting = conflictingRecordRoles(wanted);
    if (conflicting.length) {
      throw new DirectoryRuleError(
        'ROLE_CONFLICT',
        `a user holding ADMIN or VENDOR may not also hold ${conflicting.join(', ')}: administrators and vendors reach no record data`,
      );
    }
    return this.db.transaction(async (tx) => {
      await lockUser(tx, userId);
      const current = (await tx.query<{ role: Role }>('SELECT role FROM user_role WHERE user_id = $1', [userId])).map((r) => r.role);
      const removed = current.filter((role) => !wanted.includes(role));
      const added = wanted.filter((role) => !current.includes(role) && !reachesRecordData(role));
      const toRequest = wanted.filter((role) => !current.includes(role) && reachesRecordData(role));
      await tx.query('DELETE FROM user_role WHERE user_id = $1 AND NOT (role = ANY($2::text[]))', [userId, wanted]);
      if (added.length) {
        await tx.query('INSERT INTO user_role (user_id, role, granted_by) SELECT $1, unnest($2::text[]), $3', [userId, added, requestedBy]);
      }
      // A request for a role no longer wanted is withdrawn, so a later approval cannot bring it back.
      const cancelled = await tx.query<RoleGrant>(
        `UPDATE role_grant SET status = 'CANCELLED', decided_by = $3, decided_at = now()
         WHERE user_id = $1 AND status = 'PENDING' AND NOT (role = ANY($2::text[])) RETURNING ${GRANT_COLUMNS}`,
        [userId, wanted, requestedBy],
      );
      const open = (await tx.query<{ role: Role }>("SELECT role FROM role_grant WHERE user_id = $1 AND status = 'PENDING'", [userId])).map((r) => r.role);
      const requested = toRequest.filter((role) => !open.includes(role)).length
        ? await tx.query<RoleGrant>(
            `INSERT INTO role_grant (user_id, role, requested_by) SELECT $1, unnest($2::text[]), $3 RETURNING ${GRANT_COLUMNS}`,
            [userId, toRequest.filter((role) => !open.includes(role)), requestedBy],
          )
        : [];
      const change: RoleChange = { removed, added, requested, cancelled };
      await logChange(tx, requestedBy, userId, 'ROLES', {
        roles: wanted, removed, added, requested: requested.map((g) => ({ id: g.id, role: g.role })), cancelled: cancelled.map((g) => g.id),
      });
      return change;
    });
  }

  /** The second person's decision on a pending grant; an approval re-checks the rules against the roles held now. */
  async decide(grantId: string, approver: Approver, approve: boolean, comment: string | null): Promise<RoleGrant> {
    if (!/^\d{1,18}$/.test(grantId)) throw new DirectoryInputError(`no role grant ${grantId}`, 'id');
    return this.db.transaction(async (tx) => {
      const [grant] = await tx.query<RoleGrant>(`SELECT ${GRANT_COLUMNS} FROM role_grant WHERE id = $1 FOR UPDATE`, [grantId]);
      if (!grant) throw new DirectoryInputError(`no role grant ${grantId}`, 'id');
      if (grant.userId === approver.id) throw new DirectoryRuleError('SELF_APPROVAL', 'you may not approve or reject a grant of a role to yourself');
      if (grant.requestedBy === approver.id) throw new DirectoryRuleError('SELF_APPROVAL', 'the person who requested a grant may not also decide it');
      await lockUser(tx, grant.userId);
      const scope = grantScope(GRANT_APPROVERS, approver.roles);
      const [assigned] = await tx.query<{ command: string }>(COMMAND_SQL, [grant.userId, today()]);
      if (scope === null || (scope === 'COMMAND' && assigned?.command !== approver.command)) {
        throw new DirectoryRuleError('NOT_APPROVER', `only the Agency Privacy Officer or a commanding officer of ${assigned?.command ?? "the grantee's command"} may decide this grant`);
      }
      if (grant.status !== 'PENDING') throw new DirectoryInputError(`role grant ${grantId} is already ${grant.status}`, 'id');
      if (approve) {
        const held = (await tx.query<{ role: Role }>('SELECT role FROM user_role WHERE user_id = $1', [grant.userId])).map((r) => r.role);
        const conflicting = conflictingRecordRoles([...held, grant.role]);
        if (conflicting.length) {
          throw new DirectoryRuleError('ROLE_CONFLICT', `${grant.userId} holds ADMIN or VENDOR and may not also hold ${grant.role}`);
        }
        await tx.query('INSERT INTO user_role (user_id, role, granted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          grant.userId, grant.role, `${grant.requestedBy}, approved by ${approver.id} (grant ${grant.id})`,
        ]);
      }
      const [decided] = await tx.query<RoleGrant>(
        `UPDATE role_grant SET status = $2, decided_by = $3, decided_at = now(), comment = $4 WHERE id = $1 RETURNING ${GRANT_COLUMNS}`,
        [grantId, approve ? 'APPROVED' : 'REJECTED', approver.id, comment],
      );
      await logChange(tx, approver.id, grant.userId, approve ? 'ROLE_GRANT_APPROVED' : 'ROLE_GRANT_REJECTED', { grant: grant.id, role: grant.role, requestedBy: grant.requestedBy, comment });
      return decided!;
    });
  }

  /** Grants newest first; `command` limits them to grantees assigned there today. */
  async list(filter: { status?: RoleGrantStatus | null; userId?: string | null; command?: string | null }, first: number): Promise<RoleGrant[]> {
    return this.db.query<RoleGrant>(
      `SELECT ${GRANT_COLUMNS} FROM role_grant g
       WHERE ($1::text IS NULL OR g.status = $1) AND ($2::text IS NULL OR g.user_id = $2)
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM assignment a WHERE a.user_id = g.user_id AND a.command = $3
               AND a.effective_from <= $5::date AND (a.effective_to IS NULL OR a.effective_to >= $5::date)))
       ORDER BY g.id DESC LIMIT $4`,
      [filter.status ?? null, filter.userId ?? null, filter.command ?? null, first, today()],
    );
  }

  /** The pending grants of several users at once (one statement), in the order of `userIds`. */
  async pendingFor(userIds: readonly string[]): Promise<RoleGrant[][]> {
    const rows = await this.db.query<RoleGrant>(
      `SELECT ${GRANT_COLUMNS} FROM role_grant WHERE status = 'PENDING' AND user_id = ANY($1::text[]) ORDER BY id`,
      [userIds],
    );
    return userIds.map((id) => rows.filter((row) => row.userId === id));
  }
}

async function lockUser(tx: Tx, userId: string): Promise<void> {
  const [exists] = await tx.query('SELECT 1 FROM directory_user WHERE id = $1 FOR UPDATE', [userId]);
  if (!exists) throw new UnknownUserError(`no user ${userId}`);
}

async function logChange(tx: Tx, changedBy: string, userId: string, change: string, detail: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO directory_change (changed_by, user_id, change, detail) VALUES ($1, $2, $3, $4::jsonb)', [
    changedBy, userId, change, JSON.stringify(detail),
  ]);
}
