import type { EntityManager } from 'typeorm';

/** People's full names by account id, for reports of the contexts above: one read. */
export async function userNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = await manager.query<{ id: string; full_name: string }[]>(
    'SELECT id, full_name FROM app_user WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.full_name]));
}
