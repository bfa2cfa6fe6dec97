import type { EntityManager } from 'typeorm';

/** The centre of each application named (unknown ids are left out): one read. */
export async function centresOfApplications(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = await manager.query<{ id: string; centre_id: string }[]>(
    'SELECT id, centre_id FROM application WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.centre_id]));
}
