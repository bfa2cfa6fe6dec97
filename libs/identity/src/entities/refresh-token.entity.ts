import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A refresh token, stored as the SHA-256 of its secret. Tokens rotate: each use marks the token
 * used and issues the next one of the same family; presenting a used token again means it was
 * stolen, and the whole family is revoked. A family is one session; access tokens name it (`sid`).
 */
@Entity({ name: 'refresh_token' })
@Index('ix_refresh_token_family', ['familyId'])
@Index('ix_refresh_token_user', ['userId'])
// Every request's access check asks whether its session was revoked: one probe of this index.
@Index('ix_refresh_token_revoked_family', ['familyId'], { where: '"revoked_at" IS NOT NULL' })
export class RefreshTokenEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_refresh_token' })
  id: string;

  @Column('uuid', { name: 'family_id' })
  familyId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_token_user' })
  user?: UserEntity;

  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the person signed in: the session, and every token of the family, ends SESSION_MAX_AGE_DAYS after it. */
  @Column('timestamptz', { name: 'session_started_at' })
  sessionStartedAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('varchar', { name: 'revoke_reason', length: 50, nullable: true })
  revokeReason: string | null;
}
