import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DecisionResult } from '../rules/decision-rule';

export const DECISION_STATUSES = ['pending_signoff', 'approved', 'returned', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * A recognition decision on an application, with its reasoning per function and skill. At most
 * one decision awaiting sign-off and one approved per application: a job that runs twice, or two
 * workers racing, cannot make a second one. Both may exist at once only while a decision made on
 * appeal awaits sign-off beside the approved one it will supersede. Returned and superseded
 * decisions are kept.
 */
@Entity({ name: 'decision' })
@Index('uq_decision_sequence', ['applicationId', 'sequence'], { unique: true })
@Index('uq_decision_pending', ['applicationId'], { unique: true, where: `"status" = 'pending_signoff'` })
@Index('uq_decision_approved', ['applicationId'], { unique: true, where: `"status" = 'approved'` })
@Check('ck_decision_status', `"status" IN ('pending_signoff', 'approved', 'returned', 'superseded')`)
@Check('ck_decision_outcome', `"outcome" IN ('awarded', 'partial', 'not_awarded')`)
@Check(
  'ck_decision_terms',
  `"status" NOT IN ('approved', 'superseded') OR ("certificate_validity_months" IS NOT NULL AND "credit_validity_months" IS NOT NULL AND "appeal_window_days" IS NOT NULL AND "retake_wait_days" IS NOT NULL)`,
)
export class DecisionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_decision' })
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @ManyToOne('ApplicationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_decision_application' })
  application?: unknown;

  /** 1 for the first decision of the application; a recomputation takes the next number. */
  @Column('integer')
  sequence: number;

  @Column('varchar', { length: 20 })
  status: DecisionStatus;

  @Column('varchar', { length: 20 })
  outcome: 'awarded' | 'partial' | 'not_awarded';

  @Column('jsonb', { name: 'credited_skill_ids' })
  creditedSkillIds: string[];

  /** The rule's whole result: reasoning per function and skill, and the conclusion. */
  @Column('jsonb')
  result: DecisionResult;

  @CreateDateColumn({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;

  @Column('uuid', { name: 'signed_by', nullable: true })
  signedBy: string | null;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by', foreignKeyConstraintName: 'fk_decision_signed_by' })
  signer?: unknown;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt: Date | null;

  @Column('text', { name: 'return_reason', nullable: true })
  returnReason: string | null;

  // The terms the decision grants, fixed when it is signed (rules/decision-terms.ts): never read
  // from the program again, so changing or retiring it moves no right already granted.
  @Column('smallint', { name: 'certificate_validity_months', nullable: true })
  certificateValidityMonths: number | null;

  @Column('smallint', { name: 'credit_validity_months', nullable: true })
  creditValidityMonths: number | null;

  @Column('smallint', { name: 'appeal_window_days', nullable: true })
  appealWindowDays: number | null;

  @Column('smallint', { name: 'retake_wait_days', nullable: true })
  retakeWaitDays: number | null;

  /** The decision this one replaces, when it was made on appeal. */
  @Column('uuid', { name: 'supersedes_id', nullable: true })
  supersedesId: string | null;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'fk_decision_supersedes' })
  supersedes?: DecisionEntity;
}
