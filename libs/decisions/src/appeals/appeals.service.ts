import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssessorsService } from '@qualcert/assessment/assessors/assessors.service';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException, isUniqueViolation, OutboxService, updateReturning } from '@qualcert/shared';
import { DecisionEntity } from '../decisions/decision.entity';
import { checkAppeal, checkPanelSize, panelProblems, panelResolution, PanelVote } from '../rules/appeal-rule';
import { AppealEntity, AppealPanelMemberEntity, AppealReassessmentEntity, AppealStatus } from './appeal.entity';

/** An appeal as answered (AppealDto): its panel and re-assessments without the appeal's id again. */
export interface AppealView extends AppealEntity {
  panel: Pick<AppealPanelMemberEntity, 'assessorId' | 'vote' | 'reason' | 'votedAt'>[];
  reassessments: Pick<AppealReassessmentEntity, 'skillId' | 'result' | 'assessorId' | 'note' | 'recordedAt'>[];
}

interface ApplicationRow {
  id: string;
  candidate_id: string;
  centre_id: string;
  card_id: string;
}

/**
 * Appeals: lodged by the candidate within the program's window, heard by an impartial panel of
 * the centre's assessors who took no part in the application, upheld or sent to re-assessment of
 * the contested skills; the re-assessment ends in a new decision computed by the worker, which
 * supersedes the contested one when the centre's manager signs it (DecisionsService.approve).
 */
@Injectable()
export class AppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly assessors: AssessorsService,
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
        const cardSkills = await manager.query<{ id: string }[]>('SELECT id FROM skill WHERE card_id = $1', [
          app.card_id,
        ]);
        const { deadline } = checkAppeal({
          decision: locked,
          cardSkillIds: cardSkills.map((s) => s.id),
          contestedSkillIds,
          windowDays: await this.windowDays(manager, app),
          now: new Date(),
        });
        const id = randomUUID();
        await manager.insert(AppealEntity, {
          id,
          applicationId: app.id,
          decisionId,
          contestedSkillIds,
          grounds,
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
      const involved = await this.involvedAssessors(manager, app.id);
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

  /** A panel member votes; the last vote resolves the hearing (panelResolution). */
  async vote(actor: Actor, appealId: string, vote: PanelVote, reason: string): Promise<AppealView> {
    const appeal = await this.requirePanelMember(actor, appealId);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, appeal.id, ['hearing']);
      const [updated] = await updateReturning<{ appeal_id: string }>(
        manager,
        `UPDATE appeal_panel_member SET vote = $3, reason = $4, voted_at = now()
          WHERE appeal_id = $1 AND assessor_id = $2 AND vote IS NULL RETURNING appeal_id`,
        [appeal.id, actor.userId, vote, reason],
      );
      if (!updated) throw new DomainException('CONFLICT', 'You have already voted on this appeal');
      const votes = await manager.find(AppealPanelMemberEntity, { where: { appealId: appeal.id } });
      const resolution = panelResolution(votes.map((v) => v.vote));
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'appeal.voted',
        entityType: 'appeal',
        entityId: appeal.id,
        after: { vote, reason, resolution },
      });
      if (resolution !== 'pending') {
        const status: AppealStatus = resolution === 'upheld' ? 'upheld' : 'reassessment';
        await manager.update(AppealEntity, { id: appeal.id }, { status, heardAt: new Date() });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: resolution === 'upheld' ? 'appeal.upheld' : 'appeal.reassessment_ordered',
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
   * A panel member records the re-assessment of one contested skill. When every contested skill
   * has one, the worker computes the new decision (an outbox event in the same transaction).
   */
  async reassess(
    actor: Actor,
    appealId: string,
    skillId: string,
    result: 'passed' | 'failed',
    note: string,
  ): Promise<AppealView> {
    const appeal = await this.requirePanelMember(actor, appealId);
    if (!appeal.contestedSkillIds.includes(skillId)) {
      throw DomainException.validation([{ field: 'skillId', messages: ['the skill is not contested by this appeal'] }]);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.lock(manager, appeal.id, ['reassessment']);
        await manager.insert(AppealReassessmentEntity, {
          appealId: appeal.id,
          skillId,
          result,
          assessorId: actor.userId,
          note,
        });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'appeal.skill_reassessed',
          entityType: 'appeal',
          entityId: appeal.id,
          after: { skillId, result, note },
        });
        const done = await manager.count(AppealReassessmentEntity, { where: { appealId: appeal.id } });
        if (done === locked.contestedSkillIds.length) {
          await this.setStatus(manager, appeal.id, 'reassessed');
          await this.outbox.publish(manager, 'appeal.reassessed', { appealId: appeal.id });
          await this.audit.record(manager, {
            actor: toAuditActor(actor),
            action: 'appeal.reassessed',
            entityType: 'appeal',
            entityId: appeal.id,
            before: { status: 'reassessment' },
            after: { status: 'reassessed' },
          });
        }
        return this.view(manager, appeal.id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'pk_appeal_reassessment')) {
        throw new DomainException('CONFLICT', 'This skill has already been re-assessed on this appeal', { skillId });
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

  /** Assessors of the application's sessions and reviewers of its evidence. */
  private async involvedAssessors(manager: EntityManager, applicationId: string): Promise<Set<string>> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT a.assessor_id AS user_id FROM enrolment e JOIN session_assessor a ON a.session_id = e.session_id WHERE e.application_id = $1
       UNION SELECT assessor_id FROM evidence_review WHERE application_id = $1`,
      [applicationId],
    );
    return new Set(rows.map((r) => r.user_id));
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

  private async lock(manager: EntityManager, appealId: string, allowed: AppealStatus[]): Promise<AppealEntity> {
    const row = await manager.findOneOrFail(AppealEntity, {
      where: { id: appealId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!allowed.includes(row.status)) {
      throw new DomainException('INVALID_TRANSITION', `The appeal is ${row.status}`, { currentStatus: row.status });
    }
    return row;
  }

  private async setStatus(manager: EntityManager, appealId: string, status: AppealStatus): Promise<void> {
    await manager.update(AppealEntity, { id: appealId }, { status });
  }

  private async application(manager: EntityManager, applicationId: string): Promise<ApplicationRow> {
    const [app] = await manager.query<ApplicationRow[]>(
      'SELECT id, candidate_id, centre_id, card_id FROM application WHERE id = $1',
      [applicationId],
    );
    return app;
  }

  private async windowDays(manager: EntityManager, app: ApplicationRow): Promise<number> {
    const [program] = await manager.query<{ days: number }[]>(
      `SELECT appeal_window_days AS days FROM qualification_program WHERE centre_id = $1 AND card_id = $2 AND status = 'active'`,
      [app.centre_id, app.card_id],
    );
    // The brief's default when the centre has since retired the program.
    return program?.days ?? 10;
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
      order: { recordedAt: 'ASC' },
    });
    return appeals.map((appeal) => ({
      ...appeal,
      panel: panel
        .filter((m) => m.appealId === appeal.id)
        .map(({ assessorId, vote, reason, votedAt }) => ({ assessorId, vote, reason, votedAt })),
      reassessments: reassessments
        .filter((r) => r.appealId === appeal.id)
        .map(({ skillId, result, assessorId, note, recordedAt }) => ({
          skillId,
          result,
          assessorId,
          note,
          recordedAt,
        })),
    }));
  }
}
