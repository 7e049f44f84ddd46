import type { Subject } from '../../../../policy/Subject';
import { changeOf } from '../runSchedules';

const owner: Subject = {
  id: 'analyst', kind: 'USER', displayName: 'A', roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT', assignment: 'CRIME ANALYST',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
};
const schedule = { ownerRoles: ['ANALYST'], ownerCommand: 'CRIME ANALYSIS UNIT', ownerAssignment: 'CRIME ANALYST' };

describe('[P8] a schedule runs only while its owner holds what they held when it was made', () => {
  it.each([
    ['nothing changed', owner, null],
    ['a role revoked', { ...owner, roles: [] }, /roles changed/],
    ['a role added', { ...owner, roles: ['ANALYST', 'SUPERVISOR'] }, /roles changed/],
    ['another command', { ...owner, command: '075 PCT' }, /assignment changed/],
    ['another assignment', { ...owner, assignment: 'PATROL' }, /assignment changed/],
  ] as const)('%s', (_rule, now, expected) => {
    const change = changeOf(schedule, now as Subject);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toMatch(expected);
  });
});
