import type { GraphQLRequest } from '@apollo/server';
import { buildSchema } from 'graphql';
import type { Subject } from '../../../../policy/Subject';
import type { RunRecord } from '../../../../subgraphs/governance/workspace/SavedQueryRuns';
import type { SavedQuerySchedule } from '../../../../subgraphs/governance/workspace/SavedQuerySchedules';
import type { SavedQuery, SavedQueryVersion } from '../../../../subgraphs/governance/workspace/SavedQueryStore';
import { variablesHash } from '../../../../subgraphs/governance/workspace/variablesHash';
import type { GatewayContext } from '../../../GatewayContext';
import type { AuditEventInput } from '../../../../subgraphs/governance/audit/AuditLog';
import { runDueSchedules, type ScheduleRunnerOptions } from '../runSchedules';

/**
 * [P5, P8, P15, P6, P18] The scheduler alone: a due schedule runs as its owner, with the purpose
 * stored with it, through the guards a request's headers meet; it ends when it expires; it is
 * suspended, and its refused run audited and recorded, when its owner is gone or holds other
 * roles or another assignment than when it was made, or when a guard refuses its purpose.
 */
const apiSchema = buildSchema('type Query { arrests(first: Int): [Arrest] } type Arrest { number: String }');
const VERSION: SavedQueryVersion = {
  savedQueryId: 'SQ-1', version: 2, name: 'Recent arrests', description: '', tags: [], document: 'query Recent($first: Int) { arrests(first: $first) { number } }',
  operationName: 'Recent', parameters: [], columns: { rows: 'arrests', columns: [{ name: 'Number', path: 'number' }] }, suggestedPurpose: null,
  authorId: 'analyst', createdAt: '2026-12-01T00:00:00.000Z', changeNote: '',
};
const QUERY: SavedQuery = { id: 'SQ-1', ownerId: 'analyst', createdAt: '2026-12-01T00:00:00.000Z', currentVersion: 2, brokenReason: null, validatedAt: null, shares: [] };
const NOW = new Date('2026-12-03T06:00:00.000Z');
const analyst: Subject = {
  id: 'analyst', kind: 'USER', displayName: 'A', roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT', assignment: 'CRIME ANALYST',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
};
const schedule = (change: Partial<SavedQuerySchedule> = {}): SavedQuerySchedule => ({
  id: 'SCH-1', savedQueryId: 'SQ-1', ownerId: 'analyst', cadence: 'DAILY', variables: { first: 10 },
  purpose: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-2026-17', justification: 'pattern of robberies in the 75',
  ownerRoles: ['ANALYST'], ownerCommand: 'CRIME ANALYSIS UNIT', ownerAssignment: 'CRIME ANALYST',
  status: 'ACTIVE', statusReason: null, createdAt: '2026-11-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z',
  nextRunAt: '2026-12-03T05:00:00.000Z', lastRunAt: null, ...change,
});

function runner(due: SavedQuerySchedule[], { owner = analyst as Subject | null, claimed = (_: SavedQuerySchedule): boolean => true, query = QUERY } = {}) {
  const statuses: { id: string; status: string; reason: string | null }[] = [];
  const audited: AuditEventInput[] = [];
  const recorded: RunRecord[] = [];
  const executed: { request: GraphQLRequest; context: GatewayContext }[] = [];
  const asked: { now: Date; limit: number }[] = [];
  const options: ScheduleRunnerOptions = {
    schedules: {
      due: async (now, limit) => (asked.push({ now, limit }), due.slice(0, limit)),
      claim: async (s) => claimed(s),
      setStatus: async (id, status, reason) => void statuses.push({ id, status, reason }),
    },
    runs: { record: async (run) => (recorded.push(run), 'RUN-1') },
    sources: { apiSchema, store: { visible: async (id) => (id === query.id ? query : null), version: async () => VERSION }, exports: { get: async () => null } },
    audit: { append: async (event) => void audited.push(event) },
    subjectOf: async (id) => (owner && id === owner.id ? owner : null),
    findAuthorization: async () => null,
    execute: async (request, context) => void executed.push({ request, context }),
  };
  return { options, statuses, audited, recorded, executed, asked };
}

describe('[P5] a due schedule runs as its owner, with its stored purpose', () => {
  it('runs the saved text with its variables, as the owner, under the stored purpose and case number, labelled as the schedule\'s', async () => {
    const { options, executed, statuses, audited } = runner([schedule()]);
    expect(await runDueSchedules(options, NOW)).toBe(1);
    expect(statuses).toEqual([]);
    expect(audited).toEqual([]);
    expect(executed).toHaveLength(1);
    const [{ request, context }] = executed as [{ request: GraphQLRequest; context: GatewayContext }];
    expect(request).toEqual({ query: VERSION.document, variables: { first: 10 } });
    expect(context).toMatchObject({
      subject: analyst, sourceAddress: null, missingPurposeHeaders: [],
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-2026-17', justification: 'pattern of robberies in the 75' },
      policy: { subject: analyst, purpose: { code: 'CRIMINAL_INVESTIGATION' } },
    });
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.audit.savedQuery).toEqual({ id: 'SQ-1', version: 2, trigger: 'SCHEDULE', scheduleId: 'SCH-1' });
  });

  it('each run has a request id of its own', async () => {
    const { options, executed } = runner([schedule(), schedule({ id: 'SCH-2' })]);
    await runDueSchedules(options, NOW);
    expect(new Set(executed.map((e) => e.context.requestId)).size).toBe(2);
  });

  it('a schedule another replica claimed first is left to it', async () => {
    const { options, executed } = runner([schedule(), schedule({ id: 'SCH-2' })], { claimed: (s) => s.id === 'SCH-2' });
    expect(await runDueSchedules(options, NOW)).toBe(1);
    expect(executed.map((e) => e.context.audit.savedQuery?.scheduleId)).toEqual(['SCH-2']);
  });

  it('a tick runs at most its bound (20 unless told), asking for the schedules due now', async () => {
    const many = Array.from({ length: 25 }, (_, i) => schedule({ id: `SCH-${i}` }));
    const bounded = runner(many);
    expect(await runDueSchedules(bounded.options, NOW)).toBe(20);
    expect(bounded.asked).toEqual([{ now: NOW, limit: 20 }]);
    const told = runner(many);
    expect(await runDueSchedules({ ...told.options, perTick: 3 }, NOW)).toBe(3);
  });

  it('the clock of the machine when none is given', async () => {
    const { options, asked } = runner([]);
    const before = Date.now();
    await runDueSchedules(options);
    expect(asked[0]!.now.getTime()).toBeGreaterThanOrEqual(before);
  });
});

describe('a schedule ends when it expires', () => {
  it.each([
    { rule: 'the instant it expires: ended, not run', expiresAt: NOW.toISOString(), runs: false },
    { rule: 'a millisecond before: runs', expiresAt: new Date(NOW.getTime() + 1).toISOString(), runs: true },
  ])('$rule', async ({ expiresAt, runs }) => {
    const { options, executed, statuses, audited } = runner([schedule({ expiresAt })]);
    expect(await runDueSchedules(options, NOW)).toBe(runs ? 1 : 0);
    expect(executed).toHaveLength(runs ? 1 : 0);
    expect(statuses).toEqual(runs ? [] : [{ id: 'SCH-1', status: 'EXPIRED', reason: expect.stringContaining('90 days') }]);
    expect(audited).toEqual([]);
  });
});

describe('[P8, P18] a schedule whose owner changed is suspended, and its refused run audited and recorded', () => {
  it.each([
    { rule: 'the owner is no longer an active user', owner: null, code: 'FORBIDDEN', because: 'no longer an active user' },
    { rule: 'a role revoked', owner: { ...analyst, roles: [] }, code: 'FORBIDDEN', because: 'roles changed' },
    { rule: 'another assignment', owner: { ...analyst, assignment: 'PATROL' }, code: 'FORBIDDEN', because: 'assignment changed' },
  ])('$rule', async ({ owner, code, because }) => {
    const { options, executed, statuses, audited, recorded } = runner([schedule()], { owner: owner as Subject | null });
    expect(await runDueSchedules(options, NOW)).toBe(1);
    expect(executed).toEqual([]);
    expect(statuses).toEqual([{ id: 'SCH-1', status: 'SUSPENDED', reason: expect.stringContaining(because) }]);
    expect(audited).toEqual([{
      kind: 'OPERATION', requestId: expect.any(String), userId: 'analyst',
      event: expect.objectContaining({
        user: 'analyst', purposeHeaders: { purpose: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-2026-17' }, outcome: 'REFUSED', errorCodes: [code], guards: [],
        savedQuery: { id: 'SQ-1', version: null, trigger: 'SCHEDULE', scheduleId: 'SCH-1' }, reason: expect.stringContaining(because),
      }),
    }]);
    expect(recorded).toEqual([{
      savedQueryId: 'SQ-1', version: 0, runnerId: 'analyst', requestId: audited[0]!.requestId, variablesHash: variablesHash({ first: 10 }),
      purpose: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-2026-17', rowCount: 0, durationMs: 0, outcome: 'REFUSED', errorCodes: [code], trigger: 'SCHEDULE', scheduleId: 'SCH-1',
    }]);
  });

  it('an owner still in the directory is described in the refusal\'s event as the audit describes any caller', async () => {
    const { options, audited } = runner([schedule()], { owner: { ...analyst, roles: ['ANALYST', 'SUPERVISOR'] } });
    await runDueSchedules(options, NOW);
    expect(audited[0]!.event).toMatchObject({ user: 'analyst', kind: 'USER', roles: ['ANALYST', 'SUPERVISOR'], command: 'CRIME ANALYSIS UNIT', agencyOri: 'NY0303000' });
  });
});

describe('[P15, P6] the guards a request\'s headers meet are met on the stored purpose', () => {
  it.each([
    { rule: 'a justification whose intent is immigration enforcement', change: { justification: 'locate subject for ICE detainer, notify ERO' }, code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
    { rule: 'an owner whose agency enforces immigration law', change: {}, owner: { ...analyst, agency: { name: 'X', ori: 'XX0000000', immigrationEnforcement: true } }, code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
    { rule: 'political activity outside the Intelligence Division', change: { purpose: 'POLITICAL_ACTIVITY' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
    { rule: 'a stored purpose no longer in the vocabulary', change: { purpose: 'CURIOSITY' }, code: 'BAD_USER_INPUT' },
    { rule: 'a saved query its owner can no longer see', change: { savedQueryId: 'SQ-2' }, code: 'BAD_USER_INPUT' },
  ])('$rule: suspended, refused with its code, audited', async ({ change, owner, code }) => {
    const { options, executed, statuses, audited, recorded } = runner([schedule(change as Partial<SavedQuerySchedule>)], { owner: owner ?? analyst });
    await runDueSchedules(options, NOW);
    expect(executed).toEqual([]);
    expect(statuses).toEqual([{ id: 'SCH-1', status: 'SUSPENDED', reason: expect.stringMatching(/^refused: /) }]);
    expect(audited).toEqual([expect.objectContaining({ event: expect.objectContaining({ outcome: 'REFUSED', errorCodes: [code] }) })]);
    expect(recorded).toEqual([expect.objectContaining({ outcome: 'REFUSED', errorCodes: [code] })]);
  });
});

describe('[P18] what a scheduled run is flagged for, and a store that cannot be read', () => {
  it('a justification that mentions immigration without enforcement intent runs, flagged for the supervisor\'s review', async () => {
    const { options, executed } = runner([schedule({ justification: 'DV victim says abuser threatened her with deportation' })]);
    await runDueSchedules(options, NOW);
    expect(executed.map((e) => e.context.audit.flags)).toEqual([['IMMIGRATION_TERM_REVIEW']]);
  });

  it('a saved query that cannot be read now: refused (FORBIDDEN) and suspended, never run unchecked', async () => {
    const { options, executed, statuses, audited } = runner([schedule()]);
    options.sources.store.visible = async () => {
      throw new Error('store unreachable');
    };
    await runDueSchedules(options, NOW);
    expect(executed).toEqual([]);
    expect(statuses).toEqual([{ id: 'SCH-1', status: 'SUSPENDED', reason: 'refused: store unreachable' }]);
    expect(audited).toEqual([expect.objectContaining({ event: expect.objectContaining({ errorCodes: ['FORBIDDEN'], reason: 'store unreachable' }) })]);
  });
});
