import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@qualcert/identity/entities';

/** A candidate's identity. One person, one ИИН: the database refuses a second profile with it. */
@Entity({ name: 'candidate_profile' })
@Index('uq_candidate_profile_iin', ['iin'], { unique: true })
@Check('ck_candidate_profile_sex', `"sex" IN ('male', 'female')`)
@Check('ck_candidate_profile_iin', `"iin" ~ '^[0-9]{12}$'`)
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
