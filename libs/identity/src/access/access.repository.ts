import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@qualcert/shared';
import type { Role, UserStatus } from '../entities/user.entity';
import type { Scope } from './access-rule';

export interface ActorRow {
  id: string;
  role: Role;
  status: UserStatus;
  sessionVersion: number;
  centreIds: string[];
  sessionEnded: boolean;
}

/** Application `a` has the assessor $2 assigned to it (applicationsAssignedTo). */
const ASSIGNED = `(EXISTS (SELECT 1 FROM enrolment e JOIN session_assessor sa ON sa.session_id = e.session_id
                 WHERE e.application_id = a.id AND e.status = 'enrolled' AND sa.assessor_id = $2)
         OR EXISTS (SELECT 1 FROM evidence_review r WHERE r.application_id = a.id AND r.assessor_id = $2)
         OR EXISTS (SELECT 1 FROM appeal p JOIN appeal_panel_member m ON m.appeal_id = p.id
                     WHERE p.application_id = a.id AND m.assessor_id = $2))`;

/** Types the actor's parameters ($2 the user, $3 their centres), which a scope's condition may not use. */
const PARAMETERS = 'WITH actor AS (SELECT $2::uuid AS user_id, $3::uuid[] AS centre_ids)';

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
    }[] = await preparedQuery(
      this.dataSource,
      'actor_by_session',
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

  /**
   * Applications among ids, at one of the actor's centres, that the actor is assigned to: as an
   * assessor of the session they are enrolled in (not withdrawn), as the reviewer of their
   * evidence, or as a member of the panel hearing an appeal on them.
   */
  async applicationsAssignedTo(actor: { userId: string; centreIds: string[] }, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM application a WHERE a.id = ANY($1::uuid[]) AND a.centre_id = ANY($3::uuid[]) AND ${ASSIGNED}`,
      [ids, actor.userId, actor.centreIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Candidates among ids with an application the actor is assigned to (applicationsAssignedTo). */
  async candidatesAssignedTo(actor: { userId: string; centreIds: string[] }, ids: string[]): Promise<Set<string>> {
    const rows: { candidate_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT a.candidate_id FROM application a
        WHERE a.candidate_id = ANY($1::uuid[]) AND a.centre_id = ANY($3::uuid[]) AND ${ASSIGNED}`,
      [ids, actor.userId, actor.centreIds],
    );
    return new Set(rows.map((r) => r.candidate_id));
  }

  /** Evidence files among ids that the actor reaches in the given scope (access-rule.ts). */
  async evidenceVisibleTo(
    actor: { userId: string; centreIds: string[] },
    ids: string[],
    scope: Scope,
  ): Promise<Set<string>> {
    const owners: Record<Scope, string> = {
      all: 'true',
      none: 'false',
      own: 'f.candidate_id = $2',
      centre: `EXISTS (SELECT 1 FROM application a WHERE a.candidate_id = f.candidate_id AND a.centre_id = ANY($3::uuid[]))`,
      assigned: `EXISTS (SELECT 1 FROM application a WHERE a.candidate_id = f.candidate_id
                    AND a.centre_id = ANY($3::uuid[]) AND ${ASSIGNED})`,
      // The document check reaches the files behind the candidate's records, while it is open.
      assigned_or_document_check: `(EXISTS (SELECT 1 FROM application a WHERE a.candidate_id = f.candidate_id
                    AND a.centre_id = ANY($3::uuid[]) AND ${ASSIGNED})
             OR (EXISTS (SELECT 1 FROM application a WHERE a.candidate_id = f.candidate_id
                    AND a.centre_id = ANY($3::uuid[]) AND a.status = 'awaiting_documents')
                 AND (EXISTS (SELECT 1 FROM candidate_education r WHERE r.document_id = f.id AND r.candidate_id = f.candidate_id)
                   OR EXISTS (SELECT 1 FROM candidate_employment r WHERE r.document_id = f.id AND r.candidate_id = f.candidate_id)
                   OR EXISTS (SELECT 1 FROM candidate_learning r WHERE r.document_id = f.id AND r.candidate_id = f.candidate_id))))`,
    };
    const rows: { id: string }[] = await this.dataSource.query(
      `${PARAMETERS} SELECT f.id FROM evidence_file f WHERE f.id = ANY($1::uuid[]) AND ${owners[scope]}`,
      [ids, actor.userId, actor.centreIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Certificates among ids that the actor reaches in the given scope (access-rule.ts). */
  async certificatesVisibleTo(
    actor: { userId: string; centreIds: string[] },
    ids: string[],
    scope: Scope,
  ): Promise<Set<string>> {
    const reach: Record<Scope, string> = {
      all: 'true',
      none: 'false',
      own: 'c.holder_id = $2',
      centre: 'c.centre_id = ANY($3::uuid[])',
      assigned: `EXISTS (SELECT 1 FROM application a WHERE a.id = c.application_id
                    AND a.centre_id = ANY($3::uuid[]) AND ${ASSIGNED})`,
      assigned_or_document_check: 'false',
    };
    const rows: { id: string }[] = await this.dataSource.query(
      `${PARAMETERS} SELECT c.id FROM certificate c WHERE c.id = ANY($1::uuid[]) AND ${reach[scope]}`,
      [ids, actor.userId, actor.centreIds],
    );
    return new Set(rows.map((r) => r.id));
  }
}
