/**
 * Where each skill an application needs stands, and whether a decision can be made (DOMAIN.md §4,
 * §6).
 *
 * Route of a skill:
 * - evidence: the recognition pathway, a `recommended` skill, a claim of evidence for it, and no
 *   rejected review. An accepted review credits it; otherwise it waits for the review.
 * - exam: everything else: the assessment pathway, a `not_recommended` skill (whatever was
 *   claimed), an unclaimed skill, and a skill whose evidence was rejected.
 * - carried: a skill credited by an earlier partial decision for the same card whose credit
 *   still counts (results/earlier-credits.ts). It has its outcome already: it is neither
 *   examined nor reviewed again, whatever the pathway or the claims (DOMAIN.md §6: a retake
 *   examines the remaining skills). The decision checks the credit again on its own day.
 *
 * Several records for one skill are combined without relying on their order:
 * - Reviews: accepted and rejected are final. A rejection prevails over an acceptance (two
 *   reviewers disagreeing), because crediting a skill without an exam needs evidence nobody
 *   rejected. With neither, the review is pending (pending, more_requested, or none yet).
 * - Exams: a pending exam (a re-assessment ordered on appeal, say) makes the skill pending;
 *   otherwise a passed exam prevails over a failed one, which it replaced.
 * Records for skills the application does not need, reviews of skills on the exam route and exams
 * of skills on the evidence route are ignored.
 *
 * `complete` is true when every skill has an outcome. An application that needs no skill is never
 * complete: a decision over nothing would award a qualification for nothing.
 *
 * `examSkillIds` are the skills an exam session must examine now: on the exam route and without
 * a result yet (pending). A skill already passed or failed is not examined again by this
 * application, and a skill whose evidence is still under review is not examined unless rejected.
 */

export type Pathway = 'assessment' | 'recognition';

export type SkillRecognition = 'recommended' | 'not_recommended';

export type EvidenceReviewStatus = 'pending' | 'more_requested' | 'accepted' | 'rejected';

export type ExamStatus = 'pending' | 'passed' | 'failed';

export type SkillRoute = 'evidence' | 'exam' | 'carried';

export type SkillOutcome = 'pending' | 'credited_by_evidence' | 'passed' | 'failed' | 'carried';

export interface ApplicationProgressInput {
  pathway: Pathway;
  /** The skills the application needs, in the order the outcomes are reported. */
  skills: { id: string; recognition: SkillRecognition }[];
  /** Skills the candidate attached evidence to. */
  claimedSkillIds: string[];
  reviews: { skillId: string; status: EvidenceReviewStatus }[];
  exams: { skillId: string; status: ExamStatus }[];
  /** Skills credited by an earlier partial decision whose credit still counts today. */
  carriedSkillIds: string[];
}

export interface SkillProgress {
  skillId: string;
  route: SkillRoute;
  outcome: SkillOutcome;
}

export interface ApplicationProgress {
  complete: boolean;
  skills: SkillProgress[];
  examSkillIds: string[];
}

type ReviewState = 'accepted' | 'rejected' | 'pending';

function reviewState(statuses: EvidenceReviewStatus[]): ReviewState {
  if (statuses.includes('rejected')) return 'rejected';
  if (statuses.includes('accepted')) return 'accepted';
  return 'pending';
}

function examOutcome(statuses: ExamStatus[]): SkillOutcome {
  if (statuses.length === 0 || statuses.includes('pending')) return 'pending';
  return statuses.includes('passed') ? 'passed' : 'failed';
}

function groupBySkill<S>(records: { skillId: string; status: S }[]): Map<string, S[]> {
  const grouped = new Map<string, S[]>();
  for (const record of records) {
    const statuses = grouped.get(record.skillId) ?? [];
    statuses.push(record.status);
    grouped.set(record.skillId, statuses);
  }
  return grouped;
}

export function applicationSkillOutcomes(input: ApplicationProgressInput): ApplicationProgress {
  const claimed = new Set(input.claimedSkillIds);
  const reviews = groupBySkill(input.reviews);
  const exams = groupBySkill(input.exams);
  const carried = new Set(input.carriedSkillIds);

  const skills: SkillProgress[] = [];
  const seen = new Set<string>();
  for (const skill of input.skills) {
    if (seen.has(skill.id)) continue;
    seen.add(skill.id);

    if (carried.has(skill.id)) {
      skills.push({ skillId: skill.id, route: 'carried', outcome: 'carried' });
      continue;
    }
    const mayBeCredited =
      input.pathway === 'recognition' && skill.recognition === 'recommended' && claimed.has(skill.id);
    const review = mayBeCredited ? reviewState(reviews.get(skill.id) ?? []) : null;
    if (review === 'accepted') {
      skills.push({ skillId: skill.id, route: 'evidence', outcome: 'credited_by_evidence' });
    } else if (review === 'pending') {
      skills.push({ skillId: skill.id, route: 'evidence', outcome: 'pending' });
    } else {
      // Not creditable on evidence, or the evidence was rejected: the exam decides.
      skills.push({ skillId: skill.id, route: 'exam', outcome: examOutcome(exams.get(skill.id) ?? []) });
    }
  }

  return {
    complete: skills.length > 0 && skills.every((skill) => skill.outcome !== 'pending'),
    skills,
    examSkillIds: skills
      .filter((skill) => skill.route === 'exam' && skill.outcome === 'pending')
      .map((skill) => skill.skillId),
  };
}
