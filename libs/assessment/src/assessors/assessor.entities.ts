import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@qualcert/identity';
import { ProfessionCardEntity } from '@qualcert/standards';

/** An assessor's own qualification, set by their centre's manager. */
@Entity({ name: 'assessor_profile' })
@Check('ck_assessor_profile_ork_level', '"ork_level" BETWEEN 1 AND 8')
export class AssessorProfileEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'pk_assessor_profile' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_assessor_profile_user' })
  user?: UserEntity;

  @Column('smallint', { name: 'ork_level' })
  orkLevel: number;

  /** The assessor's field of qualification, in words. */
  @Column('varchar', { length: 300 })
  field: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The cards an assessor may assess, each for a period. */
@Entity({ name: 'assessor_accreditation' })
@Index('ix_assessor_accreditation_assessor', ['assessorId', 'cardId'])
@Check('ck_assessor_accreditation_period', '"valid_to" >= "valid_from"')
@Check('ck_assessor_accreditation_status', `"status" IN ('active', 'revoked')`)
export class AssessorAccreditationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_assessor_accreditation' })
  id: string;

  @Column('uuid', { name: 'assessor_id' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_assessor_accreditation_assessor' })
  assessor?: UserEntity;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_assessor_accreditation_card' })
  card?: ProfessionCardEntity;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to' })
  validTo: string;

  @Column('varchar', { length: 20, default: 'active' })
  status: 'active' | 'revoked';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A conflict of interest an assessor declared: with a candidate, or with an employer (then with
 * every candidate who worked there). Never deleted: closed, with a reason.
 */
@Entity({ name: 'conflict_declaration' })
@Index('ix_conflict_declaration_assessor', ['assessorId', 'status'])
@Check('ck_conflict_declaration_kind', `"kind" IN ('candidate', 'employer')`)
@Check('ck_conflict_declaration_status', `"status" IN ('open', 'closed')`)
@Check(
  'ck_conflict_declaration_subject',
  `("kind" = 'candidate' AND "candidate_id" IS NOT NULL AND "employer" IS NULL) OR ("kind" = 'employer' AND "employer" IS NOT NULL AND "candidate_id" IS NULL)`,
)
@Check('ck_conflict_declaration_closed', `("status" = 'open') = ("closed_at" IS NULL)`)
export class ConflictDeclarationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_conflict_declaration' })
  id: string;

  @Column('uuid', { name: 'assessor_id' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_conflict_declaration_assessor' })
  assessor?: UserEntity;

  @Column('varchar', { length: 20 })
  kind: 'candidate' | 'employer';

  @Column('uuid', { name: 'candidate_id', nullable: true })
  candidateId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_conflict_declaration_candidate' })
  candidate?: UserEntity;

  @Column('varchar', { length: 300, nullable: true })
  employer: string | null;

  @Column('text')
  reason: string;

  @Column('varchar', { length: 20, default: 'open' })
  status: 'open' | 'closed';

  @Column('text', { name: 'closed_reason', nullable: true })
  closedReason: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
