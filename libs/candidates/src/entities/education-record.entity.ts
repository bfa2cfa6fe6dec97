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
import type { EducationLevel } from '@qualcert/standards';
import type { RecordVerdict } from '../eligibility/eligibility';
import { ApplicationEntity } from './application.entity';

/** A diploma or certificate of education, with its document and the centre's check of it. */
@Entity({ name: 'candidate_education' })
@Index('ix_candidate_education_candidate', ['candidateId'])
@Check(
  'ck_candidate_education_level',
  `"level" IN ('general_secondary', 'tvet_worker', 'tvet_specialist', 'post_secondary', 'higher', 'postgraduate')`,
)
@Check('ck_candidate_education_check_status', `"check_status" IN ('pending', 'confirmed', 'rejected')`)
@Check(
  'ck_candidate_education_check',
  `("check_status" = 'pending' AND "checked_by" IS NULL AND "checked_at" IS NULL AND "checked_application_id" IS NULL AND "check_reason" IS NULL) OR ("check_status" <> 'pending' AND "checked_by" IS NOT NULL AND "checked_at" IS NOT NULL AND "checked_application_id" IS NOT NULL AND ("check_status" = 'confirmed' OR "check_reason" IS NOT NULL))`,
)
@Check('ck_candidate_education_confirmed_document', `"check_status" <> 'confirmed' OR "document_id" IS NOT NULL`)
export class EducationRecordEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_candidate_education' })
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_candidate_education_candidate' })
  candidate?: UserEntity;

  @Column('varchar', { length: 30 })
  level: EducationLevel;

  @Column('varchar', { length: 300 })
  institution: string;

  @Column('varchar', { length: 300, nullable: true })
  specialty: string | null;

  @Column('varchar', { length: 300, nullable: true })
  qualification: string | null;

  @Column('smallint', { name: 'graduation_year' })
  graduationYear: number;

  /** The document's reference: a diploma's series and number, for example. */
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
    { name: 'document_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_candidate_education_document' },
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
  @JoinColumn({ name: 'checked_by', foreignKeyConstraintName: 'fk_candidate_education_checked_by' })
  checker?: UserEntity;

  @Column('timestamptz', { name: 'checked_at', nullable: true })
  checkedAt: Date | null;

  /** The application whose document check gave the verdict (and so the centre). */
  @Column('uuid', { name: 'checked_application_id', nullable: true })
  checkedApplicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'checked_application_id',
    foreignKeyConstraintName: 'fk_candidate_education_checked_application',
  })
  checkedApplication?: ApplicationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
