import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ApplicationStatus, lockApplication } from '@qualcert/candidates';
import type { EvidenceReviewStatus } from '../rules/application-progress';
import type { EarlierCreditRow } from './earlier-credits';
import { CreditHistory } from './upper-context-ports';

/** What the progress check reads of the application. */
export interface ProgressApplicationRow {
  id: string;
  candidate_id: string;
  centre_id: string;
  card_id: string;
  status: ApplicationStatus;
  pathway: 'assessment' | 'recognition';
  additional_function_ids: string[];
  earlier: EarlierCreditRow[];
}

/** An enrolment with its program's marks, the session's number of assessors and the submitted test's score. */
export interface EnrolmentFacts {
  examined_skill_ids: string[];
  pass_mark_percent: number;
  skill_floor_percent: number;
  assessors: number;
  score: { perSkill: { skillId: string; share: number }[]; overall: { share: number } } | null;
}

export interface VerdictRow {
  assessor_id: string;
  skill_id: string;
  verdict: 'competent' | 'not_yet_competent';
  comment: string;
  /** The assessor has signed their sheet: only then does the verdict count. */
  signed: boolean;
}

/** The reads of where an application stands: its enrolment's results, claims and reviews. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly credits: CreditHistory) {}

  // One read for the enrolment, its program's pass mark, the session's assessors and the
  // submitted test (one per enrolment): the decisions worker runs this for every decision.
  async enrolmentFacts(manager: EntityManager, enrolmentId: string): Promise<EnrolmentFacts> {
    const [facts] = await manager.query<EnrolmentFacts[]>(
      `SELECT e.examined_skill_ids, p.pass_mark_percent, p.skill_floor_percent,
              (SELECT COUNT(*)::int FROM session_assessor a WHERE a.session_id = e.session_id) AS assessors,
              (SELECT t.score FROM theory_test t WHERE t.enrolment_id = e.id AND t.status = 'submitted') AS score
         FROM enrolment e
         JOIN exam_session s ON s.id = e.session_id
         JOIN qualification_program p ON p.id = s.program_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
    return facts;
  }

  /** The same facts for many enrolments in one read (the decisions worker's groups); unknown ids are left out. */
  async enrolmentFactsOf(manager: EntityManager, enrolmentIds: string[]): Promise<Map<string, EnrolmentFacts>> {
    const rows = await manager.query<(EnrolmentFacts & { id: string })[]>(
      `SELECT e.id, e.examined_skill_ids, p.pass_mark_percent, p.skill_floor_percent,
              (SELECT COUNT(*)::int FROM session_assessor a WHERE a.session_id = e.session_id) AS assessors,
              (SELECT t.score FROM theory_test t WHERE t.enrolment_id = e.id AND t.status = 'submitted') AS score
         FROM enrolment e
         JOIN exam_session s ON s.id = e.session_id
         JOIN qualification_program p ON p.id = s.program_id
        WHERE e.id = ANY($1::uuid[])`,
      [enrolmentIds],
    );
    return new Map(rows.map(({ id, ...facts }) => [id, facts]));
  }

  /** The verdicts of many enrolments in one read, by enrolment (none: an empty list). */
  async verdictsOf(manager: EntityManager, enrolmentIds: string[]): Promise<Map<string, VerdictRow[]>> {
    const rows = await manager.query<(VerdictRow & { enrolment_id: string })[]>(
      `SELECT v.enrolment_id, v.assessor_id, v.skill_id, v.verdict, v.comment, (s.enrolment_id IS NOT NULL) AS signed
         FROM practical_verdict v
         LEFT JOIN practical_sheet s ON s.enrolment_id = v.enrolment_id AND s.assessor_id = v.assessor_id
        WHERE v.enrolment_id = ANY($1::uuid[])`,
      [enrolmentIds],
    );
    const byEnrolment = new Map<string, VerdictRow[]>(enrolmentIds.map((id) => [id, []]));
    for (const { enrolment_id, ...verdict } of rows) byEnrolment.get(enrolment_id)?.push(verdict);
    return byEnrolment;
  }

  verdicts(manager: EntityManager, enrolmentId: string): Promise<VerdictRow[]> {
    return manager.query<VerdictRow[]>(
      `SELECT v.assessor_id, v.skill_id, v.verdict, v.comment, (s.enrolment_id IS NOT NULL) AS signed
         FROM practical_verdict v
         LEFT JOIN practical_sheet s ON s.enrolment_id = v.enrolment_id AND s.assessor_id = v.assessor_id
        WHERE v.enrolment_id = $1`,
      [enrolmentId],
    );
  }

  /**
   * The application with the candidate's earlier credits for its card (no row: no application):
   * the credits of the candidate's other applications for the card, read from the decisions
   * context only when there are such applications.
   */
  async application(manager: EntityManager, applicationId: string): Promise<ProgressApplicationRow | undefined> {
    const [app] = await manager.query<(Omit<ProgressApplicationRow, 'earlier'> & { others: string[] })[]>(
      `SELECT a.id, a.candidate_id, a.centre_id, a.card_id, a.status, a.pathway, a.additional_function_ids,
              ARRAY(SELECT o.id FROM application o
                     WHERE o.candidate_id = a.candidate_id AND o.card_id = a.card_id AND o.id <> a.id) AS others
         FROM application a WHERE a.id = $1`,
      [applicationId],
    );
    if (!app) return app;
    const { others, ...row } = app;
    return { ...row, earlier: others.length > 0 ? await this.credits.creditsOf(manager, others) : [] };
  }

  /** Locks the application (candidates' reader) for the caller's transaction. */
  async lockApplication(manager: EntityManager, applicationId: string): Promise<void> {
    await lockApplication(manager, applicationId);
  }

  async claimedSkillIds(manager: EntityManager, applicationId: string): Promise<string[]> {
    const rows = await manager.query<{ skill_id: string }[]>(
      'SELECT DISTINCT skill_id FROM evidence_claim WHERE application_id = $1',
      [applicationId],
    );
    return rows.map((r) => r.skill_id);
  }

  async reviews(
    manager: EntityManager,
    applicationId: string,
  ): Promise<{ skillId: string; status: EvidenceReviewStatus }[]> {
    const rows = await manager.query<{ skill_id: string; status: EvidenceReviewStatus }[]>(
      'SELECT skill_id, status FROM evidence_review WHERE application_id = $1',
      [applicationId],
    );
    return rows.map((r) => ({ skillId: r.skill_id, status: r.status }));
  }

  /** The application's current exam enrolment, if any. */
  async currentEnrolmentId(manager: EntityManager, applicationId: string): Promise<string | null> {
    const [enrolment] = await manager.query<{ id: string }[]>(
      `SELECT id FROM enrolment WHERE application_id = $1 AND status = 'enrolled' ORDER BY created_at DESC LIMIT 1`,
      [applicationId],
    );
    return enrolment?.id ?? null;
  }
}
