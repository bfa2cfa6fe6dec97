import type { EntityManager } from 'typeorm';

/** The employers in each named candidate's employment records, for the impartiality rule: one read. */
export async function employersOf(manager: EntityManager, candidateIds: string[]): Promise<Map<string, string[]>> {
  const employers = new Map<string, string[]>(candidateIds.map((id) => [id, []]));
  if (candidateIds.length === 0) return employers;
  const rows = await manager.query<{ candidate_id: string; employer: string }[]>(
    'SELECT candidate_id, employer FROM candidate_employment WHERE candidate_id = ANY($1::uuid[])',
    [candidateIds],
  );
  for (const row of rows) employers.get(row.candidate_id)?.push(row.employer);
  return employers;
}
