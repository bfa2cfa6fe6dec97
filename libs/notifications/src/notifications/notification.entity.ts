import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A message to a user about their application's workflow (decision signed, certificate issued,
 * appeal heard), shown in the app. One per outbox event and recipient, so a notify job that runs
 * twice tells nobody twice.
 */
@Entity({ name: 'notification' })
@Index('uq_notification_event_user', ['eventId', 'userId'], { unique: true })
@Index('ix_notification_user', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_notification' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user' })
  user?: unknown;

  /** The outbox event that asked for it (bigint: read as a string). */
  @Column('bigint', { name: 'event_id' })
  eventId: string;

  /** What happened, e.g. `decision.approved`, `certificate.issued`, `appeal.upheld`. */
  @Column('varchar', { length: 60 })
  kind: string;

  /** The row it is about (a decision, a certificate, an appeal). */
  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('varchar', { length: 300 })
  title: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  /** When its e-mail was accepted by the SMTP server (null: none sent, or e-mail is off). */
  @Column('timestamptz', { name: 'emailed_at', nullable: true })
  emailedAt: Date | null;
}
