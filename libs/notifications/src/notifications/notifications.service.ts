import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@qualcert/identity';
import { AppConfig, DomainException, type JobData, OutboxService } from '@qualcert/shared';
import { NotificationEntity } from './notification.entity';
import { isNotificationKind, NOTIFICATION_KINDS, notificationTitle } from './notification-kinds';
import { NotificationsRepository } from './notifications.repository';

/** The notify job's data: the notification.requested event's payload and the event's id. */
export type NotifyPayload = JobData['notify'];

/** A notification as its recipient sees it (NotificationDto): not the recipient or the event again. */
export type NotificationView = Pick<
  NotificationEntity,
  'id' | 'kind' | 'subjectId' | 'applicationId' | 'title' | 'createdAt' | 'readAt'
>;

const toView = ({
  id,
  kind,
  subjectId,
  applicationId,
  title,
  createdAt,
  readAt,
}: NotificationEntity): NotificationView => ({
  id,
  kind,
  subjectId,
  applicationId,
  title,
  createdAt,
  readAt,
});

/**
 * The notify step of the workflows: turns a `notification.requested` outbox event into in-app
 * notifications for the people concerned. Idempotent per event and recipient.
 *
 * Other channels (e-mail) start from the rows `notify` creates, never from the workflows: see
 * "Notifications" in docs/ARCHITECTURE.md.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: NotificationsRepository,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  async notify(payload: NotifyPayload): Promise<number> {
    // An unknown kind is a programming error: the job fails and shows in the failed list.
    if (!isNotificationKind(payload.kind)) throw new Error(`Unknown notification kind ${String(payload.kind)}`);
    const { audience } = NOTIFICATION_KINDS[payload.kind];
    const title = notificationTitle(payload.kind);
    const recipients = await this.repository.recipients(audience, payload.applicationId);
    if (recipients.length === 0) return 0;
    // The insert returns only the rows it created (a rerun of the job returns none), and each new
    // row goes out by e-mail too when SMTP is set: the event is committed with the row.
    return this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insertNew(
        manager,
        recipients.map((userId) => ({
          id: randomUUID(),
          userId,
          eventId: String(payload.outboxEventId),
          kind: payload.kind,
          subjectId: payload.subjectId,
          applicationId: payload.applicationId,
          title,
          readAt: null,
          emailedAt: null,
        })),
      );
      if (this.config.SMTP_URL !== '') {
        for (const id of created) await this.outbox.publish(manager, 'notification.created', { notificationId: id });
      }
      return created.length;
    });
  }

  /** The actor's latest notifications, newest first. */
  async mine(actor: Actor): Promise<NotificationView[]> {
    return (await this.repository.latestOf(actor.userId, 100)).map(toView);
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const row = await this.repository.markRead(id, actor.userId);
    if (!row) throw DomainException.notFound('Notification', id);
    return toView(row);
  }
}
