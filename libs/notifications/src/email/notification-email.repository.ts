import type { EntityManager } from 'typeorm';

/** A notification as its e-mail is sent, locked for the sending transaction. */
export interface NotificationToEmail {
  kind: string;
  application_id: string;
  user_id: string;
  emailed_at: Date | null;
}

/** The notification locked (FOR UPDATE), so one job sends it; undefined when there is none. */
export async function lockNotificationToEmail(
  manager: EntityManager,
  notificationId: string,
): Promise<NotificationToEmail | undefined> {
  const [row] = await manager.query<NotificationToEmail[]>(
    'SELECT kind, application_id, user_id, emailed_at FROM notification WHERE id = $1 FOR UPDATE',
    [notificationId],
  );
  return row;
}

export async function markEmailed(manager: EntityManager, notificationId: string): Promise<void> {
  await manager.query('UPDATE notification SET emailed_at = now() WHERE id = $1', [notificationId]);
}
