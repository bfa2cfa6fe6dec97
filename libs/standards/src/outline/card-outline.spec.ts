import type { EntityManager } from 'typeorm';
import { AbilityEntity, KnowledgeItemEntity, LabourFunctionEntity, SkillEntity } from '../entities';
import { additionalFunctionIds, assessedFunctions, assessedSkills, type CardOutline } from './card-outline';
import { CardOutlineReader } from './card-outline.reader';

const skill = (id: string, functionId: string, number: number) => ({
  id,
  functionId,
  number,
  label: `x.${number}`,
  title: id,
  recognition: 'recommended' as const,
  abilities: [],
  knowledge: [],
});

const OUTLINE: CardOutline = {
  cardId: 'card',
  functions: [
    { id: 'm1', kind: 'mandatory', number: 1, title: 'M1', skills: [skill('s11', 'm1', 1), skill('s12', 'm1', 2)] },
    { id: 'm2', kind: 'mandatory', number: 2, title: 'M2', skills: [skill('s21', 'm2', 1)] },
    { id: 'a1', kind: 'additional', number: 1, title: 'A1', skills: [skill('a11', 'a1', 1)] },
    { id: 'a2', kind: 'additional', number: 2, title: 'A2', skills: [skill('a21', 'a2', 1)] },
  ],
};

describe('a card outline', () => {
  it('assesses the mandatory functions and the chosen additional ones, in the card order', () => {
    expect(assessedFunctions(OUTLINE, []).map((f) => f.id)).toEqual(['m1', 'm2']);
    expect(assessedFunctions(OUTLINE, ['a2']).map((f) => f.id)).toEqual(['m1', 'm2', 'a2']);
    expect(assessedFunctions(OUTLINE, ['a2', 'a1']).map((f) => f.id)).toEqual(['m1', 'm2', 'a1', 'a2']);
  });

  it('ignores chosen ids the card does not hold as additional functions', () => {
    expect(assessedFunctions(OUTLINE, ['elsewhere', 'm1']).map((f) => f.id)).toEqual(['m1', 'm2']);
  });

  it('lists the assessed skills function by function', () => {
    expect(assessedSkills(OUTLINE, ['a1']).map((s) => s.id)).toEqual(['s11', 's12', 's21', 'a11']);
  });

  it('names the additional functions', () => {
    expect(additionalFunctionIds(OUTLINE)).toEqual(['a1', 'a2']);
  });
});

/** A manager that answers `find` from rows per entity and counts the reads. */
function fakeManager(rows: Map<unknown, unknown[]>) {
  const find = jest.fn((entity: unknown) => Promise.resolve(rows.get(entity) ?? []));
  return { manager: { find } as unknown as EntityManager, find };
}

describe('the card outline reader', () => {
  const rows = new Map<unknown, unknown[]>([
    [
      LabourFunctionEntity,
      [
        { id: 'f1', cardId: 'card', kind: 'mandatory', number: 1, position: 1, title: 'F1' },
        { id: 'f2', cardId: 'card', kind: 'additional', number: 1, position: 2, title: 'F2' },
      ],
    ],
    [
      SkillEntity,
      [
        { id: 's1', functionId: 'f1', cardId: 'card', number: 1, title: 'S1', recognition: 'recommended' },
        { id: 's3', functionId: 'f2', cardId: 'card', number: 1, title: 'S3', recognition: 'not_recommended' },
        { id: 's2', functionId: 'f1', cardId: 'card', number: 2, title: 'S2', recognition: 'recommended' },
      ],
    ],
    [
      AbilityEntity,
      [
        { skillId: 's1', position: 1, text: 'can a' },
        { skillId: 's1', position: 2, text: 'can b' },
      ],
    ],
    [KnowledgeItemEntity, [{ skillId: 's2', position: 1, text: 'knows c' }]],
  ]);

  it('builds the tree with labels and items', async () => {
    const { manager } = fakeManager(rows);
    const outline = await new CardOutlineReader({ manager } as never).read('card');
    expect(outline).toEqual({
      cardId: 'card',
      functions: [
        {
          id: 'f1',
          kind: 'mandatory',
          number: 1,
          title: 'F1',
          skills: [
            {
              id: 's1',
              functionId: 'f1',
              number: 1,
              label: '1.1',
              title: 'S1',
              recognition: 'recommended',
              abilities: ['can a', 'can b'],
              knowledge: [],
            },
            {
              id: 's2',
              functionId: 'f1',
              number: 2,
              label: '1.2',
              title: 'S2',
              recognition: 'recommended',
              abilities: [],
              knowledge: ['knows c'],
            },
          ],
        },
        {
          id: 'f2',
          kind: 'additional',
          number: 1,
          title: 'F2',
          skills: [expect.objectContaining({ id: 's3', label: '1.1', recognition: 'not_recommended' })],
        },
      ],
    });
  });

  it('reads a card once, through the manager it is given, and shares a frozen outline', async () => {
    const reader = new CardOutlineReader({ manager: fakeManager(new Map()).manager } as never);
    const { manager, find } = fakeManager(rows);
    const first = await reader.read('card', manager);
    const reads = find.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect(await reader.read('card', manager)).toBe(first);
    expect(await reader.read('card')).toBe(first);
    expect(find).toHaveBeenCalledTimes(reads);
    expect(Object.isFrozen(first.functions[0].skills[0].abilities)).toBe(true);
  });

  it('does not keep a card it did not find', async () => {
    const { manager, find } = fakeManager(new Map());
    const reader = new CardOutlineReader({ manager } as never);
    expect((await reader.read('nowhere')).functions).toEqual([]);
    const reads = find.mock.calls.length;
    await reader.read('nowhere');
    expect(find.mock.calls.length).toBe(2 * reads);
  });
});
