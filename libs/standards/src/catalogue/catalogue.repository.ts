import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AbilityEntity,
  FieldOfActivityEntity,
  KnowledgeItemEntity,
  LabourFunctionEntity,
  ProfessionCardEntity,
  SkillEntity,
  StandardEntity,
  StandardVersionEntity,
} from '../entities';

export interface VersionWithCounts extends StandardVersionEntity {
  cardCount: number;
}

export interface CardFilter {
  versionId: string;
  orkLevel?: number;
  occupationCode?: string;
  q?: string;
  limit: number;
  offset: number;
}

export interface SkillItems {
  abilities: AbilityEntity[];
  knowledge: KnowledgeItemEntity[];
}

/** Escapes LIKE wildcards so that a search for "100%" means the characters, not a pattern. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The catalogue's queries. Each read is a fixed number of queries, whatever the tree's size. */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listStandards(ids?: string[]): Promise<StandardEntity[]> {
    return this.dataSource.getRepository(StandardEntity).find({
      where: ids ? { id: In(ids) } : {},
      order: { title: 'ASC' },
    });
  }

  async listVersions(standardIds: string[]): Promise<VersionWithCounts[]> {
    if (standardIds.length === 0) return [];
    const { entities, raw } = await this.dataSource
      .getRepository(StandardVersionEntity)
      .createQueryBuilder('v')
      .addSelect(
        (sub) => sub.select('COUNT(*)::int').from(ProfessionCardEntity, 'c').where('c.standard_version_id = v.id'),
        'card_count',
      )
      .where('v.standard_id IN (:...ids)', { ids: standardIds })
      .orderBy('v.standard_id')
      .addOrderBy('v.version', 'DESC')
      .getRawAndEntities<{ card_count: number }>();
    return entities.map((v, i) => Object.assign(v, { cardCount: Number(raw[i].card_count) }));
  }

  findVersion(standardId: string, version?: number): Promise<StandardVersionEntity | null> {
    return this.dataSource.getRepository(StandardVersionEntity).findOne({
      where: version === undefined ? { standardId } : { standardId, version },
      order: { version: 'DESC' },
    });
  }

  findVersionById(id: string): Promise<StandardVersionEntity | null> {
    return this.dataSource.getRepository(StandardVersionEntity).findOne({ where: { id } });
  }

  findStandard(id: string): Promise<StandardEntity | null> {
    return this.dataSource.getRepository(StandardEntity).findOne({ where: { id } });
  }

  async listCards(filter: CardFilter): Promise<{ items: ProfessionCardEntity[]; total: number }> {
    const qb = this.dataSource
      .getRepository(ProfessionCardEntity)
      .createQueryBuilder('c')
      .where('c.standard_version_id = :versionId', { versionId: filter.versionId });
    if (filter.orkLevel !== undefined) qb.andWhere('c.ork_level = :orkLevel', { orkLevel: filter.orkLevel });
    if (filter.occupationCode !== undefined) {
      qb.andWhere('c.occupation_code LIKE :code', { code: `${likeEscape(filter.occupationCode)}%` });
    }
    if (filter.q !== undefined) {
      qb.andWhere('(c.name ILIKE :q OR c.other_names::text ILIKE :q)', { q: `%${likeEscape(filter.q)}%` });
    }
    const [items, total] = await qb.orderBy('c.number', 'ASC').skip(filter.offset).take(filter.limit).getManyAndCount();
    return { items, total };
  }

  findCard(id: string): Promise<ProfessionCardEntity | null> {
    return this.dataSource.getRepository(ProfessionCardEntity).findOne({ where: { id } });
  }

  listFunctions(cardId: string): Promise<LabourFunctionEntity[]> {
    return this.dataSource.getRepository(LabourFunctionEntity).find({ where: { cardId }, order: { position: 'ASC' } });
  }

  listSkillsOfCard(cardId: string): Promise<SkillEntity[]> {
    return this.dataSource.getRepository(SkillEntity).find({ where: { cardId }, order: { number: 'ASC' } });
  }

  findSkill(id: string): Promise<SkillEntity | null> {
    return this.dataSource.getRepository(SkillEntity).findOne({ where: { id } });
  }

  findFunction(id: string): Promise<LabourFunctionEntity | null> {
    return this.dataSource.getRepository(LabourFunctionEntity).findOne({ where: { id } });
  }

  async listItems(skillIds: string[]): Promise<SkillItems> {
    if (skillIds.length === 0) return { abilities: [], knowledge: [] };
    const order = { skillId: 'ASC', position: 'ASC' } as const;
    const [abilities, knowledge] = await Promise.all([
      this.dataSource.getRepository(AbilityEntity).find({ where: { skillId: In(skillIds) }, order }),
      this.dataSource.getRepository(KnowledgeItemEntity).find({ where: { skillId: In(skillIds) }, order }),
    ]);
    return { abilities, knowledge };
  }

  listFields(): Promise<FieldOfActivityEntity[]> {
    return this.dataSource.getRepository(FieldOfActivityEntity).find();
  }

  lockCard(manager: EntityManager, id: string): Promise<ProfessionCardEntity | null> {
    return manager.findOne(ProfessionCardEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async confirmPrerequisites(manager: EntityManager, cardId: string): Promise<void> {
    await manager.update(ProfessionCardEntity, { id: cardId }, { prerequisiteStatus: 'confirmed' });
  }
}
