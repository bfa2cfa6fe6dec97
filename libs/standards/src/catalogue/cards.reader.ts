import { In, type EntityManager } from 'typeorm';
import { AbilityEntity, KnowledgeItemEntity, ProfessionCardEntity, SkillEntity } from '../entities';

/** The card as stored; null when there is none. */
export function findCard(manager: EntityManager, id: string): Promise<ProfessionCardEntity | null> {
  return manager.findOne(ProfessionCardEntity, { where: { id } });
}

/** The cards named that exist (unknown ids are left out): one read. */
export function findCards(manager: EntityManager, ids: readonly string[]): Promise<ProfessionCardEntity[]> {
  return manager.find(ProfessionCardEntity, { where: { id: In([...ids]) } });
}

/** A skill's card and the ids of its knowledge items. */
export interface SkillKnowledge {
  id: string;
  cardId: string;
  knowledgeItemIds: string[];
}

/** The skills named that exist, each with its card and knowledge items: two reads. */
export async function skillsWithKnowledge(
  manager: EntityManager,
  skillIds: readonly string[],
): Promise<SkillKnowledge[]> {
  if (skillIds.length === 0) return [];
  const ids = [...skillIds];
  const skills = await manager.find(SkillEntity, { where: { id: In(ids) }, select: { id: true, cardId: true } });
  const items = await manager.find(KnowledgeItemEntity, {
    where: { skillId: In(ids) },
    select: { id: true, skillId: true },
  });
  return skills.map((s) => ({
    id: s.id,
    cardId: s.cardId,
    knowledgeItemIds: items.filter((k) => k.skillId === s.id).map((k) => k.id),
  }));
}

/** A skill's card and the ids of its abilities; null when there is no such skill: two reads. */
export async function skillAbilities(
  manager: EntityManager,
  skillId: string,
): Promise<{ id: string; cardId: string; abilityIds: string[] } | null> {
  const skill = await manager.findOne(SkillEntity, { where: { id: skillId }, select: { id: true, cardId: true } });
  if (!skill) return null;
  const abilities = await manager.find(AbilityEntity, { where: { skillId }, select: { id: true } });
  return { id: skill.id, cardId: skill.cardId, abilityIds: abilities.map((a) => a.id) };
}
