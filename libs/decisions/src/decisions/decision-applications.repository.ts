import type { EntityManager } from 'typeorm';

/** The application each decision and each appeal named is about (unknown ids are left out): two reads. */
export async function applicationsOfDecisionsAndAppeals(
  manager: EntityManager,
  decisionIds: string[],
  appealIds: string[],
): Promise<{ decisions: Map<string, string>; appeals: Map<string, string> }> {
  const decisions = await manager.query<{ id: string; application_id: string }[]>(
    'SELECT id, application_id FROM decision WHERE id = ANY($1::uuid[])',
    [decisionIds],
  );
  const appeals = await manager.query<{ id: string; application_id: string }[]>(
    'SELECT id, application_id FROM appeal WHERE id = ANY($1::uuid[])',
    [appealIds],
  );
  return {
    decisions: new Map(decisions.map((r) => [r.id, r.application_id])),
    appeals: new Map(appeals.map((r) => [r.id, r.application_id])),
  };
}
