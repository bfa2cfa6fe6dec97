import type { Role } from '../entities/user.entity';

/** The signed-in user a request acts for, as the access checks see them. */
export interface Actor {
  userId: string;
  role: Role;
  /** Centres the user belongs to (managers and assessors); empty for others. */
  centreIds: string[];
}
