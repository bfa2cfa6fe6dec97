import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AbilityEntity, KnowledgeItemEntity, LabourFunctionEntity, SkillEntity } from '../entities';
import type { CardOutline, OutlineSkill } from './card-outline';

/** Cards kept per process; a standard has tens of cards. */
const CACHE_SIZE = 200;

/**
 * The one reader of a card's outline for the other contexts. A card's functions, skills and items
 * never change once imported (a new text is a new version with new rows), so each process reads a
 * card once; the outline is frozen because every caller shares it.
 */
@Injectable()
export class CardOutlineReader {
  private readonly cache = new Map<string, CardOutline>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The card's outline; a card that does not exist has no functions. Inside a transaction pass its
   * manager: a read on another connection could wait for the pool the transaction holds.
   */
  async read(cardId: string, manager: EntityManager = this.dataSource.manager): Promise<CardOutline> {
    const cached = this.cache.get(cardId);
    if (cached) return cached;
    const outline = await readOutline(manager, cardId);
    if (outline.functions.length === 0) return outline;
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(cardId, outline);
    return outline;
  }
}

// One after another: inside a transaction the queries share one connection.
async function readOutline(manager: EntityManager, cardId: string): Promise<CardOutline> {
  const functions = await manager.find(LabourFunctionEntity, { where: { cardId }, order: { position: 'ASC' } });
  const skills = await manager.find(SkillEntity, { where: { cardId }, order: { number: 'ASC' } });
  const skillIds = skills.map((s) => s.id);
  const abilities =
    skillIds.length === 0
      ? []
      : await manager.find(AbilityEntity, { where: { skillId: In(skillIds) }, order: { position: 'ASC' } });
  const knowledge =
    skillIds.length === 0
      ? []
      : await manager.find(KnowledgeItemEntity, { where: { skillId: In(skillIds) }, order: { position: 'ASC' } });
  const textsOf = (items: { skillId: string; text: string }[], skillId: string) =>
    Object.freeze(items.filter((i) => i.skillId === skillId).map((i) => i.text));
  return Object.freeze({
    cardId,
    functions: Object.freeze(
      functions.map((f) =>
        Object.freeze({
          id: f.id,
          kind: f.kind,
          number: f.number,
          title: f.title,
          skills: Object.freeze(
            skills
              .filter((s) => s.functionId === f.id)
              .map((s): OutlineSkill =>
                Object.freeze({
                  id: s.id,
                  functionId: f.id,
                  number: s.number,
                  label: `${f.number}.${s.number}`,
                  title: s.title,
                  recognition: s.recognition,
                  abilities: textsOf(abilities, s.id),
                  knowledge: textsOf(knowledge, s.id),
                }),
              ),
          ),
        }),
      ),
    ),
  });
}
