import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { currentRequest } from '../http/request-context';
import { AuditLogEntity } from './audit-log.entity';
import { maskRecord } from './personal-data';

/** Who did it: a signed-in user, or the system itself. */
export interface AuditActor {
  userId: string | null;
  role: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, role: 'system' };

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
}

/**
 * Writes audit records. It takes the caller's EntityManager so that the record commits or rolls
 * back with the change it describes: a failed change leaves no record, a change never lacks one.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    // TypeORM cannot type arbitrary JSON columns; the row is checked against the entity.
    await manager.insert(AuditLogEntity, auditRow(entry) as QueryDeepPartialEntity<AuditLogEntity>);
  }

  /** Several records in one multi-row INSERT (the decisions worker writes a group's at once). */
  async recordAll(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(AuditLogEntity, entries.map(auditRow) as QueryDeepPartialEntity<AuditLogEntity>[]);
  }
}

function auditRow(entry: AuditEntry): Omit<AuditLogEntity, 'occurredAt'> {
  return {
    id: randomUUID(),
    actorId: entry.actor.userId,
    actorRole: entry.actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : maskRecord(entry.before),
    after: entry.after === undefined ? null : maskRecord(entry.after),
    requestId: currentRequest().requestId,
  };
}
