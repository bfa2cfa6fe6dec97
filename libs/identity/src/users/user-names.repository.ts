import type { EntityManager } from 'typeorm';

/** People's full names by account id, for reports of the contexts above: one read. */
export async function userNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = await manager.query<{ id: string; full_name: string }[]>(
    'SELECT id, full_name FROM app_user WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** Where an account is reached by e-mail, and whether it is active; null when there is none. */
export async function userContact(
  manager: EntityManager,
  id: string,
): Promise<{ email: string; active: boolean } | null> {
  const [row] = await manager.query<{ email: string; status: string }[]>(
    'SELECT email, status FROM app_user WHERE id = $1',
    [id],
  );
  return row ? { email: row.email, active: row.status === 'active' } : null;
}

/** The account when it is an assessor's: its id and full name; null for anyone else. */
export async function findAssessor(
  manager: EntityManager,
  id: string,
): Promise<{ id: string; fullName: string } | null> {
  const [row] = await manager.query<{ id: string; full_name: string }[]>(
    `SELECT id, full_name FROM app_user WHERE id = $1 AND role = 'assessor'`,
    [id],
  );
  return row ? { id: row.id, fullName: row.full_name } : null;
}

/** The accounts named that exist, each with its full name and role: one read. */
export async function userNamesAndRoles(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, { fullName: string; role: string }>> {
  const rows = await manager.query<{ id: string; full_name: string; role: string }[]>(
    'SELECT id, full_name, role FROM app_user WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { fullName: r.full_name, role: r.role }]));
}
