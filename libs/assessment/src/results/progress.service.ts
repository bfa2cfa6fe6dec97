import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { transitionApplication, type ApplicationStatus } from '@qualcert/candidates';
import { AuditActor, AuditService, DomainException, OutboxService, utcToday } from '@qualcert/shared';
import { assessedSkills, CardOutlineReader } from '@qualcert/standards';
import { applicationSkillOutcomes, type ApplicationProgress } from '../rules/application-progress';
import { skillExamOutcome, type SkillExamOutcome } from '../rules/exam-outcome';
import { earlierCredits, validCarriedSkillIds } from './earlier-credits';
import { type EnrolmentFacts, ProgressRepository, type VerdictRow } from './progress.repository';

export interface ExamSkillResult extends SkillExamOutcome {
  skillId: string;
  theoryShare: number | null;
  verdicts: { assessorId: string; verdict: 'competent' | 'not_yet_competent'; signed: boolean; comment: string }[];
}

export interface EnrolmentResults {
  enrolmentId: string;
  /** The overall theory pass mark, in [0, 1]. */
  passMark: number;
  /** The per-skill floor, in [0, 1]. */
  skillFloor: number;
  /** The whole test's share; null until the test is submitted. */
  overallShare: number | null;
  assessorsInSession: number;
  skills: ExamSkillResult[];
}

/**
 * Where every skill an application needs stands: evidence accepted, exam passed or failed, or
 * pending. When nothing is pending any more, the application moves to awaiting decision and the
 * event for the decisions workflow is written in the same transaction.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly repository: ProgressRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** The exam outcome per examined skill of an enrolment (signed sheets only count). */
  async enrolmentResults(manager: EntityManager, enrolmentId: string): Promise<EnrolmentResults> {
    const facts = await this.repository.enrolmentFacts(manager, enrolmentId);
    const verdicts = await this.repository.verdicts(manager, enrolmentId);
    return enrolmentResultsFrom(enrolmentId, facts, verdicts);
  }

  /**
   * The same for many enrolments in two reads, whatever their number (the decisions worker's
   * groups); an enrolment that does not exist is left out of the map.
   */
  async enrolmentResultsOf(manager: EntityManager, enrolmentIds: string[]): Promise<Map<string, EnrolmentResults>> {
    const results = new Map<string, EnrolmentResults>();
    if (enrolmentIds.length === 0) return results;
    const facts = await this.repository.enrolmentFactsOf(manager, enrolmentIds);
    const verdicts = await this.repository.verdictsOf(manager, [...facts.keys()]);
    for (const [id, enrolment] of facts) results.set(id, enrolmentResultsFrom(id, enrolment, verdicts.get(id) ?? []));
    return results;
  }

  async progress(
    manager: EntityManager,
    applicationId: string,
  ): Promise<ApplicationProgress & { status: ApplicationStatus }> {
    const app = await this.repository.application(manager, applicationId);
    if (!app) throw new DomainException('NOT_FOUND', `Application ${applicationId} was not found`);
    const skills = assessedSkills(await this.outlines.read(app.card_id, manager), app.additional_function_ids);
    // One after another: inside a transaction the queries share one connection.
    const claimedSkillIds = await this.repository.claimedSkillIds(manager, app.id);
    const reviews = await this.repository.reviews(manager, app.id);
    const enrolmentId = await this.repository.currentEnrolmentId(manager, app.id);
    const exams = enrolmentId
      ? (await this.enrolmentResults(manager, enrolmentId)).skills.map((s) => ({
          skillId: s.skillId,
          status: s.status,
        }))
      : [];
    const progress = applicationSkillOutcomes({
      pathway: app.pathway,
      skills,
      claimedSkillIds,
      reviews,
      exams,
      carriedSkillIds: validCarriedSkillIds(earlierCredits(app.earlier), utcToday()),
    });
    return { ...progress, status: app.status };
  }

  /** Re-reads the application inside the caller's transaction and hands it over when complete. */
  async handOverIfComplete(manager: EntityManager, applicationId: string, actor: AuditActor): Promise<boolean> {
    await this.repository.lockApplication(manager, applicationId);
    const progress = await this.progress(manager, applicationId);
    if (!progress.complete || progress.status !== 'eligible') return false;
    const status = await transitionApplication(manager, applicationId, progress.status, 'complete_assessment');
    await this.outbox.publish(manager, 'application.awaiting_decision', { applicationId });
    await this.audit.record(manager, {
      actor,
      action: 'application.assessment_completed',
      entityType: 'application',
      entityId: applicationId,
      before: { status: progress.status },
      after: { status, skills: progress.skills },
    });
    return true;
  }
}

/** An enrolment's results from what the repository read of it. */
export function enrolmentResultsFrom(
  enrolmentId: string,
  facts: EnrolmentFacts,
  verdicts: VerdictRow[],
): EnrolmentResults {
  const passMark = facts.pass_mark_percent / 100;
  const skillFloor = facts.skill_floor_percent / 100;
  const overallShare = facts.score?.overall.share ?? null;
  return {
    enrolmentId,
    passMark,
    skillFloor,
    overallShare,
    assessorsInSession: facts.assessors,
    skills: facts.examined_skill_ids.map((skillId) => {
      const theoryShare = facts.score?.perSkill.find((p) => p.skillId === skillId)?.share ?? null;
      const mine = verdicts.filter((v) => v.skill_id === skillId);
      const outcome = skillExamOutcome({
        theoryShare,
        overallShare,
        passMark,
        skillFloor,
        verdicts: mine.filter((v) => v.signed).map((v) => v.verdict),
        assessorsInSession: facts.assessors,
      });
      return {
        skillId,
        theoryShare,
        verdicts: mine.map((v) => ({
          assessorId: v.assessor_id,
          verdict: v.verdict,
          signed: v.signed,
          comment: v.comment,
        })),
        ...outcome,
      };
    }),
  };
}
