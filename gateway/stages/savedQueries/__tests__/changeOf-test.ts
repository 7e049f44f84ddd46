import type { Subject } from '../../../../policy/Subject';
import { changeOf } from '../runSchedules';

const owner: Subject = {
  id: 'analyst', kind: 'USER', displayName: 'A', roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT', assignment: 'CRIME ANALYST',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
};
const schedule = { ownerRoles: ['ANALYST'], ownerCommand: 'CRIME ANALYSIS UNIT', ownerAssignment: 'CRIME ANALYST' };

describe('[P8] a schedule runs only while its owner holds what they held when it was made', () => {
  it.each([
    ['nothing changed', schedule, owner, null],
    ['the same roles, listed in another order', { ...schedule, ownerRoles: ['SUPERVISOR', 'ANALYST'] }, { ...owner, roles: ['ANALYST', 'SUPERVISOR'] }, null],
    ['a role revoked', schedule, { ...owner, roles: [] }, "the owner's roles changed (ANALYST → none)"],
    ['a role added', schedule, { ...owner, roles: ['SUPERVISOR', 'ANALYST'] }, "the owner's roles changed (ANALYST → ANALYST,SUPERVISOR)"],
    ['one of two roles revoked', { ...schedule, ownerRoles: ['ANALYST', 'SUPERVISOR'] }, owner, "the owner's roles changed (ANALYST,SUPERVISOR → ANALYST)"],
    ['a role granted to an owner who had none', { ...schedule, ownerRoles: [] }, owner, "the owner's roles changed (none → ANALYST)"],
    ['another command', schedule, { ...owner, command: '075 PCT' }, "the owner's assignment changed (CRIME ANALYSIS UNIT / CRIME ANALYST → 075 PCT / CRIME ANALYST)"],
    ['another assignment', schedule, { ...owner, assignment: 'PATROL' }, "the owner's assignment changed (CRIME ANALYSIS UNIT / CRIME ANALYST → CRIME ANALYSIS UNIT / PATROL)"],
  ] as const)('%s', (_rule, made, now, expected) => {
    expect(changeOf({ ...made, ownerRoles: [...made.ownerRoles] }, now as Subject)).toBe(expected);
  });
});
