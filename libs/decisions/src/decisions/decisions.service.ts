import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { earlierCredits, type EnrolmentResults, ProgressService } from '@qualcert/assessment';
import { type ApplicationEntity, requireIdentityResolved, transitionApplication } from '@qualcert/candidates';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { assessedFunctions, type CardOutline, CardOutlineReader } from '@qualcert/standards';
import {
  AuditService,
  DomainException,
  errorMessage,
  isUniqueViolation,
  OutboxService,
  SYSTEM_ACTOR,
  utcToday,
  toIsoDay,
} from '@qualcert/shared';
import {
  decide,
  type CarriedCredit,
  type DecisionCard,
  type DecisionResult,
  type SkillOutcomeRecord,
} from '../rules/decision-rule';
import { termDates, termsToFix, type DecisionTerms, type TermDates } from '../rules/decision-terms';
import { reassessmentResolution } from '../rules/reassessment-rule';
import { AppealsRepository } from '../appeals/appeals.repository';
import { DecisionEntity } from './decision.entity';
import { type ApplicationFacts, DecisionsRepository, type NewDecision } from './decisions.repository';

/** The term columns, shown to clients only as `terms`. */
type TermColumns = 'certificateValidityMonths' | 'creditValidityMonths' | 'appealWindowDays' | 'retakeWaitDays';

/** A decision as the API shows it: with the terms it granted and the days they come to, once signed. */
export type DecisionView = Omit<DecisionEntity, TermColumns> & { terms: (DecisionTerms & TermDates) | null };

export function decisionView(row: DecisionEntity): DecisionView {
  const { certificateValidityMonths, creditValidityMonths, appealWindowDays, retakeWaitDays, ...rest } = row;
  const signed = (row.status === 'approved' || row.status === 'superseded') && row.signedAt;
  const terms: DecisionTerms | null =
    signed &&
    certificateValidityMonths !== null &&
    creditValidityMonths !== null &&
    appealWindowDays !== null &&
    retakeWaitDays !== null
      ? { certificateValidityMonths, creditValidityMonths, appealWindowDays, retakeWaitDays }
      : null;
  return {
    ...rest,
    terms: terms && row.signedAt ? { ...terms, ...termDates(row.signedAt, row.outcome, terms) } : null,
  };
}

export type ComputeOutcome = 'computed' | 'skipped' | 'incomplete';

/**
 * Decisions: computed by the worker from the application's outcomes (the rule is a pure
 * function), then signed off by the centre's manager. A job that runs twice leaves one decision.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DecisionsRepository,
    private readonly appeals: AppealsRepository,
    private readonly progress: ProgressService,
    private readonly outlines: CardOutlineReader,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async compute(applicationId: string): Promise<ComputeOutcome> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Everything the job checks and the rule needs, read under the application's lock. A
        // worker that waited on the lock and still sees no decision stored meanwhile is refused by
        // the unique indexes when it inserts its own, and the job ends as skipped (below).
        const app = await this.repository.facts(manager, applicationId, true);
        const group = await this.computeAll(manager, app ? [app] : []);
        if (group.failed.has(applicationId)) throw group.failed.get(applicationId);
        return group.outcomes.get(applicationId) ?? 'skipped';
      });
    } catch (error) {
      // Two workers raced: the other one stored the decision.
      if (isUniqueViolation(error, 'uq_decision_pending') || isUniqueViolation(error, 'uq_decision_sequence'))
        return 'skipped';
      throw error;
    }
  }

  /**
   * The decisions of a group of applications in one transaction: one read of their facts (each
   * application locked), two of their exam results, the rule per application, one INSERT of the
   * decisions and one of their audit rows (docs/PERFORMANCE.md, decisions in groups). Each
   * application is checked as compute() checks it, so one whose state moved is skipped.
   *
   * An application the rule fails on is left out of the answer and the others are written: the
   * caller computes it alone, so that its own job fails and retries. A statement that fails
   * (two workers racing on an application, a lost connection) rolls the whole group back and
   * rejects; the caller then computes each application alone.
   */
  async computeGroup(applicationIds: string[]): Promise<Map<string, ComputeOutcome>> {
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.repository.factsOfGroup(manager, applicationIds);
      const { outcomes } = await this.computeAll(manager, facts);
      // Ids that name no application: nothing to decide, as compute() says of them.
      const found = new Set(facts.map((app) => app.id));
      for (const id of applicationIds) if (!found.has(id)) outcomes.set(id, 'skipped');
      return outcomes;
    });
  }

  /** The rule over read facts, then the decisions due written at once; failures by application. */
  private async computeAll(
    manager: EntityManager,
    apps: ApplicationFacts[],
  ): Promise<{ outcomes: Map<string, ComputeOutcome>; failed: Map<string, unknown> }> {
    const outcomes = new Map<string, ComputeOutcome>();
    const failed = new Map<string, unknown>();
    const due = apps.filter((app) => {
      if (app.status === 'awaiting_decision' && !app.decided) return true;
      outcomes.set(app.id, 'skipped');
      return false;
    });
    const enrolmentIds = due.flatMap((app) => (app.enrolment_id ? [app.enrolment_id] : []));
    const exams =
      enrolmentIds.length > 0
        ? await this.progress.enrolmentResultsOf(manager, enrolmentIds)
        : new Map<string, EnrolmentResults>();
    const decided: { app: ApplicationFacts; result: DecisionResult }[] = [];
    const asOf = utcToday();
    for (const app of due) {
      try {
        const card = assessedPart(await this.outlines.read(app.card_id, manager), app);
        const exam = app.enrolment_id ? exams.get(app.enrolment_id) : undefined;
        if (app.enrolment_id && !exam) throw new Error(`enrolment ${app.enrolment_id} has no results to read`);
        const result = decide({ card, outcomes: skillOutcomes(app, exam), carriedCredits: carriedCredits(app), asOf });
        if (result.outcome === 'incomplete') outcomes.set(app.id, 'incomplete');
        else decided.push({ app, result });
      } catch (error) {
        failed.set(app.id, error);
      }
    }
    await this.insertDecisions(
      manager,
      decided.map(({ app, result }) => ({ app, result, supersedesId: null })),
    );
    for (const { app } of decided) outcomes.set(app.id, 'computed');
    return { outcomes, failed };
  }

  /**
   * The centre's manager approves the decision; a manager involved in assessing the application
   * (involvement.repository.ts: for a manager, by checking its admission documents) may not.
   */
  async approve(actor: Actor, decisionId: string): Promise<DecisionView> {
    const decision = await this.requireManageable(actor, decisionId);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockPending(manager, decision.id);
      if ((await this.repository.involved(manager, row.applicationId)).has(actor.userId)) {
        throw new DomainException('FORBIDDEN', errorMessage('FORBIDDEN:checked_documents'));
      }
      const app = await this.requireApplication(manager, row.applicationId);
      // Another account declaring the ИИН: no decision is signed until a centre confirms who this
      // is, nor within a retake wait another account's decision set (docs/CANDIDATES.md).
      await requireIdentityResolved(manager, app.candidateId, app.cardId, utcToday());
      // A decision made on appeal replaces a signed one: the application is decided already.
      const status = row.supersedesId
        ? app.status
        : await transitionApplication(manager, row.applicationId, app.status, 'decide');
      const signedAt = new Date();
      // The terms are fixed now: a decision on appeal keeps those of the decision it replaces.
      const terms = row.supersedesId
        ? await this.supersede(manager, actor, row)
        : termsToFix(await this.repository.termsInForce(manager, app.centreId, app.cardId));
      await this.repository.update(manager, row.id, { status: 'approved', signedBy: actor.userId, signedAt, ...terms });
      await this.outbox.publish(manager, 'decision.approved', { decisionId: row.id });
      await this.outbox.publish(manager, 'notification.requested', {
        kind: row.supersedesId ? 'appeal.resolved' : 'decision.approved',
        subjectId: row.id,
        applicationId: row.applicationId,
      });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'decision.approved',
        entityType: 'decision',
        entityId: row.id,
        before: { status: 'pending_signoff' },
        after: {
          status: 'approved',
          outcome: row.outcome,
          applicationStatus: status,
          supersedes: row.supersedesId,
          terms,
        },
      });
      return decisionView(await this.repository.get(manager, row.id));
    });
  }

  /**
   * Signing a decision made on appeal: the contested decision becomes superseded (kept, linked)
   * and the appeal resolved, in the same transaction. The certificate job then issues or revokes
   * certificates to match (CertificatesService.issue).
   */
  private async supersede(manager: EntityManager, actor: Actor, row: DecisionEntity): Promise<DecisionTerms> {
    const old = await this.repository.lockSuperseded(manager, row.supersedesId as string);
    // The old one first: one approved decision per application at any moment.
    await this.repository.update(manager, old.id, { status: 'superseded' });
    await this.appeals.resolveByDecision(manager, row.id);
    await this.audit.record(manager, {
      actor: toAuditActor(actor),
      action: 'decision.superseded',
      entityType: 'decision',
      entityId: old.id,
      before: { status: 'approved' },
      after: { status: 'superseded', supersededBy: row.id },
    });
    return termsToFix(old as DecisionTerms);
  }

  /**
   * The decision after an appeal's re-assessment: the application's outcomes with the panel's
   * results added for the contested skills, taken as of the contested decision's day so that a
   * carried credit valid then still counts. It awaits sign-off beside the decision it supersedes.
   */
  async computeForAppeal(appealId: string): Promise<ComputeOutcome> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const appeal = await this.appeals.lockForDecision(manager, appealId);
        if (!appeal || appeal.status !== 'reassessed') return 'skipped';
        if (await this.repository.hasLive(manager, appeal.application_id, false)) return 'skipped';
        const contested = await this.repository.get(manager, appeal.decision_id);
        const app = (await this.repository.facts(manager, appeal.application_id, false)) as ApplicationFacts;
        const card = assessedPart(await this.outlines.read(app.card_id, manager), app);
        const exam = app.enrolment_id ? await this.progress.enrolmentResults(manager, app.enrolment_id) : undefined;
        const outcomes = skillOutcomes(app, exam);
        // The panel's majority per contested skill: a tie does not credit (reassessment-rule.ts).
        const panel = await this.appeals.panelFacts(manager, appealId);
        const resolution = reassessmentResolution(panel.contested, panel.verdicts, panel.members);
        if (!resolution.complete) return 'incomplete';
        for (const skill of resolution.skills) {
          outcomes.push({
            skillId: skill.skillId,
            source: 'exam',
            result: skill.status === 'credited' ? 'passed' : 'failed',
          });
        }
        const result = decide({
          card,
          outcomes,
          carriedCredits: carriedCredits(app),
          asOf: toIsoDay(contested.computedAt),
        });
        if (result.outcome === 'incomplete') return 'incomplete';
        const [id] = await this.insertDecisions(manager, [{ app, result, supersedesId: contested.id }]);
        await this.appeals.linkNewDecision(manager, appealId, id);
        return 'computed';
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_decision_pending') || isUniqueViolation(error, 'uq_decision_sequence'))
        return 'skipped';
      throw error;
    }
  }

  /** The manager returns a decision with a reason; a new computation can then be requested. */
  async returnDecision(actor: Actor, decisionId: string, reason: string): Promise<DecisionView> {
    const decision = await this.requireManageable(actor, decisionId);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockPending(manager, decision.id);
      await this.repository.update(manager, row.id, {
        status: 'returned',
        returnReason: reason,
        signedBy: actor.userId,
        signedAt: new Date(),
      });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'decision.returned',
        entityType: 'decision',
        entityId: row.id,
        before: { status: 'pending_signoff' },
        after: { status: 'returned', reason },
      });
      return decisionView(await this.repository.get(manager, row.id));
    });
  }

  /** Asks the worker for a new computation (after a returned decision), through the outbox. */
  async requestComputation(actor: Actor, applicationId: string): Promise<void> {
    await this.access.requireAccess(actor, Permission.ApplicationManage, [applicationId], 'Application');
    await this.dataSource.transaction(async (manager) => {
      const app = await this.requireApplication(manager, applicationId);
      // After a returned decision on appeal, the appeal's re-assessment is decided again.
      const appeal = await this.appeals.reassessedOf(manager, applicationId);
      if (app.status !== 'awaiting_decision' && !(app.status === 'decided' && appeal))
        throw new DomainException('INVALID_TRANSITION', `The application is ${app.status}`, {
          currentStatus: app.status,
        });
      if (await this.repository.hasLive(manager, applicationId, !appeal)) {
        throw new DomainException('CONFLICT', 'A decision is already awaiting sign-off or approved');
      }
      if (appeal) await this.outbox.publish(manager, 'appeal.reassessed', { appealId: appeal.id });
      else await this.outbox.publish(manager, 'application.awaiting_decision', { applicationId });
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'decision.requested',
        entityType: 'application',
        entityId: applicationId,
      });
    });
  }

  async list(actor: Actor, applicationId: string): Promise<DecisionView[]> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    return (await this.repository.listOfApplication(applicationId)).map(decisionView);
  }

  /** New decisions awaiting sign-off with their audit rows: one INSERT each, whatever their number. */
  private async insertDecisions(
    manager: EntityManager,
    decisions: { app: ApplicationFacts; result: DecisionResult; supersedesId: string | null }[],
  ): Promise<string[]> {
    if (decisions.length === 0) return [];
    const rows: NewDecision[] = decisions.map(({ app, result, supersedesId }) => ({
      id: randomUUID(),
      applicationId: app.id,
      sequence: Number(app.next_sequence),
      status: 'pending_signoff',
      outcome: result.outcome as DecisionEntity['outcome'],
      creditedSkillIds: result.creditedSkillIds,
      result,
      signedBy: null,
      signedAt: null,
      returnReason: null,
      supersedesId,
      certificateValidityMonths: null,
      creditValidityMonths: null,
      appealWindowDays: null,
      retakeWaitDays: null,
    }));
    await this.repository.insertAll(manager, rows);
    await this.audit.recordAll(
      manager,
      rows.map((row) => ({
        actor: SYSTEM_ACTOR,
        action: 'decision.computed',
        entityType: 'decision',
        entityId: row.id,
        after: {
          applicationId: row.applicationId,
          sequence: row.sequence,
          outcome: row.outcome,
          creditedSkillIds: row.creditedSkillIds,
          supersedes: row.supersedesId,
        },
      })),
    );
    return rows.map((row) => row.id);
  }

  private async requireManageable(actor: Actor, decisionId: string): Promise<DecisionEntity> {
    const decision = await this.repository.find(decisionId);
    if (!decision) throw DomainException.notFound('Decision', decisionId);
    const allowed = await this.access.checkAccess(actor, Permission.ApplicationManage, [decision.applicationId]);
    if (!allowed.has(decision.applicationId)) throw DomainException.notFound('Decision', decisionId);
    return decision;
  }

  private async requireApplication(manager: EntityManager, applicationId: string): Promise<ApplicationEntity> {
    const app = await this.repository.lockApplication(manager, applicationId);
    if (!app) throw DomainException.notFound('Application', applicationId);
    return app;
  }
}

/**
 * The part of the card the application is assessed on: the mandatory functions and the additional
 * ones the candidate chose. A decision neither credits nor lists what was never asked for.
 */
function assessedPart(outline: CardOutline, app: ApplicationFacts): DecisionCard {
  return {
    functions: assessedFunctions(outline, app.additional_function_ids).map((f) => ({
      id: f.id,
      kind: f.kind,
      number: f.number,
      title: f.title,
      skills: f.skills.map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        recognition: s.recognition,
        abilities: [...s.abilities],
        knowledge: [...s.knowledge],
      })),
    })),
  };
}

/** Skills credited by the candidate's earlier approved partial decisions for the same card. */
function carriedCredits(app: ApplicationFacts): CarriedCredit[] {
  // Earlier credits on evidence are of `recommended` skills only, so calling every one an exam
  // credit changes no outcome.
  return earlierCredits(app.earlier).map((credit) => ({ ...credit, source: 'exam' as const }));
}

/** Every skill outcome the application has: its current enrolment's exam results and its evidence reviews. */
function skillOutcomes(app: ApplicationFacts, exam: EnrolmentResults | undefined): SkillOutcomeRecord[] {
  const records: SkillOutcomeRecord[] = (exam?.skills ?? []).map((skill) => ({
    skillId: skill.skillId,
    source: 'exam',
    result: skill.status,
  }));
  for (const review of app.reviews) {
    const result = review.status === 'accepted' ? 'accepted' : review.status === 'rejected' ? 'rejected' : 'pending';
    records.push({ skillId: review.skill_id, source: 'evidence', result });
  }
  return records;
}
