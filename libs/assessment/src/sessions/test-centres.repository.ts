import type { EntityManager } from 'typeorm';

/** The centre whose session each theory test named was sat at (unknown ids are left out): one read. */
export async function centresOfTheoryTests(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = await manager.query<{ id: string; centre_id: string }[]>(
    `SELECT t.id, s.centre_id
       FROM theory_test t JOIN enrolment e ON e.id = t.enrolment_id JOIN exam_session s ON s.id = e.session_id
      WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.centre_id]));
}
