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

export const APPEAL_STATUSES = ['lodged', 'hearing', 'upheld', 'reassessment', 'reassessed', 'resolved'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/**
 * A candidate's appeal against a signed decision. One per decision: an appeal that ends in a
 * new decision can be appealed in its turn, as a new appeal against the new decision.
 *
 * lodged → hearing (panel named) → upheld, or → reassessment (ordered by the panel's votes)
 * → reassessed (every contested skill re-assessed; the worker computes the new decision)
 * → resolved (the new decision signed, superseding the contested one).
 */
@Entity({ name: 'appeal' })
@Index('uq_appeal_decision', ['decisionId'], { unique: true })
@Index('ix_appeal_application', ['applicationId'])
@Check('ck_appeal_status', `"status" IN ('lodged', 'hearing', 'upheld', 'reassessment', 'reassessed', 'resolved')`)
export class AppealEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_appeal' })
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @ManyToOne('ApplicationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_appeal_application' })
  application?: unknown;

  /** The contested decision. */
  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne('DecisionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_appeal_decision' })
  decision?: unknown;

  @Column('jsonb', { name: 'contested_skill_ids' })
  contestedSkillIds: string[];

  @Column('text')
  grounds: string;

  /** The last day the appeal could be lodged, kept as it was told to the candidate. */
  @Column('date')
  deadline: string;

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
@Check('ck_appeal_panel_member_vote', `"vote" IS NULL OR "vote" IN ('uphold', 'reassess')`)
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
  vote: 'uphold' | 'reassess' | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { name: 'voted_at', nullable: true })
  votedAt: Date | null;
}

/** The panel's re-assessment of one contested skill. Recorded once. */
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

  @Column('uuid', { name: 'assessor_id' })
  assessorId: string;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_appeal_reassessment_assessor' })
  assessor?: unknown;

  @Column('text')
  note: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
