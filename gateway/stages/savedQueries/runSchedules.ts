import type { GraphQLRequest } from '@apollo/server';
import { v7 as uuidv7 } from 'uuid';
import type { GraphQLError } from 'graphql';
import { policyContext, type Subject } from '../../../policy/Subject';
import type { InvestigationAuthorization } from '../../../subgraphs/governance/directory/DirectoryStore';
import type { AuditLog } from '../../../subgraphs/governance/audit/AuditLog';
import type { SavedQueryRuns } from '../../../subgraphs/governance/workspace/SavedQueryRuns';
import type { SavedQuerySchedule, SavedQuerySchedules } from '../../../subgraphs/governance/workspace/SavedQuerySchedules';
import type { GatewayContext } from '../../GatewayContext';
import { subjectOf } from '../audit/auditStage';
import { enforceGuards, immigrationEnforcementGuard, politicalActivityGuard } from '../guards/requestGuards';
import { readPurpose } from '../purpose/readPurpose';
import { sha256 } from './savedQueriesStage';

export interface ScheduleRunnerOptions {
  schedules: Pick<SavedQuerySchedules, 'due' | 'claim' | 'setStatus'>;
  runs: Pick<SavedQueryRuns, 'record'>;
  audit: Pick<AuditLog, 'append'>;
  /** The owner as the directory has them now (never a cached copy): a changed role must show [P8]. */
  subjectOf: (id: string) => Promise<Subject | null>;
  findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>;
  /** Runs an operation through the gateway's stages with this context (Apollo's executeOperation). */
  execute: (request: GraphQLRequest, context: GatewayContext) => Promise<void>;
  /** Schedules run per tick at most: a tick's work is bounded. */
  perTick?: number;
}

/**
 * One tick of the scheduler: every due schedule is claimed (so one replica runs it), then run as
 * its owner with the purpose and case number stored with it [P5], through the same stages as a
 * run by hand. Expired schedules end. A schedule whose owner's roles, command or assignment
 * changed since it was made is suspended and its run refused and audited [P8, P18]: what the
 * owner was trusted with then is not what they hold now.
 */
export async function runDueSchedules(options: ScheduleRunnerOptions, now = new Date()): Promise<number> {
  const due = await options.schedules.due(now, options.perTick ?? 20);
  let ran = 0;
  for (const schedule of due) {
    if (!(await options.schedules.claim(schedule, now))) continue;
    if (Date.parse(schedule.expiresAt) <= now.getTime()) {
      await options.schedules.setStatus(schedule.id, 'EXPIRED', 'its case closed or 90 days passed');
      continue;
    }
    ran++;
    await runOne(options, schedule);
  }
  return ran;
}

async function runOne(options: ScheduleRunnerOptions, schedule: SavedQuerySchedule): Promise<void> {
  const requestId = uuidv7();
  const owner = await options.subjectOf(schedule.ownerId);
  const changed = changeOf(schedule, owner);
  const headers = { 'x-purpose': schedule.purpose, 'x-case-number': schedule.caseNumber, 'x-justification': schedule.justification };
  const use = { id: schedule.savedQueryId, version: null, trigger: 'SCHEDULE' as const, scheduleId: schedule.id };
  const refuse = async (code: string, reason: string, subject: Subject | null) => {
    await options.audit.append({
      kind: 'OPERATION',
      requestId,
      userId: schedule.ownerId,
      event: {
        ...(subject ? subjectOf({ subject, sourceAddress: null }) : { user: schedule.ownerId }),
        purposeHeaders: { purpose: schedule.purpose, caseNumber: schedule.caseNumber },
        outcome: 'REFUSED', errorCodes: [code], guards: [], savedQuery: use, reason,
      },
    });
    await options.runs.record({
      savedQueryId: schedule.savedQueryId, version: 0, runnerId: schedule.ownerId, requestId, variablesHash: sha256(JSON.stringify(schedule.variables)),
      purpose: schedule.purpose, caseNumber: schedule.caseNumber, rowCount: 0, durationMs: 0, outcome: 'REFUSED', errorCodes: [code], trigger: 'SCHEDULE', scheduleId: schedule.id,
    });
  };
  if (changed || !owner) {
    const reason = changed ?? 'the owner is no longer an active user';
    await options.schedules.setStatus(schedule.id, 'SUSPENDED', reason);
    await refuse('FORBIDDEN', `schedule suspended: ${reason}`, owner);
    return;
  }
  let context: GatewayContext;
  try {
    // The same guards a request's headers meet [P15, P6], on the stored purpose.
    const flags: string[] = [];
    const flag = (name: string) => void (flags.includes(name) || flags.push(name));
    await enforceGuards([immigrationEnforcementGuard], { subject: owner, headers, purpose: null, flag }, () => undefined);
    const { purpose, missing } = readPurpose(headers);
    await enforceGuards([politicalActivityGuard(options.findAuthorization)], { subject: owner, headers, purpose, flag }, () => undefined);
    context = { requestId, sourceAddress: null, subject: owner, purpose, missingPurposeHeaders: missing, policy: policyContext(owner, purpose), savedQuery: use, ...(flags.length ? { flags } : {}) };
  } catch (error) {
    const code = String((error as GraphQLError).extensions?.code ?? 'FORBIDDEN');
    await options.schedules.setStatus(schedule.id, 'SUSPENDED', `refused by a guard: ${code}`);
    await refuse(code, (error as Error).message, owner);
    return;
  }
  await options.execute({ variables: schedule.variables, extensions: { savedQuery: { id: schedule.savedQueryId } } }, context);
}

/** What changed about the owner since the schedule was made, or null. */
export function changeOf(schedule: Pick<SavedQuerySchedule, 'ownerRoles' | 'ownerCommand' | 'ownerAssignment'>, owner: Subject | null): string | null {
  if (!owner) return null;
  const roles = [...owner.roles].sort().join(',');
  if (roles !== [...schedule.ownerRoles].sort().join(',')) return `the owner's roles changed (${schedule.ownerRoles.join(',') || 'none'} → ${roles || 'none'})`;
  if (owner.command !== schedule.ownerCommand || owner.assignment !== schedule.ownerAssignment) {
    return `the owner's assignment changed (${schedule.ownerCommand} / ${schedule.ownerAssignment} → ${owner.command} / ${owner.assignment})`;
  }
  return null;
}
