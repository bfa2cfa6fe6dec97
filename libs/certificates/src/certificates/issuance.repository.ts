import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { preparedQueryIn, updateReturning } from '@qualcert/shared';
import { CreditCredentialEntity } from '../status-lists/status-list.entities';
import { CertificateEntity } from './certificate.entity';

/** The approved decision a certificate is issued on, with what the issuance reads alongside it. */
export interface IssuanceDecision {
  id: string;
  status: string;
  outcome: string;
  credited_skill_ids: string[];
  signed_by: string | null;
  signed_at: Date | null;
  supersedes_id: string | null;
  /** Fixed on the decision when it was signed. */
  certificate_validity_months: number;
  credit_validity_months: number | null;
  application_id: string;
  candidate_id: string;
  centre_id: string;
  card_id: string;
  standard_version_id: string;
  /** The holder's ИИН (their candidate profile); null when they have none. */
  holder_iin: string | null;
  /** The certificate issued on the decision, as committed when the statement started; null when none. */
  certificate_id: string | null;
}

/** The next number of the centre's year, or the certificate the decision already has. */
export type NumberOrIssued = { issuedId: string; last: null } | { issuedId: null; last: number };

/**
 * The issuance transaction's own statements, each a named prepared statement on the transaction's
 * connection: parsed and planned once per connection, and the 17 KB credential passed as one
 * parameter rather than through TypeORM's insert builder (docs/PERFORMANCE.md).
 */
@Injectable()
export class IssuanceRepository {
  /**
   * Locks the decision (FOR UPDATE) and reads its application, the holder's ИИН and the
   * certificate already issued on it, in one statement; null when there is no such decision. The
   * certificate is read in the statement's snapshot: a concurrent issuance that committed while
   * this one waited for the lock is not seen here, but by `takeNumber`.
   */
  async lockDecision(manager: EntityManager, decisionId: string): Promise<IssuanceDecision | null> {
    const [row] = await preparedQueryIn<IssuanceDecision>(
      manager,
      'certificate_issue_lock_decision',
      `SELECT d.id, d.status, d.outcome, d.credited_skill_ids, d.signed_by, d.signed_at, d.supersedes_id,
              d.certificate_validity_months, d.credit_validity_months,
              a.id AS application_id, a.candidate_id, a.centre_id, a.card_id, a.standard_version_id,
              p.iin AS holder_iin, c.id AS certificate_id
         FROM decision d
         JOIN application a ON a.id = d.application_id
         LEFT JOIN candidate_profile p ON p.user_id = a.candidate_id
         LEFT JOIN certificate c ON c.decision_id = d.id
        WHERE d.id = $1
          FOR UPDATE OF d`,
      [decisionId],
    );
    return row ?? null;
  }

  /**
   * Takes the centre's next number for the year by one upsert (it holds the centre's counter row
   * until the transaction ends, so numbers never repeat or skip), unless the decision has a
   * certificate by now: then the counter is left as it is and that certificate is returned. Run
   * after `lockDecision`, so it sees every issuance on the decision that committed before.
   */
  async takeNumber(
    manager: EntityManager,
    decisionId: string,
    centreId: string,
    year: number,
  ): Promise<NumberOrIssued> {
    const [row] = await preparedQueryIn<{ issued_id: string | null; last: number | null }>(
      manager,
      'certificate_issue_take_number',
      `WITH issued AS (SELECT id FROM certificate WHERE decision_id = $1::uuid),
            taken AS (
              INSERT INTO certificate_sequence (centre_id, year, last)
              SELECT $2::uuid, $3::integer, 1 WHERE NOT EXISTS (SELECT 1 FROM issued)
              ON CONFLICT (centre_id, year) DO UPDATE SET last = certificate_sequence.last + 1
              RETURNING last)
       SELECT (SELECT id FROM issued) AS issued_id, (SELECT last FROM taken) AS last`,
      [decisionId, centreId, year],
    );
    return row.issued_id !== null
      ? { issuedId: row.issued_id, last: null }
      : { issuedId: null, last: row.last as number };
  }

  /** Writes the certificate's row, every column as given. */
  async insert(manager: EntityManager, row: CertificateEntity): Promise<void> {
    await preparedQueryIn(
      manager,
      'certificate_issue_insert',
      `INSERT INTO certificate (id, number, verification_code, decision_id, application_id, holder_id, centre_id,
                                card_id, holder_name, masked_iin, issued_on, valid_until, validity_months, status,
                                revoked_at, revoke_reason, contents, credential, status_list, status_index, pdf_key,
                                created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
      [
        row.id,
        row.number,
        row.verificationCode,
        row.decisionId,
        row.applicationId,
        row.holderId,
        row.centreId,
        row.cardId,
        row.holderName,
        row.maskedIin,
        row.issuedOn,
        row.validUntil,
        row.validityMonths,
        row.status,
        row.revokedAt,
        row.revokeReason,
        JSON.stringify(row.contents),
        row.credential === null ? null : JSON.stringify(row.credential),
        row.statusList,
        row.statusIndex,
        row.pdfKey,
        row.createdAt,
      ],
    );
  }

  get(manager: EntityManager, id: string): Promise<CertificateEntity> {
    return manager.findOneOrFail(CertificateEntity, { where: { id } });
  }

  /**
   * Stores a credential on a certificate that has none and answers the one it has then: of two
   * writers at the same moment, the first one's stays.
   */
  async credentialOnce(
    manager: EntityManager,
    id: string,
    credential: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const [stored] = await updateReturning<{ credential: Record<string, unknown> }>(
      manager,
      'UPDATE certificate SET credential = $2 WHERE id = $1 AND credential IS NULL RETURNING credential',
      [id, credential],
    );
    if (stored) return stored.credential;
    const [current] = await manager.query<{ credential: Record<string, unknown> }[]>(
      'SELECT credential FROM certificate WHERE id = $1',
      [id],
    );
    return current.credential;
  }

  /** Revokes what is still in force of the certificates issued on a decision. */
  revokeOfDecision(
    manager: EntityManager,
    decisionId: string,
    now: Date,
    reason: string,
  ): Promise<{ id: string; number: string; status_list: number | null }[]> {
    return updateReturning(
      manager,
      `UPDATE certificate SET status = 'revoked', revoked_at = $2, revoke_reason = $3
        WHERE decision_id = $1 AND status <> 'revoked' RETURNING id, number, status_list`,
      [decisionId, now, reason],
    );
  }

  /** Revokes what is still in force of the credit credentials issued on a decision. */
  revokeCreditsOfDecision(
    manager: EntityManager,
    decisionId: string,
    now: Date,
  ): Promise<{ id: string; status_list: number }[]> {
    return updateReturning(
      manager,
      `UPDATE credit_credential SET status = 'revoked', revoked_at = $2
        WHERE decision_id = $1 AND status <> 'revoked' RETURNING id, status_list`,
      [decisionId, now],
    );
  }

  /** Marks the valid certificates whose last day is before `today` as expired. */
  expireBefore(manager: EntityManager, today: string): Promise<{ id: string; number: string }[]> {
    return updateReturning(
      manager,
      `UPDATE certificate SET status = 'expired' WHERE status = 'valid' AND valid_until < $1 RETURNING id, number`,
      [today],
    );
  }

  creditsIssuedOn(manager: EntityManager, decisionId: string): Promise<number> {
    return manager.count(CreditCredentialEntity, { where: { decisionId } });
  }

  async insertCredit(manager: EntityManager, row: QueryDeepPartialEntity<CreditCredentialEntity>): Promise<void> {
    await manager.insert(CreditCredentialEntity, row);
  }
}
