import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@qualcert/identity';

export const EVIDENCE_TYPES = [
  'course_certificate',
  'employer_reference',
  'work_sample',
  'employment_record',
  'diploma',
  'other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/**
 * A file a candidate submitted as evidence of learning. Stored once per candidate and content
 * (the SHA-256 is unique per candidate); the row is written only after the file is stored.
 */
@Entity({ name: 'evidence_file' })
@Index('uq_evidence_file_content', ['candidateId', 'sha256'], { unique: true })
// Lets a candidate's record point at a document that is the candidate's own (a composite key).
@Index('uq_evidence_file_owner', ['id', 'candidateId'], { unique: true })
@Check(
  'ck_evidence_file_type',
  `"type" IN ('course_certificate', 'employer_reference', 'work_sample', 'employment_record', 'diploma', 'other')`,
)
@Check('ck_evidence_file_mime', `"mime" IN ('application/pdf', 'image/jpeg', 'image/png')`)
export class EvidenceFileEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_evidence_file' })
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_evidence_file_candidate' })
  candidate?: UserEntity;

  @Column('varchar', { length: 64 })
  sha256: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('varchar', { length: 50 })
  mime: string;

  /** Sanitised, with the extension of the detected type. */
  @Column('varchar', { name: 'file_name', length: 130 })
  fileName: string;

  @Column('varchar', { name: 'storage_key', length: 200 })
  storageKey: string;

  @Column('varchar', { length: 30 })
  type: EvidenceType;

  @Column('varchar', { length: 300 })
  issuer: string;

  @Column('date', { name: 'issue_date' })
  issueDate: string;

  @Column('text', { nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
