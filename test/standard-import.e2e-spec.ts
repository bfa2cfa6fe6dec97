import { DomainException } from '@qualcert/shared';
import { StandardImportService } from '@qualcert/standards';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { importSeed, SEED_FILE, seedCorrections, seedText } from './utils/seed';
import { createTestApp, resetCatalogue, TestContext } from './utils/test-app';

const TABLES = [
  'standard',
  'standard_version',
  'profession_card',
  'labour_function',
  'skill',
  'skill_ability',
  'skill_knowledge',
];

const NONE = Object.fromEntries(TABLES.map((table) => [table, 0]));

describe('standard import', () => {
  let ctx: TestContext;
  let importer: StandardImportService;

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [{ n }] = await ctx.dataSource.query(`SELECT COUNT(*)::int AS n FROM ${table}`);
      result[table] = n;
    }
    return result;
  }

  beforeAll(async () => {
    ctx = await createTestApp();
    importer = ctx.app.get(StandardImportService);
  });
  beforeEach(() => resetCatalogue(ctx.dataSource));
  afterAll(() => ctx.close());

  it('stores the seed standard and reports what it found', async () => {
    const summary = await importSeed(ctx.app);
    expect(summary).toMatchObject({ status: 'created', version: 1, cards: 10 });
    expect(summary.skills.total).toBe(summary.skills.recommended + summary.skills.notRecommended);
    expect(summary.skills.recommended).toBeGreaterThan(0);
    expect(summary.skills.notRecommended).toBeGreaterThan(0);
    const stored = await counts();
    expect(stored).toMatchObject({ standard: 1, standard_version: 1, profession_card: 10 });
    expect(stored.skill).toBe(summary.skills.total);
    expect(stored.skill_ability).toBe(summary.abilities);
    expect(stored.skill_knowledge).toBe(summary.knowledgeItems);
    expect(stored.labour_function).toBe(summary.functions.mandatory + summary.functions.additional);
  });

  it('treats a repeated import of the same text as a no-op', async () => {
    const first = await importSeed(ctx.app);
    const before = await counts();
    const again = await importSeed(ctx.app);
    expect(again).toMatchObject({ status: 'unchanged', versionId: first.versionId, version: 1 });
    expect(await counts()).toEqual(before);
  });

  it('treats different line endings of the same text as the same version', async () => {
    const first = await importSeed(ctx.app);
    const crlf = await importSeed(ctx.app, seedText().replace(/\n/g, '\r\n'));
    expect(crlf).toMatchObject({ status: 'unchanged', versionId: first.versionId });
  });

  it('makes a new version of a changed text and keeps the earlier one readable', async () => {
    const first = await importSeed(ctx.app);
    const changed = seedText().replace(
      'Обработка обращений клиентов по удаленным каналам коммуникации.',
      'Обработка обращений клиентов по всем каналам коммуникации.',
    );
    expect(changed).not.toBe(seedText());
    const second = await importSeed(ctx.app, changed);
    expect(second).toMatchObject({ status: 'created', version: 2, standardId: first.standardId });
    expect(second.versionId).not.toBe(first.versionId);

    const server = ctx.app.getHttpServer();
    const v1 = await request(server)
      .get(`/api/v1/standards/${first.standardId}/cards?version=1&orkLevel=3`)
      .expect(200);
    const latest = await request(server).get(`/api/v1/standards/${first.standardId}/cards?orkLevel=3`).expect(200);
    expect(v1.body.standard.versionId).toBe(first.versionId);
    expect(latest.body.standard.versionId).toBe(second.versionId);
    const oldCard = await request(server).get(`/api/v1/cards/${v1.body.items[0].id}`).expect(200);
    const newCard = await request(server).get(`/api/v1/cards/${latest.body.items[0].id}`).expect(200);
    expect(oldCard.body.mainGoal).toMatch(/удаленным каналам/);
    expect(newCard.body.mainGoal).toMatch(/всем каналам/);

    const standards = await request(server).get('/api/v1/standards').expect(200);
    expect(standards.body[0].versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a truncated text with STANDARD_PARSE_FAILED naming the line, and writes nothing', async () => {
    const text = seedText();
    const truncated = text.slice(0, text.indexOf('Навык 3:', text.indexOf('Карточка профессии')));
    const error = await importSeed(ctx.app, truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainException);
    expect(error).toMatchObject({ code: 'STANDARD_PARSE_FAILED', details: { line: expect.any(Number) } });
    expect(await counts()).toEqual(NONE);
  });

  it('refuses a text that is not a standard', async () => {
    const error = await importer
      .import({ text: 'Договор аренды нежилого помещения\n1. Предмет договора\n', sourceName: 'lease.txt' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STANDARD_PARSE_FAILED' });
  });

  it('rolls the whole import back when a write fails half-way', async () => {
    // A card name longer than the column allows fails the card insert, after the version row.
    const corrections = seedCorrections();
    const parsed = importer.prepare({ text: seedText(), sourceName: SEED_FILE, corrections }).parsed;
    const tooLong = [
      ...corrections,
      { card: 2, field: 'name' as const, asParsed: parsed.cards[1].name, shouldRead: 'Я'.repeat(600) },
    ];
    const failure = await importer
      .import({ text: seedText(), sourceName: SEED_FILE, corrections: tooLong })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    // string_data_right_truncation: the card's name, refused by its column.
    expect(failure).toMatchObject({ driverError: { code: '22001' } });
    expect((failure as Error).message).toMatch(/^value too long for type character varying\(\d+\)$/);
    expect(await counts()).toEqual(NONE);
  });

  it('stores one version when the same new text is imported twice at once', async () => {
    const results = await Promise.all([importSeed(ctx.app), importSeed(ctx.app), importSeed(ctx.app)]);
    expect(new Set(results.map((r) => r.versionId)).size).toBe(1);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect((await counts()).standard_version).toBe(1);
  });

  it('applies a correction whose text matches and reports one that no longer does', async () => {
    const parsed = importer.prepare({ text: seedText(), sourceName: SEED_FILE }).parsed;
    const skill = parsed.cards[0].functions[0].skills[0];
    const summary = await importer.import({
      text: seedText(),
      sourceName: SEED_FILE,
      corrections: [
        {
          card: 1,
          function: { kind: 'mandatory', number: 1 },
          skill: 1,
          field: 'title',
          asParsed: skill.title,
          shouldRead: `${skill.title} (исправлено)`,
        },
        { card: 1, field: 'name', asParsed: 'Не то название', shouldRead: 'Другое' },
      ],
    });
    expect(summary.corrections.map((c) => c.applied)).toEqual([true, false]);
    expect(summary.warnings.map((w) => w.code)).toContain('CORRECTION_NOT_APPLIED');
    const [row] = await ctx.dataSource.query('SELECT title FROM skill WHERE source_line = $1', [skill.line]);
    expect(row.title).toBe(`${skill.title} (исправлено)`);
  });
});
