import type { GraphQLRequest } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { v7 as uuidv7 } from 'uuid';
import { policyContext, type Subject } from '../../../policy/Subject';
import type { InvestigationAuthorization } from '../../../subgraphs/governance/directory/DirectoryStore';
import type { SavedQueryRuns } from '../../../subgraphs/governance/workspace/SavedQueryRuns';
import type { SavedQuerySchedule, SavedQuerySchedules } from '../../../subgraphs/governance/workspace/SavedQuerySchedules';
import { variablesHash } from '../../../subgraphs/governance/workspace/variablesHash';
import type { GatewayContext } from '../../GatewayContext';
import { flag, newAuditDraft } from '../audit/AuditDraft';
import { subjectOf, type AuditWriter } from '../audit/auditStage';
import { enforceGuards, immigrationEnforcementGuard, politicalActivityGuard } from '../guards/requestGuards';
import { readPurpose } from '../purpose/readPurpose';
import { loadSavedQueryRun, type SavedQuerySources } from './loadSavedQueryRun';
import { beginRun } from './savedQueriesStage';
import type { SavedQueryUse } from './SavedQueryUse';

export interface ScheduleRunnerOptions {
  schedules: Pick<SavedQuerySchedules, 'due' | 'claim' | 'setStatus'>;
  runs: Pick<SavedQueryRuns, 'record'>;
  sources: SavedQuerySources;
  /** A scheduled run refused before it ran has no answer for the audit stage to record: it is appended here. */
  audit: AuditWriter;
  /** The owner as the directory has them now (never a cached copy): a changed role must show [P8]. */
  subjectOf: (id: string) => Promise<Subject | null>;
  findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>;
  /** Runs an operation through the gateway's operation stages with this context (Apollo's executeOperation). */
  execute: (request: GraphQLRequest, context: GatewayContext) => Promise<void>;
  /** Schedules run per tick at most: a tick's work is bounded. */
  perTick?: number;
}

/**
 * One tick of the scheduler: every due schedule is claimed (so one replica runs it), then run as
 * its owner with the purpose and case number stored with it [P5], through the same operation
 * stages as a run by hand (the guards a request's purpose headers meet are met here on the
 * stored purpose). Expired schedules end. A schedule whose owner's roles, command or assignment
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
  const headers = { 'x-purpose': schedule.purpose, 'x-case-number': schedule.caseNumber, 'x-justification': schedule.justification };
  const use: SavedQueryUse = { id: schedule.savedQueryId, version: null, trigger: 'SCHEDULE', scheduleId: schedule.id };
  const refuse = async (code: string, reason: string, suspend: string) => {
    await options.schedules.setStatus(schedule.id, 'SUSPENDED', suspend);
    await options.audit.append({
      kind: 'OPERATION',
      requestId,
      userId: schedule.ownerId,
      event: {
        ...(owner ? subjectOf(owner, null) : { user: schedule.ownerId }),
        purposeHeaders: { purpose: schedule.purpose, caseNumber: schedule.caseNumber },
        outcome: 'REFUSED', errorCodes: [code], guards: [], savedQuery: use, reason,
      },
    });
    await options.runs.record({
      savedQueryId: schedule.savedQueryId, version: 0, runnerId: schedule.ownerId, requestId, variablesHash: variablesHash(schedule.variables),
      purpose: schedule.purpose, caseNumber: schedule.caseNumber, rowCount: 0, durationMs: 0, outcome: 'REFUSED', errorCodes: [code], trigger: 'SCHEDULE', scheduleId: schedule.id,
    });
  };
  const suspend = (why: string) => refuse('FORBIDDEN', `schedule suspended: ${why}`, why);
  if (!owner) return suspend('the owner is no longer an active user');
  const changed = changeOf(schedule, owner);
  if (changed) return suspend(changed);
  const audit = newAuditDraft();
  let context: GatewayContext;
  let document: string;
  try {
    const mark = (name: string) => void flag(audit, name);
    await enforceGuards([immigrationEnforcementGuard], { subject: owner, headers, purpose: null, flag: mark }, () => undefined);
    const { purpose, missing } = readPurpose(headers);
    await enforceGuards([politicalActivityGuard(options.findAuthorization)], { subject: owner, headers, purpose, flag: mark }, () => undefined);
    context = { requestId, sourceAddress: null, subject: owner, purpose, missingPurposeHeaders: missing, policy: policyContext(owner, purpose), audit };
    const version = await loadSavedQueryRun(options.sources, owner, { id: schedule.savedQueryId }, undefined);
    beginRun(context, version, use);
    document = version.document;
  } catch (error) {
    const code = String((error as GraphQLError).extensions?.code ?? 'FORBIDDEN');
    return refuse(code, (error as Error).message, `refused: ${(error as Error).message}`);
  }
  await options.execute({ query: document, variables: schedule.variables }, context);
}

/** What changed about the owner since the schedule was made, or null. */
export function changeOf(schedule: Pick<SavedQuerySchedule, 'ownerRoles' | 'ownerCommand' | 'ownerAssignment'>, owner: Subject): string | null {
  const roles = [...owner.roles].sort().join(',');
  if (roles !== [...schedule.ownerRoles].sort().join(',')) return `the owner's roles changed (${schedule.ownerRoles.join(',') || 'none'} → ${roles || 'none'})`;
  if (owner.command !== schedule.ownerCommand || owner.assignment !== schedule.ownerAssignment) {
    return `the owner's assignment changed (${schedule.ownerCommand} / ${schedule.ownerAssignment} → ${owner.command} / ${owner.assignment})`;
  }
  return null;
}
