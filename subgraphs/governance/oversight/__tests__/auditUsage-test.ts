import { createGovernanceSubgraph } from '../..';
import { AuditLog, type AuditEventKind } from '../../audit/AuditLog';
import type { Database } from '../../../../platform/storage/Database';
import type { Role } from '../../../../policy/vocabulary';
import { prepareDatabase } from '../../../prepareDatabase';
import { backends, createTestStorage, type TestStorage } from '../../../../test/harness/testDatabase';
import { scopeOf } from '../auditScope';
import { auditUsage, type AuditUsageRow } from '../AuditUsage';
import { oversightLoaders } from '../oversightResolvers';

const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2026-075-1', justification: 'Robbery pattern' };

/** [P18] The charts' counts: grouped in SQL per bucket, purpose and command, within the reader's scope. */
describe.each(backends())('auditUsage (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;

  beforeAll(async () => {
    storage = await createTestStorage(backend);
    ({ db } = await prepareDatabase(createGovernanceSubgraph({ onDirectoryChange: () => undefined }), storage.target, { seed: 1, persons: 10 }));
    const log = new AuditLog(db);
    const use = (at: string, userId: string, command: string, event: Record<string, unknown>, kind: AuditEventKind = 'OPERATION') =>
      log.append({ kind, occurredAt: new Date(at), requestId: null, userId, event: { user: userId, command, ...event } });
    // The analyst (supervised by `supervisor`) and the officer (075 PCT, supervised too); intel is nobody's but IAB's.
    await use('2026-11-02T09:00:00Z', 'analyst', 'CRIME ANALYSIS UNIT', { purpose: INVESTIGATION, outcome: 'ALLOWED' });
    await use('2026-11-02T10:00:00Z', 'analyst', 'CRIME ANALYSIS UNIT', { purpose: INVESTIGATION, outcome: 'PARTIAL' });
    await use('2026-11-03T23:59:59Z', 'analyst', 'CRIME ANALYSIS UNIT', {
      purposeHeaders: { purpose: 'CRIMINAL_INVESTIGATION' }, outcome: 'REFUSED', errorCodes: ['IMMIGRATION_ENFORCEMENT_BLOCKED'], guards: ['IMMIGRATION_ENFORCEMENT_BLOCKED'],
    });
    await use('2026-11-02T11:00:00Z', 'intel', 'INTELLIGENCE DIVISION', { purpose: { ...INVESTIGATION, code: 'INTELLIGENCE' }, outcome: 'ALLOWED' });
    await use('2026-11-02T12:00:00Z', 'intel', 'INTELLIGENCE DIVISION', { purposeHeaders: { purpose: 'AUDIT' }, outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], guards: [] });
    await use('2026-11-09T08:00:00Z', 'officer', '075 PCT', { purpose: INVESTIGATION, outcome: 'ALLOWED' });
    await use('2026-11-30T23:59:59Z', 'officer', '075 PCT', { purpose: INVESTIGATION, outcome: 'ALLOWED' });
    // Not uses: a read of the trail, and a use before the range.
    await use('2026-11-02T13:00:00Z', 'supervisor', '075 PCT', { purpose: { ...INVESTIGATION, code: 'AUDIT' } }, 'AUDIT_READ');
    await use('2026-10-31T23:59:59Z', 'officer', '075 PCT', { purpose: INVESTIGATION, outcome: 'ALLOWED' });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  const reader = (id: string, roles: Role[], command: string) => scopeOf({ id, roles, command }, oversightLoaders(db).supervisedBy);
  const november = { from: '2026-11-01', to: '2026-11-30', bucket: 'DAY' as const };
  const cell = (rows: AuditUsageRow[], start: string, command: string) => rows.filter((r) => r.start === start && r.command === command);

  it('counts uses and refusals per day, purpose and command; a trail read and a day outside the range are not uses', async () => {
    const rows = await auditUsage(db, await reader('iab', ['IAB'], 'INTERNAL AFFAIRS BUREAU'), november);
    expect(rows.map((r) => [r.start, r.purpose, r.command, r.uses, r.refusals])).toEqual([
      ['2026-11-02', 'AUDIT', 'INTELLIGENCE DIVISION', 0, 1],
      ['2026-11-02', 'CRIMINAL_INVESTIGATION', 'CRIME ANALYSIS UNIT', 2, 0],
      ['2026-11-02', 'INTELLIGENCE', 'INTELLIGENCE DIVISION', 1, 0],
      ['2026-11-03', 'CRIMINAL_INVESTIGATION', 'CRIME ANALYSIS UNIT', 0, 1],
      ['2026-11-09', 'CRIMINAL_INVESTIGATION', '075 PCT', 1, 0],
      ['2026-11-30', 'CRIMINAL_INVESTIGATION', '075 PCT', 1, 0],
    ]);
  });

  it('names each refusal by its guard, or by its code when no guard refused', async () => {
    const rows = await auditUsage(db, await reader('iab', ['IAB'], 'INTERNAL AFFAIRS BUREAU'), november);
    expect(cell(rows, '2026-11-03', 'CRIME ANALYSIS UNIT')[0]!.refusalsByGuard).toEqual([{ guard: 'IMMIGRATION_ENFORCEMENT_BLOCKED', count: 1 }]);
    expect(cell(rows, '2026-11-02', 'INTELLIGENCE DIVISION').find((r) => r.purpose === 'AUDIT')!.refusalsByGuard).toEqual([{ guard: 'FORBIDDEN', count: 1 }]);
  });

  it('a week bucket starts on its Monday and sums its days', async () => {
    const rows = await auditUsage(db, await reader('iab', ['IAB'], 'INTERNAL AFFAIRS BUREAU'), { ...november, bucket: 'WEEK' });
    expect(cell(rows, '2026-11-02', 'CRIME ANALYSIS UNIT').map((r) => [r.uses, r.refusals])).toEqual([[2, 1]]);
    expect(cell(rows, '2026-10-26', 'INTELLIGENCE DIVISION')).toEqual([]); // the range starts on the 1st: the 31st is not counted
  });

  it.each([
    ['a supervisor sees the people they supervise, not another command', 'supervisor', ['SUPERVISOR'], '075 PCT', ['075 PCT', 'CRIME ANALYSIS UNIT']],
    ['an ICO sees their own command only', 'ico', ['ICO'], '075 PCT', ['075 PCT']],
    ['the Agency Privacy Officer sees every command', 'privacy-officer', ['PRIVACY_OFFICER'], 'LEGAL BUREAU', ['075 PCT', 'CRIME ANALYSIS UNIT', 'INTELLIGENCE DIVISION']],
    ['a role with no audit scope sees nothing', 'analyst', ['ANALYST'], 'CRIME ANALYSIS UNIT', []],
  ] as [string, string, Role[], string, string[]][])('[P18] the same scope as the trail: %s', async (_rule, id, roles, command, commands) => {
    const rows = await auditUsage(db, await reader(id, roles, command), november);
    expect([...new Set(rows.map((r) => r.command))].sort()).toEqual(commands);
  });

  it.each([
    ['more than 366 days', { from: '2025-01-01', to: '2026-01-02', bucket: 'DAY' as const }],
    ['a range that ends before it starts', { from: '2026-11-30', to: '2026-11-01', bucket: 'DAY' as const }],
    ['a bucket that is not DAY or WEEK', { from: '2026-11-01', to: '2026-11-30', bucket: 'YEAR' as 'DAY' }],
  ])('is bounded: %s is refused with BAD_USER_INPUT', async (_rule, range) => {
    await expect(auditUsage(db, { all: true }, range)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
