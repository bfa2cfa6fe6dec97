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

/** What a certificate states of its card and of the standard version it was assessed against. */
export interface CertifiedCard {
  card: { name: string; occupationCode: string | null; orkLevel: number };
  standard: {
    title: string;
    version: number;
    orderNumber: string | null;
    /** Calendar days (YYYY-MM-DD), not the driver's Date, which JSON turns into a date-time. */
    orderDate: string | null;
    /** The approval order's date, else the import's. */
    versionDate: string;
    contentHash: string;
  };
}

/** The card and the standard version together, in one read; null when either does not exist. */
export async function certifiedCard(
  manager: EntityManager,
  cardId: string,
  standardVersionId: string,
): Promise<CertifiedCard | null> {
  const [row] = await manager.query<
    {
      name: string;
      occupation_code: string | null;
      ork_level: number;
      title: string;
      version: number;
      order_number: string | null;
      order_date: string | null;
      version_date: string;
      content_hash: string;
    }[]
  >(
    `SELECT c.name, c.occupation_code, c.ork_level,
            s.title, v.version, v.order_number, to_char(v.order_date, 'YYYY-MM-DD') AS order_date,
            to_char(coalesce(v.order_date, (v.imported_at AT TIME ZONE 'UTC')::date), 'YYYY-MM-DD') AS version_date,
            v.content_hash
       FROM profession_card c, standard_version v JOIN standard s ON s.id = v.standard_id
      WHERE c.id = $1 AND v.id = $2`,
    [cardId, standardVersionId],
  );
  if (!row) return null;
  return {
    card: { name: row.name, occupationCode: row.occupation_code, orkLevel: row.ork_level },
    standard: {
      title: row.title,
      version: row.version,
      orderNumber: row.order_number,
      orderDate: row.order_date,
      versionDate: row.version_date,
      contentHash: row.content_hash,
    },
  };
}
