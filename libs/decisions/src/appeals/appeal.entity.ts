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

import type { AppealKind, PanelVote } from '../rules/appeal-rule';
import type { ReExamination } from '../rules/reassessment-rule';

export const APPEAL_STATUSES = [
  'lodged',
  'hearing',
  'upheld',
  'reassessment',
  'reassessed',
  'resolved',
  'admitted',
  'sustained',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/**
 * A candidate's appeal: against a signed decision (one per decision: an appeal that ends in a new
 * decision can be appealed in its turn), against a refusal of admission (one per refusal, that
 * is per submission of the application), or about the procedure (one open at a time).
 *
 * Decision: lodged → hearing (panel named) → upheld, or → reassessment (ordered by the panel's
 * votes) → reassessed (the panel's majority on every contested skill; the worker computes the
 * new decision) → resolved (the new decision signed, superseding the contested one).
 * Admission: lodged → hearing → upheld (the refusal stands) or admitted (the application admitted).
 * Procedural: lodged → hearing → upheld (nothing wrong found) or sustained (the complaint is well
 * founded; the panel's reasons are the finding, for the centre to act on).
 */
@Entity({ name: 'appeal' })
@Index('uq_appeal_decision', ['decisionId'], { unique: true })
@Index('uq_appeal_admission', ['applicationId', 'applicationSubmission'], {
  unique: true,
  where: `"kind" = 'admission'`,
})
@Index('uq_appeal_procedural_open', ['applicationId'], {
  unique: true,
  where: `"kind" = 'procedural' AND "status" IN ('lodged', 'hearing')`,
})
@Index('ix_appeal_application', ['applicationId'])
@Check(
  'ck_appeal_status',
  `"status" IN ('lodged', 'hearing', 'upheld', 'reassessment', 'reassessed', 'resolved', 'admitted', 'sustained')`,
)
@Check('ck_appeal_kind', `"kind" IN ('decision', 'admission', 'procedural')`)
@Check('ck_appeal_kind_decision', `("kind" = 'decision') = ("decision_id" IS NOT NULL)`)
export class AppealEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_appeal' })
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @ManyToOne('ApplicationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_appeal_application' })
  application?: unknown;

  @Column('varchar', { length: 20, default: 'decision' })
  kind: AppealKind;

  /** The contested decision (decision appeals only). */
  @Column('uuid', { name: 'decision_id', nullable: true })
  decisionId: string | null;

  @ManyToOne('DecisionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_appeal_decision' })
  decision?: unknown;

  @Column('jsonb', { name: 'contested_skill_ids' })
  contestedSkillIds: string[];

  @Column('text')
  grounds: string;

  /** The candidate's evidence files named as the appeal's documents. */
  @Column('jsonb', { name: 'evidence_ids', default: () => `'[]'` })
  evidenceIds: string[];

  /** The submission of the application whose refusal an admission appeal contests. */
  @Column('integer', { name: 'application_submission', nullable: true })
  applicationSubmission: number | null;

  /** The last day the appeal could be lodged, kept as it was told to the candidate; none for a complaint about an application under way. */
  @Column('date', { nullable: true })
  deadline: string | null;

  @Column('varchar', { length: 20 })
  status: AppealStatus;

  /** When the panel's votes resolved the hearing. */
  @Column('timestamptz', { name: 'heard_at', nullable: true })
  heardAt: Date | null;

  /** The decision computed after the re-assessment; it supersedes the contested one when signed. */
  @Column('uuid', { name: 'new_decision_id', nullable: true })
  newDecisionId: string | null;

  @ManyToOne('DecisionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'new_decision_id', foreignKeyConstraintName: 'fk_appeal_new_decision' })
  newDecision?: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A member of an appeal's panel, with their vote once cast. */
@Entity({ name: 'appeal_panel_member' })
@Index('ix_appeal_panel_member_assessor', ['assessorId'])
@Check('ck_appeal_panel_member_vote', `"vote" IS NULL OR "vote" IN ('uphold', 'reassess', 'admit', 'sustain')`)
@Check('ck_appeal_panel_member_voted', `("vote" IS NULL) = ("voted_at" IS NULL)`)
export class AppealPanelMemberEntity {
  @PrimaryColumn('uuid', { name: 'appeal_id', primaryKeyConstraintName: 'pk_appeal_panel_member' })
  appealId: string;

  @ManyToOne(() => AppealEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appeal_id', foreignKeyConstraintName: 'fk_appeal_panel_member_appeal' })
  appeal?: AppealEntity;

  @PrimaryColumn('uuid', { name: 'assessor_id', primaryKeyConstraintName: 'pk_appeal_panel_member' })
  assessorId: string;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_appeal_panel_member_assessor' })
  assessor?: unknown;

  @Column('varchar', { length: 20, nullable: true })
  vote: PanelVote | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { name: 'voted_at', nullable: true })
  votedAt: Date | null;
}

/**
 * A panel member's verdict on one contested skill, recorded once per member; the panel's majority
 * decides (rules/reassessment-rule.ts). A re-examination record backs a verdict with a theory
 * re-test and/or a practical observation; a skill not recommended for recognition is credited on
 * nothing less.
 */
@Entity({ name: 'appeal_reassessment' })
@Check('ck_appeal_reassessment_result', `"result" IN ('passed', 'failed')`)
export class AppealReassessmentEntity {
  @PrimaryColumn('uuid', { name: 'appeal_id', primaryKeyConstraintName: 'pk_appeal_reassessment' })
  appealId: string;

  @ManyToOne(() => AppealEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appeal_id', foreignKeyConstraintName: 'fk_appeal_reassessment_appeal' })
  appeal?: AppealEntity;

  @PrimaryColumn('uuid', { name: 'skill_id', primaryKeyConstraintName: 'pk_appeal_reassessment' })
  skillId: string;

  @ManyToOne('SkillEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_appeal_reassessment_skill' })
  skill?: unknown;

  @Column('varchar', { length: 10 })
  result: 'passed' | 'failed';

  @PrimaryColumn('uuid', { name: 'assessor_id', primaryKeyConstraintName: 'pk_appeal_reassessment' })
  assessorId: string;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_appeal_reassessment_assessor' })
  assessor?: unknown;

  @Column('text')
  note: string;

  @Column('jsonb', { name: 're_examination', nullable: true })
  reExamination: ReExamination | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
