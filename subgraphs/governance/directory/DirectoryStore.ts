import type { Database } from '../../../platform/storage/Database';
import type { Subject } from '../../../policy/Subject';
import { usableRoles } from '../../../policy/separationOfDuties';
import { TRAINING_VALID_DAYS, type Role } from '../../../policy/vocabulary';
import { DirectoryInputError, DirectoryRuleError, UnknownUserError } from './directoryErrors';
import { SEED_AUTHORIZATIONS, SEED_USERS } from './seedUsers';

export interface DirectoryUser {
  id: string;
  kind: 'USER' | 'CLIENT';
  displayName: string;
  rank: string | null;
  agencyName: string;
  agencyOri: string;
  agencyImmigrationEnforcement: boolean;
  supervisorId: string | null;
  remoteAccessAllowed: boolean;
  active: boolean;
  roles: Role[];
  command: string | null;
  assignment: string | null;
  trainings: { course: string; completedOn: string }[];
}

interface UserRow {
  id: string;
  kind: 'USER' | 'CLIENT';
  display_name: string;
  rank: string | null;
  agency_name: string;
  agency_ori: string;
  agency_immigration_enforcement: boolean;
  supervisor_id: string | null;
  remote_access_allowed: boolean;
  active: boolean;
  roles: Role[] | null;
  command: string | null;
  assignment: string | null;
  trainings: { course: string; completedOn: string }[] | null;
}

/** One statement: the user, roles, the assignment in force on `$2`, and trainings. */
const USER_SQL = `
  SELECT u.*,
    (SELECT array_agg(role ORDER BY role) FROM user_role r WHERE r.user_id = u.id) AS roles,
    a.command, a.assignment,
    (SELECT jsonb_agg(jsonb_build_object('course', t.course, 'completedOn', t.completed_on::text) ORDER BY t.completed_on DESC)
       FROM training t WHERE t.user_id = u.id) AS trainings
  FROM directory_user u
  LEFT JOIN LATERAL (
    SELECT command, assignment FROM assignment
    WHERE user_id = u.id AND effective_from <= $2::date AND (effective_to IS NULL OR effective_to >= $2::date)
    ORDER BY effective_from DESC LIMIT 1
  ) a ON true`;

export interface InvestigationAuthorization {
  number: string;
  kind: 'PRELIMINARY_INQUIRY' | 'FULL_INVESTIGATION' | 'TERRORISM_ENTERPRISE_INVESTIGATION';
  command: string;
  expiresOn: string;
}

/** The directory of users, roles and assignments [P8], over the governance store. */
export class DirectoryStore {
  constructor(private readonly db: Database) {}

  /** [P6] an investigation authorization in force on `on`, or null. */
  async investigationAuthorization(number: string, on: Date = new Date()): Promise<InvestigationAuthorization | null> {
    const [row] = await this.db.query<InvestigationAuthorization>(
      `SELECT number, kind, command, expires_on::text AS "expiresOn" FROM investigation_authorization
       WHERE number = $1 AND opened_on <= $2::date AND expires_on >= $2::date`,
      [number, on.toISOString().slice(0, 10)],
    );
    return row ?? null;
  }

  async seedIfEmpty(): Promise<boolean> {
    const [{ count }] = (await this.db.query<{ count: number }>('SELECT count(*)::int AS count FROM directory_user')) as [{ count: number }];
    if (count > 0) return false;
    await this.db.transaction(async (tx) => {
      for (const [number, kind, opened, expires] of SEED_AUTHORIZATIONS) {
        await tx.query(
          `INSERT INTO investigation_authorization (number, kind, command, opened_on, expires_on, approved_by)
           VALUES ($1, $2, 'INTELLIGENCE DIVISION', current_date + $3::int, current_date + $4::int, 'DEPUTY COMMISSIONER, INTELLIGENCE')`,
          [number, kind, opened, expires],
        );
      }
      for (const user of SEED_USERS) {
        await tx.query(
          `INSERT INTO directory_user (id, kind, display_name, rank, agency_name, agency_ori, remote_access_allowed)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [user.id, user.kind, user.displayName, user.rank, user.agency.name, user.agency.ori, user.remoteAccessAllowed],
        );
      }
      for (const user of SEED_USERS) {
        if (user.supervisorId) await tx.query('UPDATE directory_user SET supervisor_id = $2 WHERE id = $1', [user.id, user.supervisorId]);
        for (const role of user.roles) {
          await tx.query('INSERT INTO user_role (user_id, role, granted_by) VALUES ($1, $2, $3)', [user.id, role, 'seed']);
        }
        await tx.query(
          `INSERT INTO assignment (user_id, command, assignment, effective_from) VALUES ($1, $2, $3, current_date - 365)`,
          [user.id, user.command, user.assignment],
        );
        for (const [course, daysAgo] of user.trainings) {
          await tx.query('INSERT INTO training (user_id, course, completed_on) VALUES ($1, $2, current_date - $3::int)', [user.id, course, daysAgo]);
        }
      }
    });
    return true;
  }

  async user(id: string, on: Date = new Date()): Promise<DirectoryUser | null> {
    const [row] = await this.db.query<UserRow>(`${USER_SQL} WHERE u.id = $1`, [id, on.toISOString().slice(0, 10)]);
    return row ? toUser(row) : null;
  }

  async users(on: Date = new Date()): Promise<DirectoryUser[]> {
    const rows = await this.db.query<UserRow>(`${USER_SQL} WHERE $1::text IS NULL ORDER BY u.id`, [null, on.toISOString().slice(0, 10)]);
    return rows.map(toUser);
  }

  /**
   * The caller as policy sees it, or null when unknown or inactive. Roles count only while an
   * assignment is in force: an ended assignment ends access [P8]. ADMIN or VENDOR beside a
   * record role (a row no API call could write) leaves the record roles out [P16].
   */
  async subject(id: string, remote: boolean, mfa: boolean, on: Date = new Date()): Promise<Subject | null> {
    const user = await this.user(id, on);
    if (!user || !user.active) return null;
    const cutoff = new Date(on.getTime() - TRAINING_VALID_DAYS * 86_400_000).toISOString().slice(0, 10);
    return {
      id: user.id,
      kind: user.kind,
      displayName: user.displayName,
      roles: user.assignment ? usableRoles(user.roles) : [],
      command: user.command ?? 'NONE',
      assignment: user.assignment ?? 'NONE',
      agency: { name: user.agencyName, ori: user.agencyOri, immigrationEnforcement: user.agencyImmigrationEnforcement },
      currentTrainings: [...new Set(user.trainings.filter((t) => t.completedOn >= cutoff).map((t) => t.course))],
      remote,
      remoteAccessAllowed: user.remoteAccessAllowed,
      mfa,
    };
  }

  /** A new assignment from `effectiveFrom`; the one in force until then ends the day before. */
  async assign(userId: string, command: string, assignment: string, effectiveFrom: string, changedBy: string): Promise<void> {
    await this.change(userId, changedBy, 'ASSIGNMENT', { command, assignment, effectiveFrom }, async (tx) => {
      await tx.query(
        `UPDATE assignment SET effective_to = $2::date - 1
         WHERE user_id = $1 AND effective_from < $2::date AND (effective_to IS NULL OR effective_to >= $2::date)`,
        [userId, effectiveFrom],
      );
      await tx.query('DELETE FROM assignment WHERE user_id = $1 AND effective_from >= $2::date', [userId, effectiveFrom]);
      await tx.query('INSERT INTO assignment (user_id, command, assignment, effective_from) VALUES ($1, $2, $3, $4)', [
        userId, command, assignment, effectiveFrom,
      ]);
    });
  }

  /**
   * Training needs no second person: it opens nothing without a role, and record roles are
   * approved. Never one's own, and never completed in the future.
   */
  async recordTraining(userId: string, course: string, completedOn: string, changedBy: string): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(completedOn) || Number.isNaN(Date.parse(completedOn))) {
      throw new DirectoryInputError('completedOn is a date, YYYY-MM-DD', 'completedOn');
    }
    if (completedOn > new Date().toISOString().slice(0, 10)) throw new DirectoryInputError('a training cannot be completed in the future', 'completedOn');
    await this.change(userId, changedBy, 'TRAINING', { course, completedOn }, async (tx) => {
      await tx.query('INSERT INTO training (user_id, course, completed_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, course, completedOn]);
    });
  }

  async setActive(userId: string, active: boolean, changedBy: string): Promise<void> {
    await this.change(userId, changedBy, active ? 'ACTIVATED' : 'DEACTIVATED', {}, async (tx) => {
      await tx.query('UPDATE directory_user SET active = $2 WHERE id = $1', [userId, active]);
    });
  }

  private async change(
    userId: string,
    changedBy: string,
    change: string,
    detail: Record<string, unknown>,
    apply: (tx: Pick<Database, 'query'>) => Promise<void>,
  ): Promise<void> {
    // [P8] one person must not be able to grant themselves access: every directory change is someone else's.
    if (userId === changedBy) throw new DirectoryRuleError('SELF_CHANGE', 'you may not change your own directory entry; another administrator must');
    await this.db.transaction(async (tx) => {
      const [exists] = await tx.query('SELECT 1 FROM directory_user WHERE id = $1 FOR UPDATE', [userId]);
      if (!exists) throw new UnknownUserError(`no user ${userId}`);
      await apply(tx);
      await tx.query('INSERT INTO directory_change (changed_by, user_id, change, detail) VALUES ($1, $2, $3, $4::jsonb)', [
        changedBy, userId, change, JSON.stringify(detail),
      ]);
    });
  }
}

function toUser(row: UserRow): DirectoryUser {
  return {
    id: row.id,
    kind: row.kind,
    displayName: row.display_name,
    rank: row.rank,
    agencyName: row.agency_name,
    agencyOri: row.agency_ori,
    agencyImmigrationEnforcement: row.agency_immigration_enforcement,
    supervisorId: row.supervisor_id,
    remoteAccessAllowed: row.remote_access_allowed,
    active: row.active,
    roles: row.roles ?? [],
    command: row.command,
    assignment: row.assignment,
    trainings: row.trainings ?? [],
  };
}
