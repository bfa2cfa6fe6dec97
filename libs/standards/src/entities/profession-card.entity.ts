import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StandardVersionEntity } from './standard.entity';
import type { CardPrerequisites } from '../prerequisites/prerequisite-rules';

export const PREREQUISITE_STATUSES = ['structured', 'needs_review', 'confirmed'] as const;
export type PrerequisiteStatus = (typeof PREREQUISITE_STATUSES)[number];

@Entity({ name: 'profession_card' })
@Index('uq_profession_card_number', ['standardVersionId', 'number'], { unique: true })
@Index('ix_profession_card_occupation_code', ['occupationCode'])
@Check('ck_profession_card_ork_level', '"ork_level" BETWEEN 1 AND 8')
@Check('ck_profession_card_prerequisite_status', `"prerequisite_status" IN ('structured', 'needs_review', 'confirmed')`)
export class ProfessionCardEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_profession_card' })
  id: string;

  @Column('uuid', { name: 'standard_version_id' })
  standardVersionId: string;

  @ManyToOne(() => StandardVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_version_id', foreignKeyConstraintName: 'fk_profession_card_standard_version' })
  standardVersion?: StandardVersionEntity;

  /** Position in the standard; the printed number is kept apart because the source misnumbers. */
  @Column('integer')
  number: number;

  @Column('integer', { name: 'printed_number', nullable: true })
  printedNumber: number | null;

  @Column('varchar', { name: 'group_code', length: 20, nullable: true })
  groupCode: string | null;

  @Column('varchar', { name: 'occupation_code', length: 20, nullable: true })
  occupationCode: string | null;

  @Column('varchar', { length: 500 })
  name: string;

  @Column('smallint', { name: 'ork_level' })
  orkLevel: number;

  @Column('varchar', { name: 'ork_sublevel', length: 50, nullable: true })
  orkSublevel: string | null;

  @Column('text', { name: 'qualification_reference', nullable: true })
  qualificationReference: string | null;

  @Column('text', { name: 'education_level_text' })
  educationLevelText: string;

  @Column('text', { nullable: true })
  specialty: string | null;

  @Column('text', { nullable: true })
  qualification: string | null;

  @Column('text', { name: 'experience_text' })
  experienceText: string;

  @Column('text', { name: 'informal_text' })
  informalText: string;

  @Column('jsonb', { name: 'other_names' })
  otherNames: { code: string | null; name: string }[];

  @Column('text', { name: 'main_goal' })
  mainGoal: string;

  @Column('jsonb', { name: 'personal_competencies' })
  personalCompetencies: string[];

  @Column('jsonb', { name: 'technical_standards' })
  technicalStandards: string[];

  @Column('jsonb', { name: 'related_professions' })
  relatedProfessions: { orkLevel: number | null; code: string | null; name: string }[];

  @Column('jsonb')
  prerequisites: CardPrerequisites;

  @Column('varchar', { name: 'prerequisite_status', length: 20 })
  prerequisiteStatus: PrerequisiteStatus;

  @Column('integer', { name: 'source_line' })
  sourceLine: number;
}
