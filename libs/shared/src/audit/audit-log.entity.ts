import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One state change, written in the same transaction as the change. Append-only: a database
 * trigger refuses UPDATE, DELETE and TRUNCATE. No foreign keys, so history outlives its subjects.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_entity', ['entityType', 'entityId', 'occurredAt'])
@Index('ix_audit_log_actor', ['actorId', 'occurredAt'])
@Index('ix_audit_log_occurred_at', ['occurredAt'])
export class AuditLogEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_audit_log' })
  id: string;

  /** Null for the system itself (start-up bootstrap, command-line tools). */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('varchar', { name: 'actor_role', length: 20 })
  actorRole: string;

  @Column('varchar', { length: 100 })
  action: string;

  @Column('varchar', { name: 'entity_type', length: 50 })
  entityType: string;

  @Column('varchar', { name: 'entity_id', length: 100 })
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('varchar', { name: 'request_id', length: 100, nullable: true })
  requestId: string | null;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;
}
