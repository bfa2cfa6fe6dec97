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
import { FieldOfActivityEntity } from '@qualcert/standards';
import type { RecordVerdict } from '../eligibility/eligibility';
import { ApplicationEntity } from './application.entity';

/** A job, in a field of the field tree, with its document and the centre's check of it. */
@Entity({ name: 'candidate_employment' })
@Index('ix_candidate_employment_candidate', ['candidateId'])
@Check('ck_candidate_employment_period', '"end_date" IS NULL OR "end_date" >= "start_date"')
@Check('ck_candidate_employment_check_status', `"check_status" IN ('pending', 'confirmed', 'rejected')`)
@Check(
  'ck_candidate_employment_check',
  `("check_status" = 'pending' AND "checked_by" IS NULL AND "checked_at" IS NULL AND "checked_application_id" IS NULL AND "check_reason" IS NULL) OR ("check_status" <> 'pending' AND "checked_by" IS NOT NULL AND "checked_at" IS NOT NULL AND "checked_application_id" IS NOT NULL AND ("check_status" = 'confirmed' OR "check_reason" IS NOT NULL))`,
)
@Check('ck_candidate_employment_confirmed_document', `"check_status" <> 'confirmed' OR "document_id" IS NOT NULL`)
export class EmploymentRecordEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_candidate_employment' })
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_candidate_employment_candidate' })
  candidate?: UserEntity;

  @Column('varchar', { length: 300 })
  employer: string;

  @Column('varchar', { length: 300 })
  position: string;

  /** A code of the field tree (GET /api/v1/fields). */
  @Column('varchar', { length: 60 })
  field: string;

  @ManyToOne(() => FieldOfActivityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'field', foreignKeyConstraintName: 'fk_candidate_employment_field' })
  fieldOfActivity?: FieldOfActivityEntity;

  @Column('date', { name: 'start_date' })
  startDate: string;

  /** Null while the job goes on. */
  @Column('date', { name: 'end_date', nullable: true })
  endDate: string | null;

  /** The document's reference: an employment record book entry or a certificate from the employer. */
  @Column('varchar', { name: 'document_ref', length: 200 })
  documentRef: string;

  /**
   * The uploaded document (an evidence file of the candidate's own: the database refuses
   * another's). Null only on records made before documents were required; those count for nothing
   * until one is attached.
   */
  @Column('uuid', { name: 'document_id', nullable: true })
  documentId: string | null;

  @ManyToOne('EvidenceFileEntity', { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'document_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_candidate_employment_document' },
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
  @JoinColumn({ name: 'checked_by', foreignKeyConstraintName: 'fk_candidate_employment_checked_by' })
  checker?: UserEntity;

  @Column('timestamptz', { name: 'checked_at', nullable: true })
  checkedAt: Date | null;

  /** The application whose document check gave the verdict (and so the centre). */
  @Column('uuid', { name: 'checked_application_id', nullable: true })
  checkedApplicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'checked_application_id',
    foreignKeyConstraintName: 'fk_candidate_employment_checked_application',
  })
  checkedApplication?: ApplicationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
