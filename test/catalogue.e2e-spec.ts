import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { importSeed, seedText } from './utils/seed';
import { createTestApp, resetCatalogue, TestContext } from './utils/test-app';

/** Recognition flags as the text prints them, counted without the parser. */
function flagsInText(text: string): number {
  return (text.match(/признания\s+навыка\s*:?\s*(?:\d\)\s*)?(?:Не\s+)?рекомендован/gi) ?? []).length;
}

describe('catalogue read API', () => {
  let ctx: TestContext;
  let server: App;
  let standardId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    await resetCatalogue(ctx.dataSource);
    standardId = (await importSeed(ctx.app)).standardId;
  });
  afterAll(() => ctx.close());

  it('lists the standard with its version', async () => {
    const res = await request(server).get('/api/v1/standards').expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: standardId, title: 'Деятельность справочно-информационных служб' });
    expect(res.body[0].versions).toHaveLength(1);
    expect(res.body[0].versions[0]).toMatchObject({
      version: 1,
      orderNumber: '394/НҚ',
      orderDate: '2025-07-30',
      cardCount: 10,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(res.body[0].versions[0].okedCodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: '62.02' })]),
    );
  });

  it('shows one standard with the warnings of its import', async () => {
    const res = await request(server).get(`/api/v1/standards/${standardId}`).expect(200);
    const codes = res.body.versions[0].warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('CARD_MISNUMBERED');
    expect(res.body.versions[0].warnings.every((w: { line: number }) => Number.isInteger(w.line))).toBe(true);
  });

  it('lists the ten cards in order with their ОРК levels', async () => {
    const res = await request(server).get(`/api/v1/standards/${standardId}/cards`).expect(200);
    expect(res.body.total).toBe(10);
    expect(res.body.items.map((c: { orkLevel: number }) => c.orkLevel)).toEqual([3, 4, 4, 4, 5, 6, 6, 6, 6, 7]);
    expect(res.body.items.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(res.body.standard).toMatchObject({ standardId, version: 1 });
  });

  it('filters cards by ОРК level, occupation code and text, and pages them', async () => {
    const byLevel = await request(server).get(`/api/v1/standards/${standardId}/cards?orkLevel=6`).expect(200);
    expect(byLevel.body.total).toBe(4);
    expect(byLevel.body.items.every((c: { orkLevel: number }) => c.orkLevel === 6)).toBe(true);

    const byCode = await request(server)
      .get(`/api/v1/standards/${standardId}/cards?occupationCode=4224-5-003`)
      .expect(200);
    expect(byCode.body.items.map((c: { orkLevel: number }) => c.orkLevel)).toEqual([3, 4]);

    const byText = await request(server)
      .get(`/api/v1/standards/${standardId}/cards`)
      .query({ q: 'экономист' })
      .expect(200);
    expect(byText.body.items).toHaveLength(1);
    expect(byText.body.items[0].name).toMatch(/Экономист/);

    const page = await request(server).get(`/api/v1/standards/${standardId}/cards?limit=3&offset=9`).expect(200);
    expect(page.body).toMatchObject({ total: 10, limit: 3, offset: 9 });
    expect(page.body.items).toHaveLength(1);

    const none = await request(server)
      .get(`/api/v1/standards/${standardId}/cards?q=${encodeURIComponent('100%_')}`)
      .expect(200);
    expect(none.body.total).toBe(0);
  });

  it('refuses bad query parameters with VALIDATION_FAILED naming the field', async () => {
    const cases: [string, string][] = [
      ['orkLevel=9', 'orkLevel'],
      ['orkLevel=abc', 'orkLevel'],
      ['occupationCode=42x', 'occupationCode'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['version=0', 'version'],
      ['q=a', 'q'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const res = await request(server).get(`/api/v1/standards/${standardId}/cards?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('answers 404 for unknown ids and 400 for ids that are not UUIDs', async () => {
    for (const path of ['standards', 'cards', 'skills']) {
      const res = await request(server).get(`/api/v1/${path}/${randomUUID()}`).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const bad = await request(server).get(`/api/v1/${path}/not-a-uuid`).expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'id' }] } });
    }
    await request(server).get(`/api/v1/standards/${randomUUID()}/cards`).expect(404);
    const noVersion = await request(server).get(`/api/v1/standards/${standardId}/cards?version=99`).expect(404);
    expect(noVersion.body.code).toBe('NOT_FOUND');
  });

  it('serves every card as a whole tree, with flags and prerequisite rules', async () => {
    const list = await request(server).get(`/api/v1/standards/${standardId}/cards`).expect(200);
    let skillCount = 0;
    for (const summary of list.body.items) {
      const card = (await request(server).get(`/api/v1/cards/${summary.id}`).expect(200)).body;
      expect(card.standard).toMatchObject({ standardId, version: 1 });
      expect(card.functions.filter((f: { kind: string }) => f.kind === 'mandatory').length).toBeGreaterThan(0);
      expect(card.prerequisites.educationLevelText.length).toBeGreaterThan(0);
      expect(['structured', 'needs_review']).toContain(card.prerequisites.status);
      if (card.prerequisites.status === 'structured') expect(card.prerequisites.routes.length).toBeGreaterThan(0);
      for (const fn of card.functions) {
        expect(fn.skills.length).toBeGreaterThan(0);
        for (const skill of fn.skills) {
          skillCount += 1;
          expect(['recommended', 'not_recommended']).toContain(skill.recognition);
          expect(skill.abilities.length + skill.knowledge.length).toBeGreaterThan(0);
          for (const item of [...skill.abilities, ...skill.knowledge]) expect(item.text.trim()).not.toBe('');
        }
      }
    }
    expect(skillCount).toBe(flagsInText(seedText()));
  });

  it('serves a skill with its context', async () => {
    const list = await request(server).get(`/api/v1/standards/${standardId}/cards?orkLevel=3`).expect(200);
    const card = (await request(server).get(`/api/v1/cards/${list.body.items[0].id}`).expect(200)).body;
    const skill = card.functions[0].skills[0];
    const res = await request(server).get(`/api/v1/skills/${skill.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: skill.id,
      title: skill.title,
      recognition: skill.recognition,
      function: { id: card.functions[0].id, kind: 'mandatory', number: 1 },
      card: { id: card.id, occupationCode: '4224-5-003', orkLevel: 3 },
      standard: { standardId, version: 1 },
    });
    expect(res.body.abilities).toEqual(skill.abilities);
    expect(res.body.knowledge).toEqual(skill.knowledge);
  });
});
