import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { activeProgramTerms, type EarlierCreditRow } from '@qualcert/assessment';
import { type ApplicationEntity, type ApplicationStatus, lockApplication } from '@qualcert/candidates';
import { lockInStatus } from '@qualcert/shared';
import { EARLIER_CREDITS_SQL } from '../credits/credit-history.repository';
import type { DecisionTerms } from '../rules/decision-terms';
import { DecisionEntity } from './decision.entity';
import { involvedInApplication } from './involvement.repository';

/** A decision's columns as written; the computation's time is the database's. */
export type NewDecision = Omit<DecisionEntity, 'application' | 'computedAt'>;

/** What a computation reads of the application: one query, the first of its transaction. */
export interface ApplicationFacts {
  id: string;
  candidate_id: string;
  centre_id: string;
  card_id: string;
  status: ApplicationStatus;
  /** The additional functions the candidate chose; the decision is on these and the mandatory ones. */
  additional_function_ids: string[];
  /** A decision awaits sign-off or is approved. */
  decided: boolean;
  /** The sequence number the next decision of the application takes. */
  next_sequence: number;
  /** The application's current exam enrolment, if it has one. */
  enrolment_id: string | null;
  reviews: { skill_id: string; status: string }[];
  earlier: EarlierCreditRow[];
}

// Each subquery is one of the reads a decision needs; together they cost one round trip, which is
// most of a decision's cost (docs/PERFORMANCE.md, the decision pipeline). So this one read spans
// the application, its enrolment and evidence reviews rather than asking each context in turn.
const FACTS = `
  SELECT a.id, a.candidate_id, a.centre_id, a.card_id, a.status, a.additional_function_ids,
         EXISTS (SELECT 1 FROM decision d WHERE d.application_id = a.id
                  AND d.status IN ('pending_signoff', 'approved')) AS decided,
         (SELECT COALESCE(MAX(d.sequence), 0) + 1 FROM decision d WHERE d.application_id = a.id) AS next_sequence,
         (SELECT e.id FROM enrolment e WHERE e.application_id = a.id AND e.status = 'enrolled'
           ORDER BY e.created_at DESC LIMIT 1) AS enrolment_id,
         (SELECT COALESCE(json_agg(json_build_object('skill_id', r.skill_id, 'status', r.status)), '[]')
            FROM evidence_review r WHERE r.application_id = a.id) AS reviews,
         ${EARLIER_CREDITS_SQL} AS earlier
    FROM application a`;

/** The decision table's queries, and what decisions read of the contexts below through theirs. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything a computation checks and the rule needs; `lock` takes the application's row lock. */
  async facts(manager: EntityManager, applicationId: string, lock: boolean): Promise<ApplicationFacts | undefined> {
    const [app] = await manager.query<ApplicationFacts[]>(`${FACTS} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [
      applicationId,
    ]);
    return app;
  }

  /**
   * The same facts for a group of applications in one read, each application locked. The locks
   * are taken in id order, so two groups sharing applications wait for each other, never deadlock.
   * Unknown ids are left out.
   */
  factsOfGroup(manager: EntityManager, applicationIds: string[]): Promise<ApplicationFacts[]> {
    return manager.query<ApplicationFacts[]>(`${FACTS} WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a`, [
      applicationIds,
    ]);
  }

  find(id: string): Promise<DecisionEntity | null> {
    return this.dataSource.getRepository(DecisionEntity).findOne({ where: { id } });
  }

  get(manager: EntityManager, id: string): Promise<DecisionEntity> {
    return manager.findOneOrFail(DecisionEntity, { where: { id } });
  }

  /** The decision under a shared lock: it cannot be signed or superseded meanwhile. */
  getShared(manager: EntityManager, id: string): Promise<DecisionEntity> {
    return manager.findOneOrFail(DecisionEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  listOfApplication(applicationId: string): Promise<DecisionEntity[]> {
    return this.dataSource
      .getRepository(DecisionEntity)
      .find({ where: { applicationId }, order: { sequence: 'DESC' } });
  }

  /** The decision locked while it awaits sign-off, or 409 INVALID_TRANSITION. */
  lockPending(manager: EntityManager, id: string): Promise<DecisionEntity> {
    return lockInStatus(manager, DecisionEntity, id, ['pending_signoff'], 'The decision');
  }

  /** The approved decision a decision on appeal replaces, locked, or 409 INVALID_TRANSITION. */
  lockSuperseded(manager: EntityManager, id: string): Promise<DecisionEntity> {
    return lockInStatus(manager, DecisionEntity, id, ['approved'], 'The decision it would supersede');
  }

  /** Whether the application has a decision awaiting sign-off (or, with `orApproved`, an approved one). */
  hasLive(manager: EntityManager, applicationId: string, orApproved: boolean): Promise<boolean> {
    return manager.exists(DecisionEntity, {
      where: orApproved
        ? [
            { applicationId, status: 'pending_signoff' },
            { applicationId, status: 'approved' },
          ]
        : [{ applicationId, status: 'pending_signoff' }],
    });
  }

  /**
   * Several decisions in one INSERT with one array parameter per column: the same text and plan
   * whatever the number of rows, and no entity metadata walked per row (the decisions worker writes
   * a whole group at once). `computed_at` takes its default. The jsonb columns go as one JSON array
   * each, paired by position: as jsonb[] elements, pg escaped every result's text into an array
   * literal, the worker's largest own cost (docs/PERFORMANCE.md, "Decisions, one job per group").
   */
  async insertAll(manager: EntityManager, rows: NewDecision[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO decision (id, application_id, sequence, status, outcome, credited_skill_ids, result, signed_by,
                             signed_at, return_reason, supersedes_id, certificate_validity_months,
                             credit_validity_months, appeal_window_days, retake_wait_days)
       SELECT u.id, u.application_id, u.sequence, u.status, u.outcome, c.value, r.value, u.signed_by,
              u.signed_at, u.return_reason, u.supersedes_id, u.certificate_validity_months,
              u.credit_validity_months, u.appeal_window_days, u.retake_wait_days
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::varchar[], $5::varchar[], $8::uuid[], $9::timestamptz[],
                     $10::text[], $11::uuid[], $12::smallint[], $13::smallint[], $14::smallint[], $15::smallint[])
              WITH ORDINALITY AS u(id, application_id, sequence, status, outcome, signed_by, signed_at, return_reason,
                                   supersedes_id, certificate_validity_months, credit_validity_months,
                                   appeal_window_days, retake_wait_days, n)
         JOIN jsonb_array_elements($6::jsonb) WITH ORDINALITY AS c(value, n) ON c.n = u.n
         JOIN jsonb_array_elements($7::jsonb) WITH ORDINALITY AS r(value, n) ON r.n = u.n`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.applicationId),
        rows.map((r) => r.sequence),
        rows.map((r) => r.status),
        rows.map((r) => r.outcome),
        JSON.stringify(rows.map((r) => r.creditedSkillIds)),
        JSON.stringify(rows.map((r) => r.result)),
        rows.map((r) => r.signedBy),
        rows.map((r) => r.signedAt),
        rows.map((r) => r.returnReason),
        rows.map((r) => r.supersedesId),
        rows.map((r) => r.certificateValidityMonths),
        rows.map((r) => r.creditValidityMonths),
        rows.map((r) => r.appealWindowDays),
        rows.map((r) => r.retakeWaitDays),
      ],
    );
  }

  async update(manager: EntityManager, id: string, changes: Partial<NewDecision>): Promise<void> {
    await manager.update(DecisionEntity, { id }, changes as QueryDeepPartialEntity<DecisionEntity>);
  }

  /** The application, locked for the sign-off or a new computation (candidates' reader). */
  lockApplication(manager: EntityManager, applicationId: string): Promise<ApplicationEntity | null> {
    return lockApplication(manager, applicationId);
  }

  /** Who took part in assessing the application (involvement.repository.ts). */
  involved(manager: EntityManager, applicationId: string): Promise<Set<string>> {
    return involvedInApplication(manager, applicationId);
  }

  /** The terms of the centre's program for the card in force today (assessment's reader). */
  termsInForce(manager: EntityManager, centreId: string, cardId: string): Promise<DecisionTerms | null> {
    return activeProgramTerms(manager, centreId, cardId);
  }
}
