import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccreditationEntity } from './accreditation.entity';
import { CentreEntity } from './centre.entity';

/** The centre and accreditation tables' queries. */
@Injectable()
export class CentresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string): Promise<CentreEntity | null> {
    return this.dataSource.getRepository(CentreEntity).findOne({ where: { id } });
  }

  get(manager: EntityManager, id: string): Promise<CentreEntity> {
    return manager.findOneOrFail(CentreEntity, { where: { id } });
  }

  /** The centre locked for the transaction: for update to change it, for share to accredit it. */
  lock(manager: EntityManager, id: string, mode: 'update' | 'share'): Promise<CentreEntity | null> {
    return manager.findOne(CentreEntity, {
      where: { id },
      lock: { mode: mode === 'update' ? 'pessimistic_write' : 'pessimistic_read' },
    });
  }

  /** All centres, or those named, by code. */
  list(ids?: readonly string[]): Promise<CentreEntity[]> {
    return this.dataSource
      .getRepository(CentreEntity)
      .find({ where: ids ? { id: In([...ids]) } : {}, order: { code: 'ASC' } });
  }

  /** Active centres with an accreditation for the card in force on the day, by code. */
  accreditedFor(cardId: string, on: string): Promise<CentreEntity[]> {
    return this.dataSource
      .getRepository(CentreEntity)
      .createQueryBuilder('c')
      .where('c.status = :active', { active: 'active' })
      .andWhere(
        `EXISTS (SELECT 1 FROM accreditation a WHERE a.centre_id = c.id AND a.card_id = :cardId
                    AND a.status = 'active' AND a.valid_from <= :on AND a.valid_to >= :on)`,
        { cardId, on },
      )
      .orderBy('c.code', 'ASC')
      .getMany();
  }

  async insert(manager: EntityManager, centre: CentreEntity): Promise<void> {
    await manager.insert(CentreEntity, centre);
  }

  async update(manager: EntityManager, id: string, changes: Partial<CentreEntity>): Promise<void> {
    await manager.update(CentreEntity, { id }, changes);
  }

  /** A centre's accreditations, the latest period first. */
  accreditationsOf(centreId: string): Promise<AccreditationEntity[]> {
    return this.dataSource
      .getRepository(AccreditationEntity)
      .find({ where: { centreId }, order: { validFrom: 'DESC', createdAt: 'DESC' } });
  }

  lockAccreditation(manager: EntityManager, centreId: string, id: string): Promise<AccreditationEntity | null> {
    return manager.findOne(AccreditationEntity, { where: { id, centreId }, lock: { mode: 'pessimistic_write' } });
  }

  async insertAccreditations(manager: EntityManager, rows: AccreditationEntity[]): Promise<void> {
    await manager.insert(AccreditationEntity, rows);
  }

  async revokeAccreditation(manager: EntityManager, id: string): Promise<void> {
    await manager.update(AccreditationEntity, { id }, { status: 'revoked' });
  }
}
