import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DecisionResult } from '@qualcert/decisions';

/** A decision with what its conclusion prints: the candidate, the card, its standard, the centre, the signer. */
export interface ConclusionFacts {
  id: string;
  application_id: string;
  card_id: string;
  status: string;
  outcome: 'awarded' | 'partial' | 'not_awarded';
  result: DecisionResult;
  signed_at: Date | null;
  certificate_validity_months: number | null;
  credit_validity_months: number | null;
  appeal_window_days: number | null;
  retake_wait_days: number | null;
  candidate_name: string;
  iin: string | null;
  card_name: string;
  occupation_code: string | null;
  ork_level: number;
  standard_title: string;
  centre_name: string;
  centre_code: string;
  signer_name: string | null;
}

/** An exam session with what its protocol prints: the program's marks, the card, the centre. */
export interface SessionFacts {
  id: string;
  centre_id: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  program_version: number;
  pass_mark_percent: number;
  skill_floor_percent: number;
  card_id: string;
  card_name: string;
  occupation_code: string | null;
  ork_level: number;
  centre_name: string;
  centre_code: string;
}

/** An enrolled candidate of a session, with their submitted theory test's score. */
export interface EnrolmentFacts {
  id: string;
  full_name: string;
  iin: string | null;
  score: { perSkill: { skillId: string; correct: number; total: number; share: number }[] } | null;
}

/**
 * The facts a result document prints, each one query across the contexts below (decisions,
 * assessment, candidates, centres, standards, identity): a document is rendered from the rows on
 * every request, and one round trip is most of its cost.
 */
@Injectable()
export class ResultDocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async conclusionFacts(decisionId: string): Promise<ConclusionFacts | undefined> {
    const [row] = await this.dataSource.query<ConclusionFacts[]>(
      `SELECT d.id, d.application_id, a.card_id, d.status, d.outcome, d.result, d.signed_at,
              d.certificate_validity_months, d.credit_validity_months, d.appeal_window_days, d.retake_wait_days,
              u.full_name AS candidate_name, p.iin, c.name AS card_name, c.occupation_code, c.ork_level,
              s.title AS standard_title, ce.name AS centre_name, ce.code AS centre_code, g.full_name AS signer_name
         FROM decision d
         JOIN application a ON a.id = d.application_id
         JOIN app_user u ON u.id = a.candidate_id
         LEFT JOIN candidate_profile p ON p.user_id = a.candidate_id
         JOIN profession_card c ON c.id = a.card_id
         JOIN standard_version v ON v.id = c.standard_version_id
         JOIN standard s ON s.id = v.standard_id
         JOIN centre ce ON ce.id = a.centre_id
         LEFT JOIN app_user g ON g.id = d.signed_by
        WHERE d.id = $1`,
      [decisionId],
    );
    return row;
  }

  async sessionFacts(sessionId: string): Promise<SessionFacts | undefined> {
    const [session] = await this.dataSource.query<SessionFacts[]>(
      `SELECT x.id, x.centre_id, x.starts_at, x.ends_at, x.place, p.version AS program_version,
              p.pass_mark_percent, p.skill_floor_percent, c.id AS card_id, c.name AS card_name, c.occupation_code,
              c.ork_level, ce.name AS centre_name, ce.code AS centre_code
         FROM exam_session x
         JOIN qualification_program p ON p.id = x.program_id
         JOIN profession_card c ON c.id = x.card_id
         JOIN centre ce ON ce.id = x.centre_id
        WHERE x.id = $1`,
      [sessionId],
    );
    return session;
  }

  /** The session's assessors, by name. */
  assessorsOf(sessionId: string): Promise<{ id: string; full_name: string }[]> {
    return this.dataSource.query<{ id: string; full_name: string }[]>(
      `SELECT u.id, u.full_name FROM session_assessor a JOIN app_user u ON u.id = a.assessor_id
        WHERE a.session_id = $1 ORDER BY u.full_name, u.id`,
      [sessionId],
    );
  }

  /** The session's enrolled candidates by name, or only `candidateId`'s enrolment when given. */
  enrolmentsOf(sessionId: string, candidateId: string | null): Promise<EnrolmentFacts[]> {
    return this.dataSource.query<EnrolmentFacts[]>(
      `SELECT e.id, u.full_name, p.iin,
              (SELECT t.score FROM theory_test t WHERE t.enrolment_id = e.id AND t.status = 'submitted') AS score
         FROM enrolment e JOIN app_user u ON u.id = e.candidate_id
         LEFT JOIN candidate_profile p ON p.user_id = e.candidate_id
        WHERE e.session_id = $1 AND e.status = 'enrolled' AND ($2::uuid IS NULL OR e.candidate_id = $2)
        ORDER BY u.full_name, e.id`,
      [sessionId, candidateId],
    );
  }

  async isEnrolled(sessionId: string, candidateId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT id FROM enrolment WHERE session_id = $1 AND candidate_id = $2 AND status = 'enrolled'`,
      [sessionId, candidateId],
    );
    return rows.length > 0;
  }

  async sitsOn(sessionId: string, assessorId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT session_id FROM session_assessor WHERE session_id = $1 AND assessor_id = $2',
      [sessionId, assessorId],
    );
    return rows.length > 0;
  }
}
