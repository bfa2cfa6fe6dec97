import type { EntityManager } from 'typeorm';
import type { FunctionKind } from '../parser/parsed-standard';

export interface CardLabel {
  id: string;
  name: string;
  orkLevel: number;
}

export interface SkillLabel {
  id: string;
  cardId: string;
  functionKind: FunctionKind;
  functionNumber: number;
  skillNumber: number;
  title: string;
}

/** Names of cards and skills by id, for reports of the contexts above: two reads. */
export async function catalogueLabels(
  manager: EntityManager,
  cardIds: string[],
  skillIds: string[],
): Promise<{ cards: Map<string, CardLabel>; skills: Map<string, SkillLabel> }> {
  const cards = await manager.query<{ id: string; name: string; ork_level: number }[]>(
    'SELECT id, name, ork_level FROM profession_card WHERE id = ANY($1::uuid[])',
    [cardIds],
  );
  const skills = await manager.query<
    { id: string; card_id: string; kind: FunctionKind; function_number: number; number: number; title: string }[]
  >(
    `SELECT s.id, s.card_id, f.kind, f.number AS function_number, s.number, s.title
       FROM skill s JOIN labour_function f ON f.id = s.function_id
      WHERE s.id = ANY($1::uuid[])`,
    [skillIds],
  );
  return {
    cards: new Map(cards.map((c) => [c.id, { id: c.id, name: c.name, orkLevel: c.ork_level }])),
    skills: new Map(
      skills.map((s) => [
        s.id,
        {
          id: s.id,
          cardId: s.card_id,
          functionKind: s.kind,
          functionNumber: s.function_number,
          skillNumber: s.number,
          title: s.title,
        },
      ]),
    ),
  };
}
