import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssessorsService } from '@qualcert/assessment';
import { ApplicationsService } from '@qualcert/candidates';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { assessedSkills, CardOutlineReader } from '@qualcert/standards';
import {
  AuditService,
  DomainException,
  isUniqueViolation,
  OutboxService,
  updateReturning,
  lockInStatus,
} from '@qualcert/shared';
import { DecisionEntity } from '../decisions/decision.entity';
import { involvedInApplication } from '../decisions/involvement.repository';
import {
  checkAdmissionAppeal,
  checkAppeal,
  checkPanelSize,
  checkProceduralAppeal,
  checkVote,
  panelProblems,
  panelResolution,
  type PanelResolution,
} from '../rules/appeal-rule';
import { termDates } from '../rules/decision-terms';
import {
  checkReassessmentRecord,
  reassessmentResolution,
  type ReExamination,
  type SkillResolution,
} from '../rules/reassessment-rule';
import { AppealEntity, AppealPanelMemberEntity, AppealReassessmentEntity, AppealStatus } from './appeal.entity';

/** An appeal as answered (AppealDto): its panel and re-assessments without the appeal's id again. */
export interface AppealView extends AppealEntity {
  panel: Pick<AppealPanelMemberEntity, 'assessorId' | 'vote' | 'reason' | 'votedAt'>[];
  reassessments: Pick<
    AppealReassessmentEntity,
    'skillId' | 'result' | 'assessorId' | 'note' | 'reExamination' | 'recordedAt'
  >[];
  skillResolutions: SkillResolution[];
}

/** What each resolution of the panel's votes makes of the appeal. */
const RESOLVED_STATUS: Record<Exclude<PanelResolution, 'pending'>, AppealStatus> = {
  upheld: 'upheld',
  reassess: 'reassessment',
  admit: 'admitted',
  sustain: 'sustained',
};

/** The appeal window for a refusal of admission when the centre has no program for the card. */
const DEFAULT_APPEAL_WINDOW_DAYS = 10;

interface ApplicationRow {
  id: string;
  candidate_id: string;
  centre_id: string;
  card_id: string;
  additional_function_ids: string[];
}

/**
 * Appeals: lodged by the candidate within the window, heard by an impartial panel of the centre's
 * assessors who took no part in the application. An appeal against a decision is upheld or sent
 * to re-assessment of the contested skills, decided by the panel's majority per skill; it ends in
 * a new decision computed by the worker, which supersedes the contested one when the centre's
 * manager signs it (DecisionsService.approve). An appeal against a refusal of admission is upheld
 * or admits the application (through the candidates context); a complaint about the procedure is
 * upheld or sustained.
 */
@Injectable()
export class AppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly assessors: AssessorsService,
    private readonly applications: ApplicationsService,
    private readonly outlines: CardOutlineReader,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async lodge(actor: Actor, decisionId: string, contestedSkillIds: string[], grounds: string): Promise<AppealView> {
    const decision = await this.dataSource.getRepository(DecisionEntity).findOne({ where: { id: decisionId } });
    if (
      !decision ||
      !(await this.access.checkAccess(actor, Permission.ApplicationOwn, [decision.applicationId])).has(
        decision.applicationId,
      )
    ) {
      throw DomainException.notFound('Decision', decisionId);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await manager.findOneOrFail(DecisionEntity, {
          where: { id: decisionId },
          lock: { mode: 'pessimistic_read' },
        });
        const app = await this.application(manager, locked.applicationId);
        // The skills the application was assessed on: the mandatory functions' and the chosen ones'.
        const cardSkills = assessedSkills(await this.outlines.read(app.card_id, manager), app.additional_function_ids);
        const { deadline } = checkAppeal({
          decision: locked,
          cardSkillIds: cardSkills.map((s) => s.id),
          contestedSkillIds,
          // The window the decision granted when it was signed.
          windowDays: locked.appealWindowDays ?? 0,
          now: new Date(),
        });
        const id = randomUUID();
        await manager.insert(AppealEntity, {
          id,
          applicationId: app.id,
          kind: 'decision',
          decisionId,
          contestedSkillIds,
          grounds,
          evidenceIds: [],
          applicationSubmission: null,
          deadline,
          status: 'lodged',
          heardAt: null,
          newDecisionId: null,
        });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'appeal.lodged',
          entityType: 'appeal',
          entityId: id,
          after: { decisionId, contestedSkillIds, deadline },
        });
        await this.outbox.publish(manager, 'notification.requested', {
          kind: 'appeal.lodged',
          subjectId: id,
          applicationId: app.id,
        });
        return this.view(manager, id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_appeal_decision')) {
        throw new DomainException('APPEAL_EXISTS', 'This decision has already been appealed', { decisionId });
      }
      throw error;
    }
  }

  /**
   * The candidate appeals the refusal of admission (the application is ineligible; within the
   * window counted from the refusal) or complains about the procedure (with the reasons and their
   * own evidence files as documents). The same impartial panel hears both.
   */
  async lodgeForApplication(
    actor: Actor,
    applicationId: string,
    dto: { kind: 'admission' | 'procedural'; grounds: string; evidenceIds?: string[] },
  ): Promise<AppealView> {
    await this.access.requireAccess(actor, Permission.ApplicationOwn, [applicationId], 'Application');
    const evidenceIds = dto.evidenceIds ?? [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [app] = await manager.query<
          {
            id: string;
            status: string;
            submission: number;
            eligibility_checked_at: Date | null;
            window_days: number | null;
            decision: { signed_at: string; outcome: 'awarded' | 'partial' | 'not_awarded'; window: number } | null;
          }[]
        >(
          `SELECT a.id, a.status, a.submission, a.eligibility_checked_at,
                  (SELECT p.appeal_window_days FROM qualification_program p
                    WHERE p.centre_id = a.centre_id AND p.card_id = a.card_id AND p.status = 'active') AS window_days,
                  (SELECT json_build_object('signed_at', d.signed_at, 'outcome', d.outcome, 'window', d.appeal_window_days)
                     FROM decision d WHERE d.application_id = a.id AND d.status = 'approved') AS decision
             FROM application a WHERE a.id = $1 FOR UPDATE`,
          [applicationId],
        );
        const own = await manager.query<{ id: string }[]>(
          'SELECT id FROM evidence_file WHERE candidate_id = $1 AND id = ANY($2::uuid[])',
          [actor.userId, evidenceIds],
        );
        const now = new Date();
        let deadline: string | null;
        let applicationSubmission: number | null = null;
        if (dto.kind === 'admission') {
          // The window is the centre's appeal window, counted from the day the application was
          // found ineligible (its last check).
          ({ deadline } = checkAdmissionAppeal({
            applicationStatus: app.status,
            ineligibleAt: app.eligibility_checked_at,
            windowDays: app.window_days ?? DEFAULT_APPEAL_WINDOW_DAYS,
            now,
          }));
          applicationSubmission = app.submission;
        }
        const complaint = checkProceduralAppeal({
          applicationStatus: dto.kind === 'admission' ? 'ineligible' : app.status,
          decisionAppealDeadline: app.decision
            ? termDates(new Date(app.decision.signed_at), app.decision.outcome, {
                appealWindowDays: app.decision.window,
                certificateValidityMonths: 0,
                creditValidityMonths: 0,
                retakeWaitDays: 0,
              }).appealDeadline
            : null,
          evidenceIds,
          ownEvidenceIds: own.map((e) => e.id),
          now,
        });
        if (dto.kind === 'procedural') deadline = complaint.deadline;
        const id = randomUUID();
        await manager.insert(AppealEntity, {
          id,
          applicationId,
          kind: dto.kind,
          decisionId: null,
          contestedSkillIds: [],
          grounds: dto.grounds,
          evidenceIds: [...new Set(evidenceIds)],
          applicationSubmission,
          deadline: deadline!,
          status: 'lodged',
          heardAt: null,
          newDecisionId: null,
        });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'appeal.lodged',
          entityType: 'appeal',
          entityId: id,
          after: { kind: dto.kind, applicationId, evidenceIds, deadline: deadline! },
        });
        await this.outbox.publish(manager, 'notification.requested', {
          kind: 'appeal.lodged',
          subjectId: id,
          applicationId,
        });
        return this.view(manager, id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_appeal_admission')) {
        throw new DomainException('APPEAL_EXISTS', 'This refusal of admission has already been appealed', {
          applicationId,
        });
      }
      if (isUniqueViolation(error, 'uq_appeal_procedural_open')) {
        throw new DomainException('APPEAL_EXISTS', 'A complaint about this application is already being heard', {
          applicationId,
        });
      }
      throw error;
    }
  }

  /** The centre's manager names the panel; every member must be impartial and uninvolved. */
  async assignPanel(actor: Actor, appealId: string, assessorIds: string[]): Promise<AppealView> {
    const appeal = await this.requireAppeal(actor, appealId, Permission.ApplicationManage);
    checkPanelSize(assessorIds);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lock(manager, appeal.id, ['lodged']);
      const app = await this.application(manager, locked.applicationId);
      const staff = await manager.query<{ user_id: string }[]>(
        `SELECT s.user_id FROM centre_staff s JOIN app_user u ON u.id = s.user_id
          WHERE s.centre_id = $1 AND s.user_id = ANY($2::uuid[]) AND u.role = 'assessor' AND u.status = 'active'`,
        [app.centre_id, assessorIds],
      );
      const involved = await involvedInApplication(manager, app.id);
      const members = [];
      for (const assessorId of assessorIds) {
        const ofCentre = staff.some((s) => s.user_id === assessorId);
        members.push({
          assessorId,
          ofCentre,
          involved: involved.has(assessorId),
          refusals: ofCentre ? await this.assessors.refusals(manager, assessorId, app.card_id, [app.candidate_id]) : [],
        });
      }
      const problems = panelProblems(members);
      if (problems.length > 0) {
        throw new DomainException(
          'PANEL_NOT_IMPARTIAL',
          `The panel cannot hear this appeal: ${problems.map((p) => p.message).join('; ')}`,
          { problems },
        );
      }
      await manager.insert(
        AppealPanelMemberEntity,
        assessorIds.map((assessorId) => ({ appealId: appeal.id, assessorId, vote: null, reason: null, votedAt: null })),
      );
      await this.setStatus(manager, appeal.id, 'hearing');
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'appeal.panel_assigned',
        entityType: 'appeal',
        entityId: appeal.id,
        before: { status: 'lodged' },
        after: { status: 'hearing', assessorIds },
      });
      return this.view(manager, appeal.id);
    });
  }

  /**
   * A panel member votes; the last vote resolves the hearing (panelResolution). An admission
   * appeal that the panel grants admits the application in the same transaction.
   */
  async vote(actor: Actor, appealId: string, vote: string, reason: string): Promise<AppealView> {
    const appeal = await this.requirePanelMember(actor, appealId);
    const checked = checkVote(appeal.kind, vote);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, appeal.id, ['hearing']);
      const [updated] = await updateReturning<{ appeal_id: string }>(
        manager,
        `UPDATE appeal_panel_member SET vote = $3, reason = $4, voted_at = now()
          WHERE appeal_id = $1 AND assessor_id = $2 AND vote IS NULL RETURNING appeal_id`,
        [appeal.id, actor.userId, checked, reason],
      );
      if (!updated) throw new DomainException('CONFLICT', 'You have already voted on this appeal');
      const votes = await manager.find(AppealPanelMemberEntity, { where: { appealId: appeal.id } });
      const resolution = panelResolution(
        votes.map((v) => v.vote),
        appeal.kind,
      );
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'appeal.voted',
        entityType: 'appeal',
        entityId: appeal.id,
        after: { vote: checked, reason, resolution },
      });
      if (resolution !== 'pending') {
        const status = RESOLVED_STATUS[resolution];
        await manager.update(AppealEntity, { id: appeal.id }, { status, heardAt: new Date() });
        if (status === 'admitted') {
          await this.applications.admitOnAppeal(manager, appeal.applicationId, toAuditActor(actor), appeal.id);
        }
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: status === 'reassessment' ? 'appeal.reassessment_ordered' : `appeal.${status}`,
          entityType: 'appeal',
          entityId: appeal.id,
          before: { status: 'hearing' },
          after: { status, votes: votes.map((v) => ({ assessorId: v.assessorId, vote: v.vote })) },
        });
        await this.outbox.publish(manager, 'notification.requested', {
          kind: `appeal.${status}`,
          subjectId: appeal.id,
          applicationId: appeal.applicationId,
        });
      }
      return this.view(manager, appeal.id);
    });
  }

  /**
   * A panel member records their verdict on one contested skill (once). When every member has a
   * verdict on every contested skill, the panel's majority per skill is known and the worker
   * computes the new decision (an outbox event in the same transaction). A skill not recommended
   * for recognition is credited only on a re-examination record (rules/reassessment-rule.ts).
   */
  async reassess(
    actor: Actor,
    appealId: string,
    skillId: string,
    record: { result: 'passed' | 'failed'; note: string; reExamination?: ReExamination },
  ): Promise<AppealView> {
    const appeal = await this.requirePanelMember(actor, appealId);
    if (!appeal.contestedSkillIds.includes(skillId)) {
      throw DomainException.validation([{ field: 'skillId', messages: ['the skill is not contested by this appeal'] }]);
    }
    const reExamination = record.reExamination ?? null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.lock(manager, appeal.id, ['reassessment']);
        const [facts] = await manager.query<
          { recognition: 'recommended' | 'not_recommended'; pass_mark: number | null }[]
        >(
          `SELECT s.recognition,
                  COALESCE(
                    (SELECT p.pass_mark_percent FROM enrolment e JOIN exam_session x ON x.id = e.session_id
                       JOIN qualification_program p ON p.id = x.program_id
                      WHERE e.application_id = $2 ORDER BY e.created_at DESC LIMIT 1),
                    (SELECT p.pass_mark_percent FROM application a JOIN qualification_program p
                        ON p.centre_id = a.centre_id AND p.card_id = a.card_id AND p.status = 'active'
                      WHERE a.id = $2)) AS pass_mark
             FROM skill s WHERE s.id = $1`,
          [skillId, locked.applicationId],
        );
        // A re-test is marked as the exam was: the pass mark of the program the candidate sat.
        checkReassessmentRecord({
          recognition: facts.recognition,
          result: record.result,
          reExamination,
          passMark: (facts.pass_mark ?? 70) / 100,
        });
        await manager.insert(AppealReassessmentEntity, {
          appealId: appeal.id,
          skillId,
          result: record.result,
          assessorId: actor.userId,
          note: record.note,
          reExamination,
        });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'appeal.skill_reassessed',
          entityType: 'appeal',
          entityId: appeal.id,
          after: { skillId, result: record.result, note: record.note, reExamination },
        });
        const members = await manager.count(AppealPanelMemberEntity, { where: { appealId: appeal.id } });
        const verdicts = await manager.find(AppealReassessmentEntity, { where: { appealId: appeal.id } });
        const resolution = reassessmentResolution(locked.contestedSkillIds, verdicts, members);
        if (resolution.complete) {
          await this.setStatus(manager, appeal.id, 'reassessed');
          await this.outbox.publish(manager, 'appeal.reassessed', { appealId: appeal.id });
          await this.audit.record(manager, {
            actor: toAuditActor(actor),
            action: 'appeal.reassessed',
            entityType: 'appeal',
            entityId: appeal.id,
            before: { status: 'reassessment' },
            after: {
              status: 'reassessed',
              skills: resolution.skills.map((r) => ({
                skillId: r.skillId,
                status: r.status,
                passed: r.passed,
                members,
              })),
            },
          });
        }
        return this.view(manager, appeal.id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'pk_appeal_reassessment')) {
        throw new DomainException('CONFLICT', 'You have already recorded your verdict on this skill', { skillId });
      }
      throw error;
    }
  }

  async get(actor: Actor, appealId: string): Promise<AppealView> {
    const appeal = await this.requireAppeal(actor, appealId, Permission.ApplicationRead);
    return this.view(this.dataSource.manager, appeal.id);
  }

  async forApplication(actor: Actor, applicationId: string): Promise<AppealView[]> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    const rows = await this.dataSource
      .getRepository(AppealEntity)
      .find({ where: { applicationId }, order: { createdAt: 'DESC' } });
    return this.views(this.dataSource.manager, rows);
  }

  /** The appeals an assessor sits on, newest first. */
  async panelsOf(actor: Actor): Promise<AppealView[]> {
    const rows = await this.dataSource
      .getRepository(AppealEntity)
      .createQueryBuilder('a')
      .innerJoin(AppealPanelMemberEntity, 'm', 'm.appeal_id = a.id AND m.assessor_id = :assessorId', {
        assessorId: actor.userId,
      })
      .orderBy('a.created_at', 'DESC')
      .limit(200)
      .getMany();
    return this.views(this.dataSource.manager, rows);
  }

  private async requireAppeal(actor: Actor, appealId: string, permission: Permission): Promise<AppealEntity> {
    const appeal = await this.dataSource.getRepository(AppealEntity).findOne({ where: { id: appealId } });
    if (
      !appeal ||
      !(await this.access.checkAccess(actor, permission, [appeal.applicationId])).has(appeal.applicationId)
    )
      throw DomainException.notFound('Appeal', appealId);
    return appeal;
  }

  private async requirePanelMember(actor: Actor, appealId: string): Promise<AppealEntity> {
    const appeal = await this.requireAppeal(actor, appealId, Permission.ApplicationRead);
    const member = await this.dataSource
      .getRepository(AppealPanelMemberEntity)
      .exists({ where: { appealId, assessorId: actor.userId } });
    if (!member) throw new DomainException('NOT_ON_PANEL', 'Only members of the appeal panel may do this');
    return appeal;
  }

  private lock(manager: EntityManager, appealId: string, allowed: AppealStatus[]): Promise<AppealEntity> {
    return lockInStatus(manager, AppealEntity, appealId, allowed, 'The appeal');
  }

  private async setStatus(manager: EntityManager, appealId: string, status: AppealStatus): Promise<void> {
    await manager.update(AppealEntity, { id: appealId }, { status });
  }

  private async application(manager: EntityManager, applicationId: string): Promise<ApplicationRow> {
    const [app] = await manager.query<ApplicationRow[]>(
      'SELECT id, candidate_id, centre_id, card_id, additional_function_ids FROM application WHERE id = $1',
      [applicationId],
    );
    return app;
  }

  private async view(manager: EntityManager, appealId: string): Promise<AppealView> {
    const [view] = await this.views(manager, [await manager.findOneOrFail(AppealEntity, { where: { id: appealId } })]);
    return view;
  }

  /** Appeals with their panels and re-assessments: two queries however many appeals. */
  private async views(manager: EntityManager, appeals: AppealEntity[]): Promise<AppealView[]> {
    if (appeals.length === 0) return [];
    const ids = appeals.map((a) => a.id);
    const panel = await manager.find(AppealPanelMemberEntity, {
      where: { appealId: In(ids) },
      order: { assessorId: 'ASC' },
    });
    const reassessments = await manager.find(AppealReassessmentEntity, {
      where: { appealId: In(ids) },
      order: { recordedAt: 'ASC', assessorId: 'ASC' },
    });
    return appeals.map((appeal) => {
      const members = panel.filter((m) => m.appealId === appeal.id);
      const verdicts = reassessments.filter((r) => r.appealId === appeal.id);
      return {
        ...appeal,
        panel: members.map(({ assessorId, vote, reason, votedAt }) => ({ assessorId, vote, reason, votedAt })),
        reassessments: verdicts.map(({ skillId, result, assessorId, note, reExamination, recordedAt }) => ({
          skillId,
          result,
          assessorId,
          note,
          reExamination,
          recordedAt,
        })),
        skillResolutions:
          appeal.kind === 'decision' && members.length > 0
            ? reassessmentResolution(appeal.contestedSkillIds, verdicts, members.length).skills
            : [],
      };
    });
  }
}
