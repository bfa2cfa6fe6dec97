import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@qualcert/identity';
import { CentreEntity } from '@qualcert/centres';
import { QualificationProgramEntity, QuestionVersionEntity } from '../programs/program.entities';

/**
 * An exam session: a program's version, a time window, a place, seats and assessors. The count
 * of enrolled candidates lives on the row so that taking a seat is one conditional UPDATE: fifty
 * simultaneous enrolments for ten seats give exactly ten.
 */
@Entity({ name: 'exam_session' })
@Index('ix_exam_session_centre', ['centreId', 'startsAt'])
@Check('ck_exam_session_window', '"ends_at" > "starts_at"')
@Check('ck_exam_session_seats', '"capacity" > 0 AND "enrolled_count" BETWEEN 0 AND "capacity"')
@Check('ck_exam_session_status', `"status" IN ('scheduled', 'cancelled')`)
export class ExamSessionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_exam_session' })
  id: string;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @ManyToOne(() => CentreEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id', foreignKeyConstraintName: 'fk_exam_session_centre' })
  centre?: CentreEntity;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  @ManyToOne(() => QualificationProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_exam_session_program' })
  program?: QualificationProgramEntity;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  /** An address, or null for an online session. */
  @Column('varchar', { length: 500, nullable: true })
  place: string | null;

  @Column('integer')
  capacity: number;

  @Column('integer', { name: 'enrolled_count', default: 0 })
  enrolledCount: number;

  @Column('varchar', { length: 20, default: 'scheduled' })
  status: 'scheduled' | 'cancelled';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'session_assessor' })
@Index('ix_session_assessor_assessor', ['assessorId'])
export class SessionAssessorEntity {
  @PrimaryColumn('uuid', { name: 'session_id', primaryKeyConstraintName: 'pk_session_assessor' })
  sessionId: string;

  @PrimaryColumn('uuid', { name: 'assessor_id', primaryKeyConstraintName: 'pk_session_assessor' })
  assessorId: string;

  @ManyToOne(() => ExamSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_session_assessor_session' })
  session?: ExamSessionEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_session_assessor_assessor' })
  assessor?: UserEntity;
}

/** An application's seat in a session. At most one live enrolment per application. */
@Entity({ name: 'enrolment' })
@Index('uq_enrolment_application', ['applicationId'], { unique: true, where: `"status" = 'enrolled'` })
@Index('ix_enrolment_session', ['sessionId', 'status'])
@Check('ck_enrolment_status', `"status" IN ('enrolled', 'withdrawn')`)
export class EnrolmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_enrolment' })
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ExamSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_enrolment_session' })
  session?: ExamSessionEntity;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @ManyToOne('ApplicationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_enrolment_application' })
  application?: unknown;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  /** The skills this candidate is examined on (on the recognition pathway, those not left to evidence). */
  @Column('jsonb', { name: 'examined_skill_ids' })
  examinedSkillIds: string[];

  @Column('varchar', { length: 20, default: 'enrolled' })
  status: 'enrolled' | 'withdrawn';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export interface SkillScoreRecord {
  skillId: string;
  correct: number;
  total: number;
  share: number;
}

/** A candidate's theory test, assembled when they start it and timed by the server. */
@Entity({ name: 'theory_test' })
@Index('uq_theory_test_enrolment', ['enrolmentId'], { unique: true })
@Index('ix_theory_test_deadline', ['deadlineAt'], { where: `"status" = 'in_progress'` })
@Check('ck_theory_test_status', `"status" IN ('in_progress', 'submitted')`)
export class TheoryTestEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_theory_test' })
  id: string;

  @Column('uuid', { name: 'enrolment_id' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'fk_theory_test_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @Column('varchar', { length: 20, default: 'in_progress' })
  status: 'in_progress' | 'submitted';

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'deadline_at' })
  deadlineAt: Date;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('varchar', { name: 'submitted_by', length: 20, nullable: true })
  submittedBy: 'candidate' | 'deadline' | null;

  @Column('jsonb', { nullable: true })
  score: { perSkill: SkillScoreRecord[]; overall: { correct: number; total: number; share: number } } | null;
}

@Entity({ name: 'theory_test_item' })
@Index('uq_theory_test_item_position', ['testId', 'position'], { unique: true })
export class TheoryTestItemEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_theory_test_item' })
  id: string;

  @Column('uuid', { name: 'test_id' })
  testId: string;

  @ManyToOne(() => TheoryTestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'test_id', foreignKeyConstraintName: 'fk_theory_test_item_test' })
  test?: TheoryTestEntity;

  @Column('integer')
  position: number;

  /** The version the candidate was given: later revisions of the question do not touch it. */
  @Column('uuid', { name: 'question_version_id' })
  questionVersionId: string;

  @ManyToOne(() => QuestionVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_version_id', foreignKeyConstraintName: 'fk_theory_test_item_question_version' })
  questionVersion?: QuestionVersionEntity;

  @Column('uuid', { name: 'skill_id' })
  skillId: string;

  /** The author's option ids (`a`…`h`), in the order this candidate sees them. Never shown. */
  @Column('jsonb', { name: 'option_order' })
  optionOrder: string[];

  /**
   * What the candidate sees instead: this test's own random label of each option, aligned with
   * option_order (rules/option-labels.ts). Answers are saved in these labels.
   */
  @Column('jsonb', { name: 'option_labels' })
  optionLabels: string[];

  /** The labels chosen, sorted. */
  @Column('jsonb', { name: 'answer_option_ids', nullable: true })
  answerOptionIds: string[] | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;
}
