import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { transitionApplication, type ApplicationStatus } from '@qualcert/candidates';
import { AuditActor, AuditService, OutboxService, utcToday } from '@qualcert/shared';
import { assessedSkills, CardOutlineReader } from '@qualcert/standards';
import { applicationSkillOutcomes, type ApplicationProgress } from '../rules/application-progress';
import { skillExamOutcome, type SkillExamOutcome } from '../rules/exam-outcome';
import { EARLIER_CREDITS_SQL, earlierCredits, type EarlierCreditRow, validCarriedSkillIds } from './earlier-credits';

interface ApplicationRow {
  id: string;
  card_id: string;
  status: ApplicationStatus;
  pathway: 'assessment' | 'recognition';
  additional_function_ids: string[];
  earlier: EarlierCreditRow[];
}

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
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly outlines: CardOutlineReader,
  ) {}

  /** The exam outcome per examined skill of an enrolment (signed sheets only count). */
  async enrolmentResults(manager: EntityManager, enrolmentId: string): Promise<EnrolmentResults> {
    // One read for the enrolment, its program's pass mark, the session's assessors and the
    // submitted test (one per enrolment): the decisions worker runs this for every decision.
    const [facts] = await manager.query<
      {
        examined_skill_ids: string[];
        pass_mark_percent: number;
        skill_floor_percent: number;
        assessors: number;
        score: { perSkill: { skillId: string; share: number }[]; overall: { share: number } } | null;
      }[]
    >(
      `SELECT e.examined_skill_ids, p.pass_mark_percent, p.skill_floor_percent,
              (SELECT COUNT(*)::int FROM session_assessor a WHERE a.session_id = e.session_id) AS assessors,
              (SELECT t.score FROM theory_test t WHERE t.enrolment_id = e.id AND t.status = 'submitted') AS score
         FROM enrolment e
         JOIN exam_session s ON s.id = e.session_id
         JOIN qualification_program p ON p.id = s.program_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
    const verdicts = await manager.query<
      {
        assessor_id: string;
        skill_id: string;
        verdict: 'competent' | 'not_yet_competent';
        comment: string;
        signed: boolean;
      }[]
    >(
      `SELECT v.assessor_id, v.skill_id, v.verdict, v.comment, (s.enrolment_id IS NOT NULL) AS signed
         FROM practical_verdict v
         LEFT JOIN practical_sheet s ON s.enrolment_id = v.enrolment_id AND s.assessor_id = v.assessor_id
        WHERE v.enrolment_id = $1`,
      [enrolmentId],
    );
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

  async progress(
    manager: EntityManager,
    applicationId: string,
  ): Promise<ApplicationProgress & { status: ApplicationStatus }> {
    const [app] = await manager.query<ApplicationRow[]>(
      `SELECT a.id, a.card_id, a.status, a.pathway, a.additional_function_ids, ${EARLIER_CREDITS_SQL} AS earlier
         FROM application a WHERE a.id = $1`,
      [applicationId],
    );
    const skills = assessedSkills(await this.outlines.read(app.card_id, manager), app.additional_function_ids);
    const claims = await manager.query<{ skill_id: string }[]>(
      'SELECT DISTINCT skill_id FROM evidence_claim WHERE application_id = $1',
      [app.id],
    );
    const reviews = await manager.query<
      { skill_id: string; status: 'pending' | 'more_requested' | 'accepted' | 'rejected' }[]
    >('SELECT skill_id, status FROM evidence_review WHERE application_id = $1', [app.id]);
    const [enrolment] = await manager.query<{ id: string }[]>(
      `SELECT id FROM enrolment WHERE application_id = $1 AND status = 'enrolled' ORDER BY created_at DESC LIMIT 1`,
      [app.id],
    );
    const exams = enrolment
      ? (await this.enrolmentResults(manager, enrolment.id)).skills.map((s) => ({
          skillId: s.skillId,
          status: s.status,
        }))
      : [];
    const progress = applicationSkillOutcomes({
      pathway: app.pathway,
      skills,
      claimedSkillIds: claims.map((c) => c.skill_id),
      reviews: reviews.map((r) => ({ skillId: r.skill_id, status: r.status })),
      exams,
      carriedSkillIds: validCarriedSkillIds(earlierCredits(app.earlier), utcToday()),
    });
    return { ...progress, status: app.status };
  }

  /** Re-reads the application inside the caller's transaction and hands it over when complete. */
  async handOverIfComplete(manager: EntityManager, applicationId: string, actor: AuditActor): Promise<boolean> {
    await manager.query('SELECT id FROM application WHERE id = $1 FOR UPDATE', [applicationId]);
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
