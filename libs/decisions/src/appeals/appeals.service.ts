import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssessorsService } from '@qualcert/assessment';
import { ApplicationsService } from '@qualcert/candidates';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { assessedSkills, CardOutlineReader } from '@qualcert/standards';
import { AuditService, DomainException, fieldError, isUniqueViolation, OutboxService } from '@qualcert/shared';
import { DecisionsRepository } from '../decisions/decisions.repository';
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
import { AppealsRepository } from './appeals.repository';

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
    private readonly repository: AppealsRepository,
    private readonly decisions: DecisionsRepository,
    private readonly access: AccessService,
    private readonly assessors: AssessorsService,
    private readonly applications: ApplicationsService,
    private readonly outlines: CardOutlineReader,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async lodge(actor: Actor, decisionId: string, contestedSkillIds: string[], grounds: string): Promise<AppealView> {
    const decision = await this.decisions.find(decisionId);
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
        const locked = await this.decisions.getShared(manager, decisionId);
        const app = await this.repository.application(manager, locked.applicationId);
        // The skills the application was assessed on: the mandatory functions' and the chosen ones'.
        const cardSkills = assessedSkills(await this.outlines.read(app.cardId, manager), app.additionalFunctionIds);
        const { deadline } = checkAppeal({
          decision: locked,
          cardSkillIds: cardSkills.map((s) => s.id),
          contestedSkillIds,
          // The window the decision granted when it was signed.
          windowDays: locked.appealWindowDays ?? 0,
          now: new Date(),
        });
        const id = randomUUID();
        await this.repository.insert(manager, {
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
        const app = await this.repository.lockAdmissionFacts(manager, applicationId);
        const own = await this.repository.ownEvidenceIds(manager, actor.userId, evidenceIds);
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
          ownEvidenceIds: own,
          now,
        });
        if (dto.kind === 'procedural') deadline = complaint.deadline;
        const id = randomUUID();
        await this.repository.insert(manager, {
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
      const locked = await this.repository.lock(manager, appeal.id, ['lodged']);
      const app = await this.repository.application(manager, locked.applicationId);
      const staff = await this.repository.activeAssessorsOfCentre(manager, app.centreId, assessorIds);
      const involved = await this.decisions.involved(manager, app.id);
      const members = [];
      for (const assessorId of assessorIds) {
        const ofCentre = staff.includes(assessorId);
        members.push({
          assessorId,
          ofCentre,
          involved: involved.has(assessorId),
          refusals: ofCentre ? await this.assessors.refusals(manager, assessorId, app.cardId, [app.candidateId]) : [],
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
      await this.repository.insertPanel(manager, appeal.id, assessorIds);
      await this.repository.setStatus(manager, appeal.id, 'hearing');
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
      await this.repository.lock(manager, appeal.id, ['hearing']);
      if (!(await this.repository.recordVote(manager, appeal.id, actor.userId, checked, reason)))
        throw new DomainException('CONFLICT', 'You have already voted on this appeal');
      const votes = await this.repository.panel(manager, [appeal.id]);
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
        await this.repository.setStatus(manager, appeal.id, status, new Date());
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
      throw DomainException.validation([fieldError('skillId', 'field:notContested')]);
    }
    const reExamination = record.reExamination ?? null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.repository.lock(manager, appeal.id, ['reassessment']);
        const app = await this.repository.application(manager, locked.applicationId);
        // A contested skill is one of the card's: lodging the appeal checked it.
        const skill = (await this.outlines.read(app.cardId, manager)).functions
          .flatMap((f) => f.skills)
          .find((s) => s.id === skillId)!;
        // A re-test is marked as the exam was: the pass mark of the program the candidate sat.
        checkReassessmentRecord({
          recognition: skill.recognition,
          result: record.result,
          reExamination,
          passMark: ((await this.repository.passMarkOf(manager, app)) ?? 70) / 100,
        });
        await this.repository.insertReassessment(manager, {
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
        const members = (await this.repository.panel(manager, [appeal.id])).length;
        const verdicts = await this.repository.reassessments(manager, [appeal.id]);
        const resolution = reassessmentResolution(locked.contestedSkillIds, verdicts, members);
        if (resolution.complete) {
          await this.repository.setStatus(manager, appeal.id, 'reassessed');
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
    return this.views(this.dataSource.manager, await this.repository.listOfApplication(applicationId));
  }

  /** The appeals an assessor sits on, newest first. */
  async panelsOf(actor: Actor): Promise<AppealView[]> {
    return this.views(this.dataSource.manager, await this.repository.panelsOf(actor.userId));
  }

  private async requireAppeal(actor: Actor, appealId: string, permission: Permission): Promise<AppealEntity> {
    const appeal = await this.repository.find(appealId);
    if (
      !appeal ||
      !(await this.access.checkAccess(actor, permission, [appeal.applicationId])).has(appeal.applicationId)
    )
      throw DomainException.notFound('Appeal', appealId);
    return appeal;
  }

  private async requirePanelMember(actor: Actor, appealId: string): Promise<AppealEntity> {
    const appeal = await this.requireAppeal(actor, appealId, Permission.ApplicationRead);
    if (!(await this.repository.isPanelMember(appealId, actor.userId)))
      throw new DomainException('NOT_ON_PANEL', 'Only members of the appeal panel may do this');
    return appeal;
  }

  private async view(manager: EntityManager, appealId: string): Promise<AppealView> {
    const [view] = await this.views(manager, [await this.repository.get(manager, appealId)]);
    return view;
  }

  /** Appeals with their panels and re-assessments: two queries however many appeals. */
  private async views(manager: EntityManager, appeals: AppealEntity[]): Promise<AppealView[]> {
    if (appeals.length === 0) return [];
    const ids = appeals.map((a) => a.id);
    const panel = await this.repository.panel(manager, ids);
    const reassessments = await this.repository.reassessments(manager, ids);
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
