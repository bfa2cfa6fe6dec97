import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationAudience } from './notification-kinds';
import { NotificationEntity } from './notification.entity';

/** A notification to insert: the row without the times the database sets. */
export type NewNotification = Omit<NotificationEntity, 'createdAt' | 'user'>;

/**
 * The notification table's queries, and who is told: the candidate of an application, or its
 * centre's active managers (notifications sits above every context and may read them).
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recipients(audience: NotificationAudience, applicationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ user_id: string }[]>(
      audience === 'candidate'
        ? 'SELECT candidate_id AS user_id FROM application WHERE id = $1'
        : `SELECT s.user_id FROM application a JOIN centre_staff s ON s.centre_id = a.centre_id
             JOIN app_user u ON u.id = s.user_id WHERE a.id = $1 AND u.role = 'centre_manager' AND u.status = 'active'`,
      [applicationId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Inserts the rows not there yet (one per event and recipient); the ids of those it created. */
  async insertNew(manager: EntityManager, rows: NewNotification[]): Promise<string[]> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /** The user's latest notifications, newest first. */
  latestOf(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.dataSource.getRepository(NotificationEntity).find({
      where: { userId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** Marks the user's notification read (the first time only); the row, or null when it is not theirs. */
  async markRead(id: string, userId: string): Promise<NotificationEntity | null> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    await repo
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND user_id = :userId', { id, userId })
      .execute();
    return repo.findOne({ where: { id, userId } });
  }
}
