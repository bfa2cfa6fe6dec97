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
import type { LearningKind, RecordVerdict } from '../eligibility/eligibility';
import { ApplicationEntity } from './application.entity';

/**
 * Documented non-formal or informal learning (DOMAIN.md §3): a course certificate, an employer's
 * reference, or a statement of informal learning confirmed by an employer. One learning record
 * with its document opens a card's informal route (with the experience the route names).
 */
@Entity({ name: 'candidate_learning' })
@Index('ix_candidate_learning_candidate', ['candidateId'])
@Check('ck_candidate_learning_kind', `"kind" IN ('non_formal_course', 'employer_reference', 'informal_statement')`)
@Check('ck_candidate_learning_period', '"end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date"')
@Check('ck_candidate_learning_check_status', `"check_status" IN ('pending', 'confirmed', 'rejected')`)
@Check(
  'ck_candidate_learning_check',
  `("check_status" = 'pending' AND "checked_by" IS NULL AND "checked_at" IS NULL AND "checked_application_id" IS NULL AND "check_reason" IS NULL) OR ("check_status" <> 'pending' AND "checked_by" IS NOT NULL AND "checked_at" IS NOT NULL AND "checked_application_id" IS NOT NULL AND ("check_status" = 'confirmed' OR "check_reason" IS NOT NULL))`,
)
@Check('ck_candidate_learning_confirmed_document', `"check_status" <> 'confirmed' OR "document_id" IS NOT NULL`)
export class LearningRecordEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_candidate_learning' })
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_candidate_learning_candidate' })
  candidate?: UserEntity;

  @Column('varchar', { length: 30 })
  kind: LearningKind;

  /** The course, or what the reference or statement says was learnt. */
  @Column('varchar', { length: 300 })
  title: string;

  /** The training provider, or the employer who wrote or confirmed the reference or statement. */
  @Column('varchar', { length: 300 })
  issuer: string;

  /** The period of learning, when the document states one. */
  @Column('date', { name: 'start_date', nullable: true })
  startDate: string | null;

  @Column('date', { name: 'end_date', nullable: true })
  endDate: string | null;

  /** The day the certificate, reference or confirmation was issued. */
  @Column('date', { name: 'issue_date' })
  issueDate: string;

  /** The uploaded document: an evidence file of the candidate's own (the database refuses another's). */
  @Column('uuid', { name: 'document_id', nullable: false })
  documentId: string;

  @ManyToOne('EvidenceFileEntity', { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'document_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_candidate_learning_document' },
    { name: 'candidate_id', referencedColumnName: 'candidateId' },
  ])
  document?: object;

  /** The centre's document check; an edit of the record puts it back to pending. */
  @Column('varchar', { name: 'check_status', length: 10, default: 'pending' })
  checkStatus: RecordVerdict;

  /** Why the document was rejected (required then), or a note on a confirmation. */
  @Column('varchar', { name: 'check_reason', length: 2000, nullable: true })
  checkReason: string | null;

  @Column('uuid', { name: 'checked_by', nullable: true })
  checkedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checked_by', foreignKeyConstraintName: 'fk_candidate_learning_checked_by' })
  checker?: UserEntity;

  @Column('timestamptz', { name: 'checked_at', nullable: true })
  checkedAt: Date | null;

  /** The application whose document check gave the verdict (and so the centre). */
  @Column('uuid', { name: 'checked_application_id', nullable: true })
  checkedApplicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checked_application_id', foreignKeyConstraintName: 'fk_candidate_learning_checked_application' })
  checkedApplication?: ApplicationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
