import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event written in the same transaction as the change it announces, and relayed to its queue
 * only after that transaction commits. Nothing is enqueued for a change that rolled back, and
 * nothing committed is lost when Redis is down: the relay catches up.
 */
@Entity({ name: 'outbox_event' })
@Index('ix_outbox_event_pending', ['id'], { where: '"dispatched_at" IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox_event' })
  id: string;

  @Column('varchar', { name: 'event_type', length: 100 })
  eventType: string;

  @Column('jsonb')
  payload: Record<string, string | number | boolean | null>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('varchar', { name: 'last_error', length: 500, nullable: true })
  lastError: string | null;
}
