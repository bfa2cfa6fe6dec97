import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EARLIER_CREDITS_SQL, earlierCredits, type EarlierCreditRow, ProgressService } from '@qualcert/assessment';
import { transitionApplication, type ApplicationStatus, requireIdentityResolved } from '@qualcert/candidates';
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
  lockInStatus,
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
import { DecisionEntity } from './decision.entity';
import { involvedInApplication } from './involvement.repository';

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

/** What a computation reads of the application: one query, the first of its transaction. */
interface ApplicationFacts {
  id: string;
  candidate_id: string;
  centre_id: string;
  card_id: string;
  status: ApplicationStatus;
  /** The additional functions the candidate chose; the decision is on these and the mandatory ones. */
  additional_function_ids: string[];
  /** A decision awaits sign-off or is approved. */
  decided: boolean;
  /** The sequence number the next decision of the application takes. */
  next_sequence: number;
  /** The application's current exam enrolment, if it has one. */
  enrolment_id: string | null;
  reviews: { skill_id: string; status: string }[];
  earlier: EarlierCreditRow[];
}

// Each subquery is one of the reads a decision needs; together they cost one round trip, which is
// most of a decision's cost (docs/PERFORMANCE.md, the decision pipeline).
const FACTS = `
  SELECT a.id, a.candidate_id, a.centre_id, a.card_id, a.status, a.additional_function_ids,
         EXISTS (SELECT 1 FROM decision d WHERE d.application_id = a.id
                  AND d.status IN ('pending_signoff', 'approved')) AS decided,
         (SELECT COALESCE(MAX(d.sequence), 0) + 1 FROM decision d WHERE d.application_id = a.id) AS next_sequence,
         (SELECT e.id FROM enrolment e WHERE e.application_id = a.id AND e.status = 'enrolled'
           ORDER BY e.created_at DESC LIMIT 1) AS enrolment_id,
         (SELECT COALESCE(json_agg(json_build_object('skill_id', r.skill_id, 'status', r.status)), '[]')
            FROM evidence_review r WHERE r.application_id = a.id) AS reviews,
         ${EARLIER_CREDITS_SQL} AS earlier
    FROM application a WHERE a.id = $1`;

/**
 * Decisions: computed by the worker from the application's outcomes (the rule is a pure
 * function), then signed off by the centre's manager. A job that runs twice leaves one decision.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
        const [app] = await manager.query<ApplicationFacts[]>(`${FACTS} FOR UPDATE OF a`, [applicationId]);
        if (!app || app.status !== 'awaiting_decision' || app.decided) return 'skipped';
        const card = assessedPart(await this.outlines.read(app.card_id, manager), app);
        const outcomes = await this.outcomes(manager, app);
        const result = decide({ card, outcomes, carriedCredits: carriedCredits(app), asOf: utcToday() });
        if (result.outcome === 'incomplete') return 'incomplete';
        await this.insertDecision(manager, app, result, null);
        return 'computed';
      });
    } catch (error) {
      // Two workers raced: the other one stored the decision.
      if (isUniqueViolation(error, 'uq_decision_pending') || isUniqueViolation(error, 'uq_decision_sequence'))
        return 'skipped';
      throw error;
    }
  }

  /**
   * The centre's manager approves the decision; a manager involved in assessing the application
   * (involvement.repository.ts: for a manager, by checking its admission documents) may not.
   */
  async approve(actor: Actor, decisionId: string): Promise<DecisionView> {
    const decision = await this.requireManageable(actor, decisionId);
    return this.dataSource.transaction(async (manager) => {
      const row = await lockInStatus(manager, DecisionEntity, decision.id, ['pending_signoff'], 'The decision');
      if ((await involvedInApplication(manager, row.applicationId)).has(actor.userId)) {
        throw new DomainException('FORBIDDEN', errorMessage('FORBIDDEN:checked_documents'));
      }
      const [app] = await manager.query<{ status: ApplicationStatus; candidate_id: string; card_id: string }[]>(
        'SELECT status, candidate_id, card_id FROM application WHERE id = $1 FOR UPDATE',
        [row.applicationId],
      );
      // Another account declaring the ИИН: no decision is signed until a centre confirms who this
      // is, nor within a retake wait another account's decision set (docs/CANDIDATES.md).
      await requireIdentityResolved(manager, app.candidate_id, app.card_id, utcToday());
      // A decision made on appeal replaces a signed one: the application is decided already.
      const status = row.supersedesId
        ? app.status
        : await transitionApplication(manager, row.applicationId, app.status, 'decide');
      const signedAt = new Date();
      // The terms are fixed now: a decision on appeal keeps those of the decision it replaces.
      const terms = row.supersedesId
        ? await this.supersede(manager, actor, row)
        : await this.termsInForce(manager, row.applicationId);
      await manager.update(
        DecisionEntity,
        { id: row.id },
        { status: 'approved', signedBy: actor.userId, signedAt, ...terms },
      );
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
      return decisionView(await manager.findOneOrFail(DecisionEntity, { where: { id: row.id } }));
    });
  }

  /**
   * Signing a decision made on appeal: the contested decision becomes superseded (kept, linked)
   * and the appeal resolved, in the same transaction. The certificate job then issues or revokes
   * certificates to match (CertificatesService.issue).
   */
  private async supersede(manager: EntityManager, actor: Actor, row: DecisionEntity): Promise<DecisionTerms> {
    const old = await lockInStatus(
      manager,
      DecisionEntity,
      row.supersedesId as string,
      ['approved'],
      'The decision it would supersede',
    );
    // The old one first: one approved decision per application at any moment.
    await manager.update(DecisionEntity, { id: old.id }, { status: 'superseded' });
    await manager.query(
      `UPDATE appeal SET status = 'resolved', updated_at = now() WHERE new_decision_id = $1 AND status = 'reassessed'`,
      [row.id],
    );
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

  /** The terms of the centre's program for the card in force today; the defaults without one. */
  private async termsInForce(manager: EntityManager, applicationId: string): Promise<DecisionTerms> {
    const [program] = await manager.query<DecisionTerms[]>(
      `SELECT p.certificate_validity_months AS "certificateValidityMonths",
              p.credit_validity_months AS "creditValidityMonths",
              p.appeal_window_days AS "appealWindowDays", p.retake_wait_days AS "retakeWaitDays"
         FROM application a JOIN qualification_program p
           ON p.centre_id = a.centre_id AND p.card_id = a.card_id AND p.status = 'active'
        WHERE a.id = $1`,
      [applicationId],
    );
    return termsToFix(program ?? null);
  }

  /**
   * The decision after an appeal's re-assessment: the application's outcomes with the panel's
   * results added for the contested skills, taken as of the contested decision's day so that a
   * carried credit valid then still counts. It awaits sign-off beside the decision it supersedes.
   */
  async computeForAppeal(appealId: string): Promise<ComputeOutcome> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [appeal] = await manager.query<
          { id: string; status: string; decision_id: string; application_id: string }[]
        >('SELECT id, status, decision_id, application_id FROM appeal WHERE id = $1 FOR UPDATE', [appealId]);
        if (!appeal || appeal.status !== 'reassessed') return 'skipped';
        if (
          await manager.exists(DecisionEntity, {
            where: { applicationId: appeal.application_id, status: 'pending_signoff' },
          })
        )
          return 'skipped';
        const contested = await manager.findOneOrFail(DecisionEntity, { where: { id: appeal.decision_id } });
        const [app] = await manager.query<ApplicationFacts[]>(FACTS, [appeal.application_id]);
        const card = assessedPart(await this.outlines.read(app.card_id, manager), app);
        const outcomes = await this.outcomes(manager, app);
        // The panel's majority per contested skill: a tie does not credit (reassessment-rule.ts).
        const [panel] = await manager.query<
          { contested: string[]; members: number; verdicts: { skillId: string; result: 'passed' | 'failed' }[] }[]
        >(
          `SELECT a.contested_skill_ids AS contested,
                  (SELECT COUNT(*)::int FROM appeal_panel_member m WHERE m.appeal_id = a.id) AS members,
                  (SELECT COALESCE(json_agg(json_build_object('skillId', r.skill_id, 'result', r.result)), '[]')
                     FROM appeal_reassessment r WHERE r.appeal_id = a.id) AS verdicts
             FROM appeal a WHERE a.id = $1`,
          [appealId],
        );
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
        const id = await this.insertDecision(manager, app, result, contested.id);
        await manager.query('UPDATE appeal SET new_decision_id = $2, updated_at = now() WHERE id = $1', [appealId, id]);
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
      const row = await lockInStatus(manager, DecisionEntity, decision.id, ['pending_signoff'], 'The decision');
      await manager.update(
        DecisionEntity,
        { id: row.id },
        { status: 'returned', returnReason: reason, signedBy: actor.userId, signedAt: new Date() },
      );
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'decision.returned',
        entityType: 'decision',
        entityId: row.id,
        before: { status: 'pending_signoff' },
        after: { status: 'returned', reason },
      });
      return decisionView(await manager.findOneOrFail(DecisionEntity, { where: { id: row.id } }));
    });
  }

  /** Asks the worker for a new computation (after a returned decision), through the outbox. */
  async requestComputation(actor: Actor, applicationId: string): Promise<void> {
    await this.access.requireAccess(actor, Permission.ApplicationManage, [applicationId], 'Application');
    await this.dataSource.transaction(async (manager) => {
      const [app] = await manager.query<{ status: ApplicationStatus }[]>(
        'SELECT status FROM application WHERE id = $1 FOR UPDATE',
        [applicationId],
      );
      // After a returned decision on appeal, the appeal's re-assessment is decided again.
      const [appeal] = await manager.query<{ id: string }[]>(
        `SELECT id FROM appeal WHERE application_id = $1 AND status = 'reassessed'`,
        [applicationId],
      );
      if (app.status !== 'awaiting_decision' && !(app.status === 'decided' && appeal))
        throw new DomainException('INVALID_TRANSITION', `The application is ${app.status}`, {
          currentStatus: app.status,
        });
      if (
        await manager.exists(DecisionEntity, {
          where: appeal
            ? [{ applicationId, status: 'pending_signoff' }]
            : [
                { applicationId, status: 'pending_signoff' },
                { applicationId, status: 'approved' },
              ],
        })
      ) {
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
    const rows = await this.dataSource
      .getRepository(DecisionEntity)
      .find({ where: { applicationId }, order: { sequence: 'DESC' } });
    return rows.map(decisionView);
  }

  private async insertDecision(
    manager: EntityManager,
    app: ApplicationFacts,
    result: DecisionResult,
    supersedesId: string | null,
  ): Promise<string> {
    const applicationId = app.id;
    const next = app.next_sequence;
    const id = randomUUID();
    await manager.insert(DecisionEntity, {
      id,
      applicationId,
      sequence: Number(next),
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
    });
    await this.audit.record(manager, {
      actor: SYSTEM_ACTOR,
      action: 'decision.computed',
      entityType: 'decision',
      entityId: id,
      after: {
        applicationId,
        sequence: Number(next),
        outcome: result.outcome,
        creditedSkillIds: result.creditedSkillIds,
        supersedes: supersedesId,
      },
    });
    return id;
  }

  private async requireManageable(actor: Actor, decisionId: string): Promise<DecisionEntity> {
    const decision = await this.dataSource.getRepository(DecisionEntity).findOne({ where: { id: decisionId } });
    if (!decision) throw DomainException.notFound('Decision', decisionId);
    const allowed = await this.access.checkAccess(actor, Permission.ApplicationManage, [decision.applicationId]);
    if (!allowed.has(decision.applicationId)) throw DomainException.notFound('Decision', decisionId);
    return decision;
  }

  private async outcomes(manager: EntityManager, app: ApplicationFacts): Promise<SkillOutcomeRecord[]> {
    const records: SkillOutcomeRecord[] = [];
    if (app.enrolment_id) {
      for (const skill of (await this.progress.enrolmentResults(manager, app.enrolment_id)).skills) {
        records.push({ skillId: skill.skillId, source: 'exam', result: skill.status });
      }
    }
    for (const review of app.reviews) {
      const result = review.status === 'accepted' ? 'accepted' : review.status === 'rejected' ? 'rejected' : 'pending';
      records.push({ skillId: review.skill_id, source: 'evidence', result });
    }
    return records;
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
