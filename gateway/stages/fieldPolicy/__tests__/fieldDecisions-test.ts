import { policyContext, type Subject } from '../../../../policy/Subject';
import type { Purpose, Role } from '../../../../policy/vocabulary';
import { FieldDecisions, permissionKey } from '../fieldDecisions';

const subject = (roles: Role[], trainings: string[]): Subject => ({
  id: 'u', kind: 'USER', displayName: 'u', roles, command: '075 PCT', assignment: 'PATROL',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: trainings, remote: false, mfa: false,
});
const key = (roles: Role[], trainings: string[], purpose: Purpose | null) =>
  permissionKey(policyContext(subject(roles, trainings), purpose ? { code: purpose, caseNumber: 'C-1', justification: 'a test justification' } : null));

/** Cached field decisions are shared only by callers the field rules cannot tell apart. */
describe('permissionKey', () => {
  it('differs with any role, training or purpose the field rules read', () => {
    const base = key(['OFFICER'], ['ERMS-INTERNAL-RECORDS'], 'CRIMINAL_INVESTIGATION');
    expect(key(['DETECTIVE'], ['ERMS-INTERNAL-RECORDS'], 'CRIMINAL_INVESTIGATION')).not.toBe(base);
    expect(key(['OFFICER'], [], 'CRIMINAL_INVESTIGATION')).not.toBe(base);
    expect(key(['OFFICER'], ['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS'], 'CRIMINAL_INVESTIGATION')).not.toBe(base);
    expect(key(['OFFICER'], ['ERMS-INTERNAL-RECORDS'], 'EMERGENCY_RESPONSE')).not.toBe(base);
    expect(key(['OFFICER'], ['ERMS-INTERNAL-RECORDS'], null)).not.toBe(base);
  });

  it('[P14] differs between a department member and a partner\'s client, and between two agreements', () => {
    const context = (change: Partial<Subject>) =>
      permissionKey(policyContext({ ...subject(['PARTNER'], ['ERMS-INTERNAL-RECORDS']), ...change }, { code: 'PROSECUTION', caseNumber: 'C-1', justification: 'a test justification' }));
    const agreement = (number: string) => ({ number, systems: ['complaints-arrests'], categories: ['RECORD' as const], purposes: ['PROSECUTION' as const] });
    const keys = [
      context({ kind: 'USER' }),
      context({ kind: 'CLIENT' }),
      context({ kind: 'CLIENT', agreement: agreement('AGR-1') }),
      context({ kind: 'CLIENT', agreement: agreement('AGR-2') }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is the same whatever the order of roles and trainings', () => {
    expect(key(['SUPERVISOR', 'ICO'], ['B', 'A'], 'AUDIT')).toBe(key(['ICO', 'SUPERVISOR'], ['A', 'B'], 'AUDIT'));
  });
});

/** The decisions are kept by permission set, a bounded number of sets: no caller can grow the gateway's memory. */
describe('FieldDecisions', () => {
  it('keeps a set\'s decisions, up to its bound, and forgets the oldest set first past it', () => {
    const decisions = new FieldDecisions(2);
    const a = decisions.forSet('a');
    expect(decisions.forSet('a')).toBe(a);
    const b = decisions.forSet('b');
    expect(decisions.forSet('a')).toBe(a);
    decisions.forSet('c');
    expect(decisions.forSet('b')).toBe(b);
    expect(decisions.forSet('a')).not.toBe(a);
  });
});
