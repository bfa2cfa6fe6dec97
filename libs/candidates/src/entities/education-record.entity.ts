import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@qualcert/identity/entities';
import type { EducationLevel } from '@qualcert/standards/prerequisites/prerequisite-rules';

@Entity({ name: 'candidate_education' })
@Index('ix_candidate_education_candidate', ['candidateId'])
@Check(
  'ck_candidate_education_level',
  `"level" IN ('general_secondary', 'tvet_worker', 'tvet_specialist', 'post_secondary', 'higher', 'postgraduate')`,
)
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

  /** The supporting document: a diploma's series and number, for example. */
  @Column('varchar', { name: 'document_ref', length: 200 })
  documentRef: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
