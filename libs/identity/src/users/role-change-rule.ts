import type { Role, UserStatus } from '../entities/user.entity';

export type RoleChangeRefusal =
  /** A candidate's account holds applications and evidence: it never becomes staff, nor staff a candidate. */
  | 'CANDIDATE_ACCOUNT'
  /** A centre manager or an assessor works for at least one centre. */
  | 'CENTRE_REQUIRED'
  /** An administrator belongs to no centre. */
  | 'CENTRE_NOT_ALLOWED'
  /** The platform always keeps one active administrator. */
  | 'LAST_ADMIN';

export interface RoleChange {
  currentRole: Role;
  status: UserStatus;
  newRole: Role;
  centreCount: number;
  /** Active administrators, the account itself included when it is one. */
  activeAdmins: number;
}

/** Why an account's role may not change as asked, or null when it may. */
export function roleChangeRefusal(change: RoleChange): RoleChangeRefusal | null {
  if (change.currentRole === 'candidate' || change.newRole === 'candidate') return 'CANDIDATE_ACCOUNT';
  if (change.newRole === 'admin' && change.centreCount > 0) return 'CENTRE_NOT_ALLOWED';
  if (change.newRole !== 'admin' && change.centreCount === 0) return 'CENTRE_REQUIRED';
  const losesAnActiveAdmin = change.currentRole === 'admin' && change.newRole !== 'admin' && change.status === 'active';
  if (losesAnActiveAdmin && change.activeAdmins <= 1) return 'LAST_ADMIN';
  return null;
}
