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
  sessionEnded: boolean;
}

/**
 * The queries behind access checks. They span contexts (a membership lives with the centres),
 * which is why they are written here, once, as SQL over the tables they read.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The account behind an access token, and whether the token's session has ended (logged out,
   * or revoked because a refresh token was reused). One query per request: the session check is
   * one probe of the partial index ix_refresh_token_revoked_family (docs/ACCESS.md).
   */
  async findActor(userId: string, sessionId: string): Promise<ActorRow | null> {
    const rows: {
      id: string;
      role: Role;
      status: UserStatus;
      session_version: number;
      centre_ids: string[];
      session_ended: boolean;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.role, u.status, u.session_version,
              COALESCE(array_agg(s.centre_id) FILTER (WHERE s.centre_id IS NOT NULL), '{}') AS centre_ids,
              EXISTS (SELECT 1 FROM refresh_token r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS session_ended
         FROM app_user u LEFT JOIN centre_staff s ON s.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id`,
      [userId, sessionId],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          role: row.role,
          status: row.status,
          sessionVersion: row.session_version,
          centreIds: row.centre_ids,
          sessionEnded: row.session_ended,
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

  /** Applications among ids that are the actor's own ('own') or at one of their centres ('centre'). */
  async applicationsVisibleTo(
    actor: { userId: string; centreIds: string[] },
    ids: string[],
    scope: 'own' | 'centre',
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] =
      scope === 'own'
        ? await this.dataSource.query('SELECT id FROM application WHERE id = ANY($1::uuid[]) AND candidate_id = $2', [
            ids,
            actor.userId,
          ])
        : await this.dataSource.query(
            'SELECT id FROM application WHERE id = ANY($1::uuid[]) AND centre_id = ANY($2::uuid[])',
            [ids, actor.centreIds],
          );
    return new Set(rows.map((r) => r.id));
  }

  /** Candidates among ids who applied at one of the centres. */
  async candidatesOfCentres(candidateIds: string[], centreIds: string[]): Promise<Set<string>> {
    if (candidateIds.length === 0 || centreIds.length === 0) return new Set();
    const rows: { candidate_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT candidate_id FROM application WHERE candidate_id = ANY($1::uuid[]) AND centre_id = ANY($2::uuid[])',
      [candidateIds, centreIds],
    );
    return new Set(rows.map((r) => r.candidate_id));
  }
}
