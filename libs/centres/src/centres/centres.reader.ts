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
