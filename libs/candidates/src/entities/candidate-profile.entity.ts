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

/**
 * A candidate's identity. The ИИН is declared by the account; two accounts may declare the same
 * one (a unique index answered "taken" to anyone who tried an ИИН, issue 17), and a centre that
 * saw the person's identity document confirms which account holds it: at most one per ИИН.
 */
@Entity({ name: 'candidate_profile' })
@Index('ix_candidate_profile_iin', ['iin'])
@Index('uq_candidate_profile_iin_confirmed', ['iin'], { unique: true, where: `"identity_confirmed_at" IS NOT NULL` })
@Check('ck_candidate_profile_sex', `"sex" IN ('male', 'female')`)
@Check('ck_candidate_profile_iin', `"iin" ~ '^[0-9]{12}$'`)
@Check(
  'ck_candidate_profile_identity_confirmation',
  `("identity_confirmed_at" IS NULL) = ("identity_confirmed_by" IS NULL) AND ("identity_confirmed_at" IS NULL) = ("identity_document" IS NULL)`,
)
export class CandidateProfileEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'pk_candidate_profile' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_candidate_profile_user' })
  user?: UserEntity;

  @Column('varchar', { length: 12 })
  iin: string;

  @Column('date', { name: 'birth_date' })
  birthDate: string;

  @Column('varchar', { length: 10 })
  sex: 'male' | 'female';

  @Column('varchar', { length: 30, nullable: true })
  phone: string | null;

  @Column('varchar', { length: 500, nullable: true })
  address: string | null;

  /** When a centre saw the person's identity document and confirmed this account holds the ИИН. */
  @Column('timestamptz', { name: 'identity_confirmed_at', nullable: true })
  identityConfirmedAt: Date | null;

  @Column('uuid', { name: 'identity_confirmed_by', nullable: true })
  identityConfirmedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'identity_confirmed_by', foreignKeyConstraintName: 'fk_candidate_profile_identity_confirmed_by' })
  identityConfirmer?: UserEntity;

  /** The document the centre saw, as its staff wrote it (kind and number). */
  @Column('varchar', { name: 'identity_document', length: 200, nullable: true })
  identityDocument: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
