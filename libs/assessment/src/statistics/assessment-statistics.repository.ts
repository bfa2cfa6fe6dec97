import type { EntityManager } from 'typeorm';
import type { StatisticsPeriod } from '@qualcert/candidates';
import { tallyExamOutcomes, type ExamFacts, type OutcomeTally } from '../rules/exam-statistics';
import type { PracticalVerdict } from '../rules/exam-outcome';

export interface AssessorWorkload {
  assessorId: string;
  /** Exam sessions of the period the assessor sat on. */
  sessions: number;
  /** Candidates enrolled in those sessions. */
  candidates: number;
  /** Practical sheets the assessor signed in the period. */
  sheetsSigned: number;
  /** Evidence reviews the assessor decided in the period. */
  reviewsDecided: number;
  /** Evidence reviews assigned to the assessor and not yet decided (now). */
  reviewsOpen: number;
}

export interface AssessmentStatistics {
  /** Exams of sessions that started in the period, per card: each candidate's whole exam. */
  cards: ({ cardId: string } & OutcomeTally)[];
  /** The same per examined skill. */
  skills: ({ cardId: string; skillId: string } & OutcomeTally)[];
  /** Evidence reviews decided in the period, per skill. */
  evidence: { skillId: string; accepted: number; rejected: number }[];
  workload: AssessorWorkload[];
}

/**
 * The assessment context's part of a centre's statistics, from its own tables: the exams of the
 * centre's sessions that started in the period (outcomes by the exam rule, as each candidate's
 * results), the evidence reviews of the centre's applications (ids from the candidates context)
 * decided in it, and each assessor's share of that work. Four reads, whatever the numbers.
 */
export async function assessmentStatistics(
  manager: EntityManager,
  centreId: string,
  applicationIds: string[],
  period: StatisticsPeriod,
): Promise<AssessmentStatistics> {
  const sessionsOfPeriod = `s.centre_id = $1 AND s.status = 'scheduled' AND s.starts_at >= $2 AND s.starts_at < $3`;
  const args = [centreId, period.start, period.end];
  const enrolments = await manager.query<
    {
      id: string;
      card_id: string;
      examined_skill_ids: string[];
      pass_mark_percent: number;
      skill_floor_percent: number;
      assessors: number;
      score: { perSkill: { skillId: string; share: number }[]; overall: { share: number } } | null;
    }[]
  >(
    `SELECT e.id, s.card_id, e.examined_skill_ids, p.pass_mark_percent, p.skill_floor_percent,
            (SELECT COUNT(*)::int FROM session_assessor a WHERE a.session_id = e.session_id) AS assessors,
            (SELECT t.score FROM theory_test t WHERE t.enrolment_id = e.id AND t.status = 'submitted') AS score
       FROM enrolment e
       JOIN exam_session s ON s.id = e.session_id
       JOIN qualification_program p ON p.id = s.program_id
      WHERE ${sessionsOfPeriod} AND e.status = 'enrolled'`,
    args,
  );
  const verdicts = await manager.query<{ enrolment_id: string; skill_id: string; verdict: PracticalVerdict }[]>(
    `SELECT v.enrolment_id, v.skill_id, v.verdict
       FROM practical_verdict v
       JOIN practical_sheet sh ON sh.enrolment_id = v.enrolment_id AND sh.assessor_id = v.assessor_id
       JOIN enrolment e ON e.id = v.enrolment_id
       JOIN exam_session s ON s.id = e.session_id
      WHERE ${sessionsOfPeriod} AND e.status = 'enrolled'`,
    args,
  );
  const signed = new Map<string, Map<string, PracticalVerdict[]>>();
  for (const v of verdicts) {
    const bySkill = signed.get(v.enrolment_id) ?? new Map<string, PracticalVerdict[]>();
    bySkill.set(v.skill_id, [...(bySkill.get(v.skill_id) ?? []), v.verdict]);
    signed.set(v.enrolment_id, bySkill);
  }
  const facts: ExamFacts[] = enrolments
    .filter((e) => e.assessors > 0)
    .map((e) => ({
      cardId: e.card_id,
      examinedSkillIds: e.examined_skill_ids,
      passMark: e.pass_mark_percent / 100,
      skillFloor: e.skill_floor_percent / 100,
      assessorsInSession: e.assessors,
      overallShare: e.score?.overall.share ?? null,
      skillShares: new Map((e.score?.perSkill ?? []).map((p) => [p.skillId, p.share])),
      verdicts: signed.get(e.id) ?? new Map(),
    }));
  const tally = tallyExamOutcomes(facts);

  const evidence = await manager.query<{ skill_id: string; accepted: number; rejected: number }[]>(
    `SELECT skill_id, COUNT(*) FILTER (WHERE status = 'accepted')::int AS accepted,
            COUNT(*) FILTER (WHERE status = 'rejected')::int AS rejected
       FROM evidence_review
      WHERE application_id = ANY($1::uuid[]) AND status IN ('accepted', 'rejected')
        AND decided_at >= $2 AND decided_at < $3
      GROUP BY skill_id`,
    [applicationIds, period.start, period.end],
  );

  const work = await manager.query<
    { assessor_id: string; kind: keyof Omit<AssessorWorkload, 'assessorId'>; count: number }[]
  >(
    `SELECT a.assessor_id, 'sessions' AS kind, COUNT(*)::int AS count
       FROM session_assessor a JOIN exam_session s ON s.id = a.session_id
      WHERE ${sessionsOfPeriod} GROUP BY a.assessor_id
     UNION ALL
     SELECT a.assessor_id, 'candidates', COUNT(*)::int
       FROM session_assessor a JOIN exam_session s ON s.id = a.session_id
       JOIN enrolment e ON e.session_id = s.id AND e.status = 'enrolled'
      WHERE ${sessionsOfPeriod} GROUP BY a.assessor_id
     UNION ALL
     SELECT sh.assessor_id, 'sheetsSigned', COUNT(*)::int
       FROM practical_sheet sh JOIN enrolment e ON e.id = sh.enrolment_id JOIN exam_session s ON s.id = e.session_id
      WHERE s.centre_id = $1 AND sh.signed_at >= $2 AND sh.signed_at < $3 GROUP BY sh.assessor_id
     UNION ALL
     SELECT assessor_id, 'reviewsDecided', COUNT(*)::int
       FROM evidence_review
      WHERE application_id = ANY($4::uuid[]) AND decided_at >= $2 AND decided_at < $3 GROUP BY assessor_id
     UNION ALL
     SELECT assessor_id, 'reviewsOpen', COUNT(*)::int
       FROM evidence_review
      WHERE application_id = ANY($4::uuid[]) AND status IN ('pending', 'more_requested') GROUP BY assessor_id`,
    [...args, applicationIds],
  );
  const workload = new Map<string, AssessorWorkload>();
  for (const row of work) {
    const entry = workload.get(row.assessor_id) ?? {
      assessorId: row.assessor_id,
      sessions: 0,
      candidates: 0,
      sheetsSigned: 0,
      reviewsDecided: 0,
      reviewsOpen: 0,
    };
    entry[row.kind] = row.count;
    workload.set(row.assessor_id, entry);
  }

  return {
    cards: [...tally.cards].map(([cardId, t]) => ({ cardId, ...t })),
    skills: [...tally.skills].map(([skillId, t]) => ({ skillId, ...t })),
    evidence: evidence.map((r) => ({ skillId: r.skill_id, accepted: r.accepted, rejected: r.rejected })),
    workload: [...workload.values()],
  };
}
