import { CardOutlineReader } from '@qualcert/standards';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

describe('a card outline, read by the other contexts', () => {
  let ctx: TestContext;
  let cardId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    const { standardId } = await importSeed(ctx.app);
    // The card with the most additional functions and items, so every part of the tree shows.
    [{ id: cardId }] = await ctx.dataSource.query(
      `SELECT c.id FROM profession_card c JOIN standard_version v ON v.id = c.standard_version_id
        WHERE v.standard_id = $1
        ORDER BY (SELECT COUNT(*) FROM labour_function f WHERE f.card_id = c.id AND f.kind = 'additional') DESC, c.number
        LIMIT 1`,
      [standardId],
    );
  });
  afterAll(() => ctx.close());

  it('holds the card as stored: functions in order, skills by number with their labels and items', async () => {
    const outline = await ctx.app.get(CardOutlineReader).read(cardId);
    const skills = await ctx.dataSource.query<{ id: string; label: string; recognition: string; kind: string }[]>(
      `SELECT s.id, f.number || '.' || s.number AS label, s.recognition, f.kind
         FROM skill s JOIN labour_function f ON f.id = s.function_id
        WHERE s.card_id = $1 ORDER BY f.position, s.number`,
      [cardId],
    );
    expect(outline.functions.some((f) => f.kind === 'additional')).toBe(true);
    expect(
      outline.functions.flatMap((f) =>
        f.skills.map((s) => ({ id: s.id, label: s.label, recognition: s.recognition, kind: f.kind })),
      ),
    ).toEqual(skills);
    const [items] = await ctx.dataSource.query<{ abilities: number; knowledge: number }[]>(
      `SELECT (SELECT COUNT(*)::int FROM skill_ability a JOIN skill s ON s.id = a.skill_id WHERE s.card_id = $1) AS abilities,
              (SELECT COUNT(*)::int FROM skill_knowledge k JOIN skill s ON s.id = k.skill_id WHERE s.card_id = $1) AS knowledge`,
      [cardId],
    );
    const all = outline.functions.flatMap((f) => f.skills);
    expect(all.reduce((n, s) => n + s.abilities.length, 0)).toBe(items.abilities);
    expect(all.reduce((n, s) => n + s.knowledge.length, 0)).toBe(items.knowledge);
    expect(items.abilities).toBeGreaterThan(0);
  });

  it('is read once per process, and also inside a transaction', async () => {
    const reader = ctx.app.get(CardOutlineReader);
    const first = await reader.read(cardId);
    await ctx.dataSource.transaction(async (manager) => {
      const query = jest.spyOn(manager, 'find');
      expect(await reader.read(cardId, manager)).toBe(first);
      expect(query).not.toHaveBeenCalled();
    });
  });
});
