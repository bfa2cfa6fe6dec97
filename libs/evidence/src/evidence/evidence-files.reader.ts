import type { EntityManager } from 'typeorm';

/** Which of `ids` are evidence files of the candidate's own, for the contexts above (a complaint's documents). */
export async function ownEvidenceFileIds(
  manager: EntityManager,
  candidateId: string,
  ids: string[],
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    'SELECT id FROM evidence_file WHERE candidate_id = $1 AND id = ANY($2::uuid[])',
    [candidateId, ids],
  );
  return rows.map((r) => r.id);
}
