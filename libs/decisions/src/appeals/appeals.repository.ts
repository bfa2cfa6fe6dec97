import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { activeProgramTerms, retestPassMark } from '@qualcert/assessment';
import { findApplication, lockApplication, type ApplicationEntity } from '@qualcert/candidates';
import { ownEvidenceFileIds } from '@qualcert/evidence';
import { assessorsOfCentre } from '@qualcert/identity';
import { DomainException, lockInStatus, updateReturning } from '@qualcert/shared';
import { AppealEntity, AppealPanelMemberEntity, AppealReassessmentEntity, type AppealStatus } from './appeal.entity';

/** An appeal's re-assessment as the decision after it reads it. */
export interface AppealPanelFacts {
  contested: string[];
  members: number;
  verdicts: { skillId: string; result: 'passed' | 'failed' }[];
}

/** What an appeal against a refusal of admission, or a complaint, is checked against. */
export interface AdmissionAppealFacts {
  id: string;
  status: string;
  submission: number;
  eligibility_checked_at: Date | null;
  /** The appeal window of the centre's program for the card in force; null without one. */
  window_days: number | null;
  /** The application's approved decision, if any. */
  decision: { signed_at: string; outcome: 'awarded' | 'partial' | 'not_awarded'; window: number } | null;
}

/** A new appeal's columns; its times are the database's. */
export type NewAppeal = Omit<AppealEntity, 'createdAt' | 'updatedAt' | 'application' | 'decision' | 'newDecision'>;

/** The appeal tables' queries, and what appeals read of the contexts below. */
@Injectable()
export class AppealsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string): Promise<AppealEntity | null> {
    return this.dataSource.getRepository(AppealEntity).findOne({ where: { id } });
  }

  get(manager: EntityManager, id: string): Promise<AppealEntity> {
    return manager.findOneOrFail(AppealEntity, { where: { id } });
  }

  listOfApplication(applicationId: string): Promise<AppealEntity[]> {
    return this.dataSource.getRepository(AppealEntity).find({ where: { applicationId }, order: { createdAt: 'DESC' } });
  }

  /** The appeals an assessor sits on, newest first (the latest 200). */
  panelsOf(assessorId: string): Promise<AppealEntity[]> {
    return this.dataSource
      .getRepository(AppealEntity)
      .createQueryBuilder('a')
      .innerJoin(AppealPanelMemberEntity, 'm', 'm.appeal_id = a.id AND m.assessor_id = :assessorId', { assessorId })
      .orderBy('a.created_at', 'DESC')
      .limit(200)
      .getMany();
  }

  isPanelMember(appealId: string, assessorId: string): Promise<boolean> {
    return this.dataSource.getRepository(AppealPanelMemberEntity).exists({ where: { appealId, assessorId } });
  }

  /** The appeal locked in one of the states an action starts from, or 409 INVALID_TRANSITION. */
  lock(manager: EntityManager, appealId: string, allowed: AppealStatus[]): Promise<AppealEntity> {
    return lockInStatus(manager, AppealEntity, appealId, allowed, 'The appeal');
  }

  async insert(manager: EntityManager, row: NewAppeal): Promise<void> {
    await manager.insert(AppealEntity, row);
  }

  async setStatus(manager: EntityManager, appealId: string, status: AppealStatus, heardAt?: Date): Promise<void> {
    await manager.update(AppealEntity, { id: appealId }, heardAt ? { status, heardAt } : { status });
  }

  async insertPanel(manager: EntityManager, appealId: string, assessorIds: string[]): Promise<void> {
    await manager.insert(
      AppealPanelMemberEntity,
      assessorIds.map((assessorId) => ({ appealId, assessorId, vote: null, reason: null, votedAt: null })),
    );
  }

  /** Records a member's vote; false when they have voted already. */
  async recordVote(
    manager: EntityManager,
    appealId: string,
    assessorId: string,
    vote: string,
    reason: string,
  ): Promise<boolean> {
    const [updated] = await updateReturning<{ appeal_id: string }>(
      manager,
      `UPDATE appeal_panel_member SET vote = $3, reason = $4, voted_at = now()
        WHERE appeal_id = $1 AND assessor_id = $2 AND vote IS NULL RETURNING appeal_id`,
      [appealId, assessorId, vote, reason],
    );
    return updated !== undefined;
  }

  panel(manager: EntityManager, appealIds: string[]): Promise<AppealPanelMemberEntity[]> {
    return manager.find(AppealPanelMemberEntity, { where: { appealId: In(appealIds) }, order: { assessorId: 'ASC' } });
  }

  reassessments(manager: EntityManager, appealIds: string[]): Promise<AppealReassessmentEntity[]> {
    return manager.find(AppealReassessmentEntity, {
      where: { appealId: In(appealIds) },
      order: { recordedAt: 'ASC', assessorId: 'ASC' },
    });
  }

  async insertReassessment(
    manager: EntityManager,
    row: Omit<AppealReassessmentEntity, 'recordedAt' | 'appeal' | 'skill' | 'assessor'>,
  ): Promise<void> {
    await manager.insert(AppealReassessmentEntity, row);
  }

  /** The application an appeal is about (candidates' reader). */
  async application(manager: EntityManager, applicationId: string): Promise<ApplicationEntity> {
    return (await findApplication(manager, applicationId)) as ApplicationEntity;
  }

  /**
   * The application locked (candidates' reader), with the appeal window of the centre's program
   * for the card in force (assessment's) and its approved decision.
   */
  async lockAdmissionFacts(manager: EntityManager, applicationId: string): Promise<AdmissionAppealFacts> {
    const app = await lockApplication(manager, applicationId);
    if (!app) throw DomainException.notFound('Application', applicationId);
    const terms = await activeProgramTerms(manager, app.centreId, app.cardId);
    const [approved] = await manager.query<{ decision: AdmissionAppealFacts['decision'] }[]>(
      `SELECT json_build_object('signed_at', d.signed_at, 'outcome', d.outcome, 'window', d.appeal_window_days) AS decision
         FROM decision d WHERE d.application_id = $1 AND d.status = 'approved'`,
      [applicationId],
    );
    return {
      id: app.id,
      status: app.status,
      submission: app.submission,
      eligibility_checked_at: app.eligibilityCheckedAt,
      window_days: terms?.appealWindowDays ?? null,
      decision: approved?.decision ?? null,
    };
  }

  /** Which of `ids` are evidence files of the candidate's own (evidence's reader). */
  ownEvidenceIds(manager: EntityManager, candidateId: string, ids: string[]): Promise<string[]> {
    return ownEvidenceFileIds(manager, candidateId, ids);
  }

  /** Which of `userIds` are active assessors on the centre's staff (identity's reader). */
  activeAssessorsOfCentre(manager: EntityManager, centreId: string, userIds: string[]): Promise<string[]> {
    return assessorsOfCentre(manager, centreId, userIds, { activeOnly: true });
  }

  /**
   * The pass mark a re-test is marked with, in percent: that of the program the candidate sat the
   * exam under, else the centre's program in force; null with neither (assessment's reader).
   */
  passMarkOf(
    manager: EntityManager,
    application: Pick<ApplicationEntity, 'id' | 'centreId' | 'cardId'>,
  ): Promise<number | null> {
    return retestPassMark(manager, application);
  }

  /** The appeal locked, as a decision on it reads it. */
  async lockForDecision(
    manager: EntityManager,
    appealId: string,
  ): Promise<{ id: string; status: string; decision_id: string; application_id: string } | undefined> {
    const [appeal] = await manager.query<{ id: string; status: string; decision_id: string; application_id: string }[]>(
      'SELECT id, status, decision_id, application_id FROM appeal WHERE id = $1 FOR UPDATE',
      [appealId],
    );
    return appeal;
  }

  /** The contested skills, the panel's size and its verdicts per skill. */
  async panelFacts(manager: EntityManager, appealId: string): Promise<AppealPanelFacts> {
    const [panel] = await manager.query<AppealPanelFacts[]>(
      `SELECT a.contested_skill_ids AS contested,
              (SELECT COUNT(*)::int FROM appeal_panel_member m WHERE m.appeal_id = a.id) AS members,
              (SELECT COALESCE(json_agg(json_build_object('skillId', r.skill_id, 'result', r.result)), '[]')
                 FROM appeal_reassessment r WHERE r.appeal_id = a.id) AS verdicts
         FROM appeal a WHERE a.id = $1`,
      [appealId],
    );
    return panel;
  }

  /** The application's appeal awaiting a decision after its re-assessment, if any. */
  async reassessedOf(manager: EntityManager, applicationId: string): Promise<{ id: string } | undefined> {
    const [appeal] = await manager.query<{ id: string }[]>(
      `SELECT id FROM appeal WHERE application_id = $1 AND status = 'reassessed'`,
      [applicationId],
    );
    return appeal;
  }

  async linkNewDecision(manager: EntityManager, appealId: string, decisionId: string): Promise<void> {
    await manager.query('UPDATE appeal SET new_decision_id = $2, updated_at = now() WHERE id = $1', [
      appealId,
      decisionId,
    ]);
  }

  /** The appeal whose re-assessment the decision signed was made on is resolved. */
  async resolveByDecision(manager: EntityManager, decisionId: string): Promise<void> {
    await manager.query(
      `UPDATE appeal SET status = 'resolved', updated_at = now() WHERE new_decision_id = $1 AND status = 'reassessed'`,
      [decisionId],
    );
  }
}
