import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  AbilityEntity,
  KnowledgeItemEntity,
  LabourFunctionEntity,
  ProfessionCardEntity,
  SkillEntity,
  StandardEntity,
  StandardVersionEntity,
} from '../entities';

/** A version's tree of rows, written with a few multi-row inserts. */
export interface StandardTree {
  cards: ProfessionCardEntity[];
  functions: LabourFunctionEntity[];
  skills: SkillEntity[];
  abilities: AbilityEntity[];
  knowledge: KnowledgeItemEntity[];
}

// PostgreSQL accepts at most 65535 parameters per statement.
const INSERT_CHUNK = 1000;

/** The import's writes of the standard, version and card tables. */
@Injectable()
export class StandardImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The version holding this content, if one does. */
  versionWithContent(
    contentHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StandardVersionEntity | null> {
    return manager.findOne(StandardVersionEntity, { where: { contentHash } });
  }

  /**
   * The standard of this title key, created if new, locked: the row serialises the version
   * numbering of concurrent imports.
   */
  async lockStandard(
    manager: EntityManager,
    row: Pick<StandardEntity, 'id' | 'title' | 'titleKey'>,
  ): Promise<StandardEntity> {
    await manager.createQueryBuilder().insert().into(StandardEntity).values(row).orIgnore().execute();
    return manager
      .createQueryBuilder(StandardEntity, 's')
      .setLock('pessimistic_write')
      .where('s.title_key = :key', { key: row.titleKey })
      .getOneOrFail();
  }

  /** The number the standard's next version takes. */
  async nextVersion(manager: EntityManager, standardId: string): Promise<number> {
    const { next } = (await manager
      .createQueryBuilder(StandardVersionEntity, 'v')
      .select('COALESCE(MAX(v.version), 0) + 1', 'next')
      .where('v.standard_id = :id', { id: standardId })
      .getRawOne<{ next: number }>()) ?? { next: 1 };
    return Number(next);
  }

  async insertVersion(manager: EntityManager, version: StandardVersionEntity): Promise<void> {
    await manager.insert(StandardVersionEntity, version);
  }

  async insertTree(manager: EntityManager, tree: StandardTree): Promise<void> {
    await insertAll(manager, ProfessionCardEntity, tree.cards);
    await insertAll(manager, LabourFunctionEntity, tree.functions);
    await insertAll(manager, SkillEntity, tree.skills);
    await insertAll(manager, AbilityEntity, tree.abilities);
    await insertAll(manager, KnowledgeItemEntity, tree.knowledge);
  }
}

async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    // insert() issues one multi-row INSERT without selecting first or reloading generated columns.
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .updateEntity(false)
      .execute();
  }
}
