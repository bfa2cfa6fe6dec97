import { ROLES, USER_STATUSES } from '../entities/user.entity';
import { RoleChange, roleChangeRefusal } from './role-change-rule';

const change = (over: Partial<RoleChange>): RoleChange => ({
  currentRole: 'assessor',
  status: 'active',
  newRole: 'centre_manager',
  centreCount: 1,
  activeAdmins: 1,
  ...over,
});

describe('roleChangeRefusal', () => {
  it('lets an assessor become a centre manager of a centre', () => {
    expect(roleChangeRefusal(change({}))).toBeNull();
  });

  it.each(ROLES)('never turns a candidate into %s, nor anyone into a candidate', (role) => {
    expect(roleChangeRefusal(change({ currentRole: 'candidate', newRole: role }))).toBe('CANDIDATE_ACCOUNT');
    expect(roleChangeRefusal(change({ currentRole: role, newRole: 'candidate' }))).toBe('CANDIDATE_ACCOUNT');
  });

  it.each(['centre_manager', 'assessor'] as const)('requires a centre for %s', (newRole) => {
    expect(roleChangeRefusal(change({ newRole, centreCount: 0 }))).toBe('CENTRE_REQUIRED');
    expect(roleChangeRefusal(change({ newRole, centreCount: 2 }))).toBeNull();
  });

  it('refuses centres for an administrator and takes one without', () => {
    expect(roleChangeRefusal(change({ newRole: 'admin', centreCount: 1 }))).toBe('CENTRE_NOT_ALLOWED');
    expect(roleChangeRefusal(change({ newRole: 'admin', centreCount: 0 }))).toBeNull();
  });

  it.each(['centre_manager', 'assessor'] as const)('refuses to make the last active administrator %s', (newRole) => {
    expect(roleChangeRefusal(change({ currentRole: 'admin', newRole, activeAdmins: 1 }))).toBe('LAST_ADMIN');
    expect(roleChangeRefusal(change({ currentRole: 'admin', newRole, activeAdmins: 2 }))).toBeNull();
  });

  it('lets a disabled administrator change role: it is not one of the active ones', () => {
    expect(roleChangeRefusal(change({ currentRole: 'admin', status: 'disabled', activeAdmins: 1 }))).toBeNull();
  });

  it.each(USER_STATUSES)('keeps an administrator an administrator whatever the count (%s)', (status) => {
    expect(
      roleChangeRefusal(change({ currentRole: 'admin', newRole: 'admin', status, centreCount: 0, activeAdmins: 1 })),
    ).toBeNull();
  });
});
