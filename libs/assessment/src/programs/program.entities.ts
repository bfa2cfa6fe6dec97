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
import { ProfessionCardEntity, SkillEntity } from '@qualcert/standards';
import { CentreEntity } from '@qualcert/centres';

export const PROGRAM_STATUSES = ['draft', 'active', 'superseded'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/**
 * What an exam for a card consists of at one centre. Versioned: changing an active program
 * makes a new draft version; sessions keep the version they were scheduled with. At most one
 * active version per centre and card (a partial unique index).
 */
@Entity({ name: 'qualification_program' })
@Index('uq_program_version', ['centreId', 'cardId', 'version'], { unique: true })
@Index('uq_program_active', ['centreId', 'cardId'], { unique: true, where: `"status" = 'active'` })
@Check('ck_program_status', `"status" IN ('draft', 'active', 'superseded')`)
@Check('ck_program_pass_mark', '"pass_mark_percent" BETWEEN 1 AND 100')
@Check('ck_program_skill_floor', '"skill_floor_percent" BETWEEN 0 AND 100')
@Check('ck_program_positive', '"questions_per_skill" > 0 AND "time_limit_minutes" > 0 AND "assessors_per_session" > 0')
export class QualificationProgramEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_qualification_program' })
  id: string;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @ManyToOne(() => CentreEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id', foreignKeyConstraintName: 'fk_program_centre' })
  centre?: CentreEntity;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_program_card' })
  card?: ProfessionCardEntity;

  @Column('uuid', { name: 'standard_version_id' })
  standardVersionId: string;

  @Column('integer')
  version: number;

  @Column('varchar', { length: 20, default: 'draft' })
  status: ProgramStatus;

  @Column('smallint', { name: 'questions_per_skill', default: 3 })
  questionsPerSkill: number;

  @Column('smallint', { name: 'time_limit_minutes', default: 60 })
  timeLimitMinutes: number;

  /** The overall theory pass mark: the share of the whole test to answer correctly. */
  @Column('smallint', { name: 'pass_mark_percent', default: 70 })
  passMarkPercent: number;

  /** The least share of each skill's questions to answer correctly (with the overall mark met). */
  @Column('smallint', { name: 'skill_floor_percent', default: 50 })
  skillFloorPercent: number;

  @Column('smallint', { name: 'assessors_per_session', default: 2 })
  assessorsPerSession: number;

  @Column('smallint', { name: 'certificate_validity_months', default: 60 })
  certificateValidityMonths: number;

  @Column('smallint', { name: 'credit_validity_months', default: 12 })
  creditValidityMonths: number;

  @Column('smallint', { name: 'appeal_window_days', default: 10 })
  appealWindowDays: number;

  @Column('smallint', { name: 'retake_wait_days', default: 30 })
  retakeWaitDays: number;

  /**
   * The card's additional functions the centre assesses (candidates may choose among them when
   * applying). Mandatory functions are always assessed; readiness covers both.
   */
  @Column('jsonb', { name: 'additional_function_ids', default: () => `'[]'` })
  additionalFunctionIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'activated_at', nullable: true })
  activatedAt: Date | null;
}

/** A practical task for a skill: what the candidate does, and the abilities it lets assessors observe. */
@Entity({ name: 'practical_task' })
@Index('ix_practical_task_program', ['programId', 'skillId'])
export class PracticalTaskEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_practical_task' })
  id: string;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  @ManyToOne(() => QualificationProgramEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_practical_task_program' })
  program?: QualificationProgramEntity;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_practical_task_skill' })
  skill?: SkillEntity;

  @Column('text')
  text: string;

  /** Ids of the skill's abilities the task observes. */
  @Column('jsonb', { name: 'ability_ids' })
  abilityIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const QUESTION_TYPES = ['single', 'multiple'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A question of a centre's item bank for a card, tied to one skill. Its text lives in versions. */
@Entity({ name: 'question' })
@Index('ix_question_bank', ['centreId', 'cardId', 'skillId', 'status'])
@Check('ck_question_status', `"status" IN ('active', 'retired')`)
export class QuestionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_question' })
  id: string;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @ManyToOne(() => CentreEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id', foreignKeyConstraintName: 'fk_question_centre' })
  centre?: CentreEntity;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_question_card' })
  card?: ProfessionCardEntity;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_question_skill' })
  skill?: SkillEntity;

  @Column('varchar', { length: 20, default: 'active' })
  status: 'active' | 'retired';

  @Column('integer', { name: 'current_version', default: 1 })
  currentVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface QuestionOption {
  id: string;
  text: string;
}

/** One wording of a question. Immutable: a test keeps the version it was given. */
@Entity({ name: 'question_version' })
@Index('uq_question_version', ['questionId', 'version'], { unique: true })
@Check('ck_question_version_type', `"type" IN ('single', 'multiple')`)
export class QuestionVersionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_question_version' })
  id: string;

  @Column('uuid', { name: 'question_id' })
  questionId: string;

  @ManyToOne(() => QuestionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'fk_question_version_question' })
  question?: QuestionEntity;

  @Column('integer')
  version: number;

  @Column('varchar', { length: 20 })
  type: QuestionType;

  @Column('text')
  text: string;

  @Column('jsonb')
  options: QuestionOption[];

  @Column('jsonb', { name: 'correct_option_ids' })
  correctOptionIds: string[];

  @Column('text', { nullable: true })
  explanation: string | null;

  @Column('uuid', { name: 'knowledge_item_id', nullable: true })
  knowledgeItemId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
