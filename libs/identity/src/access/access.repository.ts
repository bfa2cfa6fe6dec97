import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role, UserStatus } from '../entities/user.entity';

export interface ActorRow {
  id: string;
  role: Role;
  status: UserStatus;
  sessionVersion: number;
  centreIds: string[];
}

/**
 * The queries behind access checks. They span contexts (a membership lives with the centres),
 * which is why they are written here, once, as SQL over the tables they read.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findActor(userId: string): Promise<ActorRow | null> {
    const rows: { id: string; role: Role; status: UserStatus; session_version: number; centre_ids: string[] }[] =
      await this.dataSource.query(
        `SELECT u.id, u.role, u.status, u.session_version,
                COALESCE(array_agg(s.centre_id) FILTER (WHERE s.centre_id IS NOT NULL), '{}') AS centre_ids
           FROM app_user u LEFT JOIN centre_staff s ON s.user_id = u.id
          WHERE u.id = $1
          GROUP BY u.id`,
        [userId],
      );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          role: row.role,
          status: row.status,
          sessionVersion: row.session_version,
          centreIds: row.centre_ids,
        }
      : null;
  }

  /** Users among ids who share a centre with the given centres. */
  async usersInCentres(userIds: string[], centreIds: string[]): Promise<Set<string>> {
    if (centreIds.length === 0) return new Set();
    const rows: { user_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT user_id FROM centre_staff WHERE user_id = ANY($1::uuid[]) AND centre_id = ANY($2::uuid[])',
      [userIds, centreIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
