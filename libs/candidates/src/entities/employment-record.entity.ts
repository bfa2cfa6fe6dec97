import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@qualcert/identity/entities';

@Entity({ name: 'candidate_employment' })
@Index('ix_candidate_employment_candidate', ['candidateId'])
@Check('ck_candidate_employment_period', '"end_date" IS NULL OR "end_date" >= "start_date"')
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

  /** An experience field of the catalogue (see EXPERIENCE_FIELDS), or 'other'. */
  @Column('varchar', { length: 60 })
  field: string;

  @Column('date', { name: 'start_date' })
  startDate: string;

  /** Null while the job goes on. */
  @Column('date', { name: 'end_date', nullable: true })
  endDate: string | null;

  /** The supporting document: an employment record book entry or a certificate from the employer. */
  @Column('varchar', { name: 'document_ref', length: 200 })
  documentRef: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
