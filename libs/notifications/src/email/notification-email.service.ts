import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { userContact } from '@qualcert/identity';
import { AppConfig, type JobData } from '@qualcert/shared';
import { isNotificationKind } from '../notifications/notification-kinds';
import { Mailer } from './mailer';
import { lockNotificationToEmail, markEmailed } from './notification-email.repository';
import { composeNotificationEmail } from './notification-email';

export type EmailOutcome = 'sent' | 'already_sent' | 'not_found' | 'inactive_recipient';

/**
 * Sends a notification's e-mail, once: the send job (one per notification, its id the
 * notification's) locks the row, sends only while `emailed_at` is empty and records it in the
 * same transaction. A job that runs again after that sends nothing. Only a process that dies
 * between the SMTP server's acceptance and the commit could send twice; the Message-ID is then
 * the same, so the mail client shows one message.
 */
@Injectable()
export class NotificationEmailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {}

  send({ notificationId }: JobData['send-email']): Promise<EmailOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const row = await lockNotificationToEmail(manager, notificationId);
      if (!row) return 'not_found';
      if (row.emailed_at) return 'already_sent';
      const recipient = await userContact(manager, row.user_id);
      if (!recipient?.active) return 'inactive_recipient';
      // An unknown kind is a programming error: the job fails and shows in the failed list.
      if (!isNotificationKind(row.kind)) throw new Error(`Unknown notification kind ${row.kind}`);
      const email = composeNotificationEmail(row.kind, row.application_id, this.config.PUBLIC_BASE_URL);
      await this.mailer.send({ to: recipient.email, ...email, messageId: `<notification-${notificationId}@qualcert>` });
      await markEmailed(manager, notificationId);
      return 'sent';
    });
  }
}
