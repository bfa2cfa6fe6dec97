import { EntityManager } from 'typeorm';
import type { AuditLogEntity } from './audit-log.entity';

export type AuditRow = Omit<AuditLogEntity, 'occurredAt'>;

/**
 * Audit rows in one statement with one array parameter per column: the text and its plan stay the
 * same whatever the number of rows, and no entity metadata is walked per row (the decisions
 * worker writes a whole group's rows at once). `occurred_at` takes its default.
 */
export async function insertAuditRows(manager: EntityManager, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO audit_log (id, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                          $7::jsonb[], $8::jsonb[], $9::varchar[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.actorId),
      rows.map((r) => r.actorRole),
      rows.map((r) => r.action),
      rows.map((r) => r.entityType),
      rows.map((r) => r.entityId),
      rows.map((r) => jsonOrNull(r.before)),
      rows.map((r) => jsonOrNull(r.after)),
      rows.map((r) => r.requestId),
    ],
  );
}

// A jsonb[] element is sent as its JSON text; SQL NULL stays NULL rather than the JSON null.
function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
