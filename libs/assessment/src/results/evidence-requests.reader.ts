import type { EntityManager } from 'typeorm';

/** Of the skills, those an assessor asked more evidence for on the application: evidence's EvidenceRequests. */
export async function reopenedSkillIds(
  manager: EntityManager,
  applicationId: string,
  skillIds: string[],
): Promise<string[]> {
  const rows = await manager.query<{ skill_id: string }[]>(
    `SELECT skill_id FROM evidence_review WHERE application_id = $1 AND status = 'more_requested' AND skill_id = ANY($2::uuid[])`,
    [applicationId, skillIds],
  );
  return rows.map((r) => r.skill_id);
}
