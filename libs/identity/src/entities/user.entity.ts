import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'centre_manager', 'assessor', 'candidate'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['admin', 'centre_manager', 'assessor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Entity({ name: 'app_user' })
@Index('uq_app_user_email_key', ['emailKey'], { unique: true })
@Index('ix_app_user_role', ['role'])
@Check('ck_app_user_role', `"role" IN ('admin', 'centre_manager', 'assessor', 'candidate')`)
@Check('ck_app_user_status', `"status" IN ('active', 'disabled')`)
@Check('ck_app_user_email_key', `"email_key" = lower("email")`)
export class UserEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  /** As the person typed it. */
  @Column('varchar', { length: 320 })
  email: string;

  /** Lower-cased: uniqueness and login are case-insensitive, enforced by the database. */
  @Column('varchar', { name: 'email_key', length: 320 })
  emailKey: string;

  @Column('varchar', { name: 'full_name', length: 300 })
  fullName: string;

  @Column('varchar', { length: 20 })
  role: Role;

  @Column('varchar', { length: 20, default: 'active' })
  status: UserStatus;

  @Column('varchar', { name: 'password_hash', length: 200 })
  passwordHash: string;

  /**
   * Carried in every access token; raised when the password changes or the account is disabled,
   * which makes the access tokens already issued invalid at once.
   */
  @Column('integer', { name: 'session_version', default: 0 })
  sessionVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
