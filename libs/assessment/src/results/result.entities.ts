import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@qualcert/identity';
import { SkillEntity } from '@qualcert/standards';
import { EnrolmentEntity } from '../sessions/session.entities';

/** One assessor's practical verdict on one examined skill of one enrolled candidate. */
@Entity({ name: 'practical_verdict' })
@Index('uq_practical_verdict', ['enrolmentId', 'assessorId', 'skillId'], { unique: true })
@Check('ck_practical_verdict', `"verdict" IN ('competent', 'not_yet_competent')`)
export class PracticalVerdictEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_practical_verdict' })
  id: string;

  @Column('uuid', { name: 'enrolment_id' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_practical_verdict_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column('uuid', { name: 'assessor_id' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_practical_verdict_assessor' })
  assessor?: UserEntity;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_practical_verdict_skill' })
  skill?: SkillEntity;

  @Column('varchar', { length: 20 })
  verdict: 'competent' | 'not_yet_competent';

  @Column('jsonb', { name: 'abilities_observed' })
  abilitiesObserved: string[];

  @Column('text')
  comment: string;

  @UpdateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** An assessor's signature on their sheet for a candidate: after it, their verdicts are locked. */
@Entity({ name: 'practical_sheet' })
export class PracticalSheetEntity {
  @PrimaryColumn('uuid', { name: 'enrolment_id', primaryKeyConstraintName: 'pk_practical_sheet' })
  enrolmentId: string;

  @PrimaryColumn('uuid', { name: 'assessor_id', primaryKeyConstraintName: 'pk_practical_sheet' })
  assessorId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_practical_sheet_enrolment' })
  enrolment?: EnrolmentEntity;

  @CreateDateColumn({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;
}

export interface EvidenceCriteria {
  valid: boolean;
  sufficient: boolean;
  authentic: boolean;
  current: boolean;
}

/** The review of the evidence claimed for one recommended skill of an application. */
@Entity({ name: 'evidence_review' })
@Index('uq_evidence_review', ['applicationId', 'skillId'], { unique: true })
@Index('ix_evidence_review_assessor', ['assessorId', 'status'])
@Check('ck_evidence_review_status', `"status" IN ('pending', 'more_requested', 'accepted', 'rejected')`)
export class EvidenceReviewEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_evidence_review' })
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @ManyToOne('ApplicationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_evidence_review_application' })
  application?: unknown;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_evidence_review_skill' })
  skill?: SkillEntity;

  @Column('uuid', { name: 'assessor_id' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_evidence_review_assessor' })
  assessor?: UserEntity;

  @Column('varchar', { length: 20, default: 'pending' })
  status: 'pending' | 'more_requested' | 'accepted' | 'rejected';

  @Column('jsonb', { nullable: true })
  criteria: EvidenceCriteria | null;

  @Column('text', { nullable: true })
  comment: string | null;

  /** Set once: more evidence may be asked for only one time. */
  @Column('timestamptz', { name: 'more_requested_at', nullable: true })
  moreRequestedAt: Date | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
