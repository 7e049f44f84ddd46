import { startTestStack, type Purpose, type TestStack } from '../harness/startTestStack';

/**
 * The charts' counts over HTTP [P18]: `auditUsage` is the audit trail summed, so it must show a
 * reader no more than the trail would. A count of another command's uses is itself a disclosure
 * (who searched, when, how much); a range without end would be a scan of the whole trail.
 */
const AUDIT: Purpose = { code: 'AUDIT', caseNumber: 'IAB-2026-0099', justification: 'Monthly review of record access' };
const INVESTIGATION: Purpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2026-075-000777', justification: 'Burglary pattern, canvass of priors' };
const USAGE = 'query Usage($from: Date!, $to: Date!) { auditUsage(from: $from, to: $to) { start command purpose uses refusals refusalsByGuard { guard count } } }';

describe('[P18] auditUsage counts within the reader’s audit scope, and is bounded', () => {
  let stack: TestStack;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    stack = await startTestStack('pglite');
    // The 075 precinct (officer), the detective squad (detective), the Intelligence Division (intel), one refusal [P15].
    await stack.queryAs('officer', INVESTIGATION, '{ person(id: "P00000002") { fullName } }');
    await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000002") { fullName } }');
    await stack.queryAs('intel', INVESTIGATION, '{ person(id: "P00000004") { fullName } }');
    await stack.queryAs('intel', { ...INVESTIGATION, justification: 'Serve the ICE detainer on him' }, '{ person(id: "P00000004") { fullName } }');
  }, 120_000);
  afterAll(() => stack?.close());

  const commandsSeenBy = async (reader: string) => {
    const answer = await stack.queryAs(reader, AUDIT, USAGE, { from: today, to: today });
    expect(answer.errors).toBeUndefined();
    return new Set<string>(answer.data.auditUsage.map((row: { command: string }) => row.command));
  };

  it.each([
    ['a supervisor does not see another command’s uses (intel is not theirs)', 'supervisor', ['075 PCT', '075 DET SQUAD'], ['INTELLIGENCE DIVISION']],
    ['an ICO sees their command, not the detective squad nor intel', 'ico', ['075 PCT'], ['075 DET SQUAD', 'INTELLIGENCE DIVISION']],
    ['IAB sees every command', 'iab', ['075 PCT', '075 DET SQUAD', 'INTELLIGENCE DIVISION'], []],
  ])('%s', async (_rule, reader, seen, unseen) => {
    const commands = await commandsSeenBy(reader);
    for (const command of seen) expect(commands).toContain(command);
    for (const command of unseen) expect(commands).not.toContain(command);
  });

  it('a refusal is counted once, under the guard that refused it', async () => {
    const answer = await stack.queryAs('iab', AUDIT, USAGE, { from: today, to: today });
    const intel = answer.data.auditUsage.filter((row: { command: string }) => row.command === 'INTELLIGENCE DIVISION');
    expect(intel.reduce((sum: number, row: { uses: number }) => sum + row.uses, 0)).toBe(1);
    expect(intel.flatMap((row: { refusalsByGuard: unknown[] }) => row.refusalsByGuard)).toEqual([{ guard: 'IMMIGRATION_ENFORCEMENT_BLOCKED', count: 1 }]);
  });

  it.each([
    ['an analyst', 'analyst', INVESTIGATION, 'FIELD_NOT_AUTHORIZED'],
    ['a supervisor without the AUDIT purpose', 'supervisor', INVESTIGATION, 'FIELD_NOT_AUTHORIZED'],
  ])('%s cannot read the counts', async (_who, user, purpose, code) => {
    const answer = await stack.queryAs(user, purpose, USAGE, { from: today, to: today });
    expect(answer.data?.auditUsage ?? null).toBeNull();
    expect(answer.errors![0]!.extensions!.code).toBe(code);
  });

  it('more than 366 days at once is refused with BAD_USER_INPUT, not scanned', async () => {
    const answer = await stack.queryAs('iab', AUDIT, USAGE, { from: '2024-01-01', to: today });
    expect(answer.data?.auditUsage ?? null).toBeNull();
    expect(answer.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toMatch(/at most 366 days/);
  });

  it('reading the counts is itself recorded in the trail', async () => {
    await stack.queryAs('ico', AUDIT, USAGE, { from: today, to: today });
    const reads = await stack.queryAs('iab', AUDIT, '{ auditEvents(filter: { userId: "ico", kind: AUDIT_READ }) { edges { node { detail } } } }');
    expect(reads.data.auditEvents.edges.map((e: { node: { detail: string } }) => JSON.parse(e.node.detail).read)).toContain('auditUsage');
  });
});
