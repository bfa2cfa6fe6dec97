import type { EntityManager } from 'typeorm';
import { AccreditationEntity } from './accreditation.entity';
import { CentreEntity } from './centre.entity';

/** The centre as stored; null when there is none. */
export function findCentre(manager: EntityManager, id: string): Promise<CentreEntity | null> {
  return manager.findOne(CentreEntity, { where: { id } });
}

/** Whether the centre holds an active accreditation for the card whose period covers the day. */
export function accreditedOn(manager: EntityManager, centreId: string, cardId: string, on: string): Promise<boolean> {
  return manager
    .createQueryBuilder(AccreditationEntity, 'a')
    .where('a.centre_id = :centreId AND a.card_id = :cardId AND a.status = :status', {
      centreId,
      cardId,
      status: 'active',
    })
    .andWhere('a.valid_from <= :on AND a.valid_to >= :on', { on })
    .getExists();
}

/** Whether the centre holds an active accreditation for the card, whatever its period. */
export function holdsAccreditation(manager: EntityManager, centreId: string, cardId: string): Promise<boolean> {
  return manager.exists(AccreditationEntity, { where: { centreId, cardId, status: 'active' } });
}

/** A centre's code and name, and the accreditation for a card in force on a day (days as YYYY-MM-DD). */
export interface CentreOfCertificate {
  code: string;
  name: string;
  accreditation: { documentRef: string; validFrom: string; validTo: string } | null;
}

/**
 * The centre with its active accreditation for the card whose period covers the UTC day of `at`
 * (today when null), the latest starting if several do: one read; null when there is no centre.
 */
export async function centreAccreditedFor(
  manager: EntityManager,
  centreId: string,
  cardId: string,
  at: Date | null,
): Promise<CentreOfCertificate | null> {
  const [row] = await manager.query<
    { code: string; name: string; document_ref: string | null; valid_from: string | null; valid_to: string | null }[]
  >(
    `SELECT c.code, c.name, a.document_ref,
            to_char(a.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM centre c
       LEFT JOIN LATERAL (
             SELECT document_ref, valid_from, valid_to FROM accreditation
              WHERE centre_id = c.id AND card_id = $2 AND status = 'active'
                AND (coalesce($3::timestamptz, now()) AT TIME ZONE 'UTC')::date BETWEEN valid_from AND valid_to
              ORDER BY valid_from DESC LIMIT 1) a ON true
      WHERE c.id = $1`,
    [centreId, cardId, at],
  );
  if (!row) return null;
  return {
    code: row.code,
    name: row.name,
    accreditation:
      row.document_ref !== null
        ? { documentRef: row.document_ref, validFrom: row.valid_from as string, validTo: row.valid_to as string }
        : null,
  };
}
