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
import { CentreEntity } from '@qualcert/centres';
import { UserEntity } from '@qualcert/identity';
import { ProfessionCardEntity } from '@qualcert/standards';
import type { ApplicationStatus, Pathway } from '../applications/application-state';
import type { EligibilityResult } from '../eligibility/eligibility';

export interface EligibilityOverride {
  byUserId: string;
  justification: string;
  at: string;
}

/**
 * A candidate's application for one profession card at one centre. At most one open application
 * per candidate and card (a partial unique index: withdrawn and decided ones do not count, so a
 * decided application leaves room for a retake).
 */
@Entity({ name: 'application' })
@Index('uq_application_open', ['candidateId', 'cardId'], {
  unique: true,
  where: `"status" NOT IN ('withdrawn', 'decided')`,
})
@Index('ix_application_centre', ['centreId', 'status'])
@Check('ck_application_pathway', `"pathway" IN ('assessment', 'recognition')`)
@Check(
  'ck_application_withdrawal_wait',
  `"withdrawal_retake_wait_days" IS NULL OR ("status" = 'withdrawn' AND "withdrawn_at" IS NOT NULL AND "withdrawal_retake_wait_days" >= 0)`,
)
@Check(
  'ck_application_status',
  `"status" IN ('draft', 'submitted', 'awaiting_documents', 'eligible', 'ineligible', 'awaiting_decision', 'decided', 'withdrawn')`,
)
export class ApplicationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_application' })
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_application_candidate' })
  candidate?: UserEntity;

  @Column('uuid', { name: 'centre_id' })
  centreId: string;

  @ManyToOne(() => CentreEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'centre_id', foreignKeyConstraintName: 'fk_application_centre' })
  centre?: CentreEntity;

  @Column('uuid', { name: 'card_id' })
  cardId: string;

  @ManyToOne(() => ProfessionCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'card_id', foreignKeyConstraintName: 'fk_application_card' })
  card?: ProfessionCardEntity;

  @Column('uuid', { name: 'standard_version_id' })
  standardVersionId: string;

  @Column('varchar', { length: 20 })
  pathway: Pathway;

  /** The additional functions the candidate chose to be assessed on (mandatory ones always are). */
  @Column('jsonb', { name: 'additional_function_ids', default: () => `'[]'` })
  additionalFunctionIds: string[];

  @Column('varchar', { length: 20, default: 'draft' })
  status: ApplicationStatus;

  /** The last eligibility check: every route of the card, each condition met or not. */
  @Column('jsonb', { nullable: true })
  eligibility: EligibilityResult | null;

  @Column('timestamptz', { name: 'eligibility_checked_at', nullable: true })
  eligibilityCheckedAt: Date | null;

  @Column('jsonb', { name: 'eligibility_override', nullable: true })
  eligibilityOverride: EligibilityOverride | null;

  /** Raised at each submission: the eligibility job of an earlier submission then does nothing. */
  @Column('integer', { name: 'submission', default: 0 })
  submission: number;

  /**
   * Raised each time something an application awaiting its document check rests on changes (a
   * document rejected, a record edited): the worker's re-check job carries it, and a job of an
   * earlier round does nothing.
   */
  @Column('integer', { name: 'recheck_round', default: 0 })
  recheckRound: number;

  /** The last round the worker re-checked: a re-check job that runs twice changes nothing. */
  @Column('integer', { name: 'rechecked_round', default: 0 })
  recheckedRound: number;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  /**
   * Set when the application was withdrawn after an assessment result existed: the retake wait
   * (the program's, fixed at the withdrawal) that then runs from withdrawn_at, as after a decision
   * that did not award the card. Null for any other application.
   */
  @Column('smallint', { name: 'withdrawal_retake_wait_days', nullable: true })
  withdrawalRetakeWaitDays: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
