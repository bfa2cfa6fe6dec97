import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, newAccreditedCentre, newSession, newUser, TestSession } from './utils/fixtures';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

/**
 * The applications list filtered by card, pathway and the days of submission, with the state, on
 * applications written directly with known cards, pathways and dates: each filter answers exactly
 * the rows it names, the total counts the filtered rows, and bad filters are refused by field.
 */
describe('applications list: filters', () => {
  let ctx: TestContext;
  let server: App;
  let manager: TestSession;
  let centreId: string;
  let cards: string[];
  const rows: Record<string, string> = {};

  const list = (query: Record<string, string>) =>
    request(server)
      .get('/api/v1/applications')
      .query({ centreId, limit: '100', ...query })
      .set(...bearer(manager));
  const ids = async (query: Record<string, string>) => {
    const res = await list(query).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return (res.body.items as { id: string }[]).map((a) => a.id).sort();
  };
  const named = (...names: string[]) => names.map((n) => rows[n]).sort();

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    const items = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body
      .items as { id: string }[];
    cards = [items[0].id, items[1].id];
    const admin = await newSession(ctx, 'admin');
    centreId = (await newAccreditedCentre(ctx, admin, cards)).id;
    manager = await newSession(ctx, 'centre_manager', [centreId]);
    // name: card, pathway, status, submitted (null: a draft, dated by its creation on 2026-03-05).
    const table: [string, number, string, string, string | null][] = [
      ['march1', 0, 'assessment', 'eligible', '2026-03-01T05:00:00Z'],
      ['march1Late', 0, 'recognition', 'ineligible', '2026-03-01T23:59:59Z'],
      ['march2', 1, 'recognition', 'eligible', '2026-03-02T00:00:00Z'],
      ['april', 1, 'assessment', 'decided', '2026-04-10T12:00:00Z'],
      ['draft', 0, 'recognition', 'draft', null],
    ];
    for (const [name, card, pathway, status, submittedAt] of table) {
      const candidate = await newUser(ctx, 'candidate');
      rows[name] = randomUUID();
      await ctx.dataSource.query(
        `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission,
                                  submitted_at, created_at)
         SELECT $1, $2, $3, c.id, c.standard_version_id, $5, $6, 1, $7, '2026-03-05T10:00:00Z'
           FROM profession_card c WHERE c.id = $4`,
        [rows[name], candidate.id, centreId, cards[card], pathway, status, submittedAt],
      );
    }
  });
  afterAll(() => ctx.close());

  it('filters by card and by pathway, alone and with the state', async () => {
    expect(await ids({})).toEqual(named('march1', 'march1Late', 'march2', 'april', 'draft'));
    expect(await ids({ cardId: cards[0] })).toEqual(named('march1', 'march1Late', 'draft'));
    expect(await ids({ cardId: cards[1] })).toEqual(named('march2', 'april'));
    expect(await ids({ pathway: 'recognition' })).toEqual(named('march1Late', 'march2', 'draft'));
    expect(await ids({ pathway: 'recognition', cardId: cards[0], status: 'ineligible' })).toEqual(named('march1Late'));
  });

  it('filters by the days of submission, both ends included, a draft by its creation', async () => {
    expect(await ids({ submittedFrom: '2026-03-01', submittedTo: '2026-03-01' })).toEqual(
      named('march1', 'march1Late'),
    );
    expect(await ids({ submittedFrom: '2026-03-02' })).toEqual(named('march2', 'april', 'draft'));
    expect(await ids({ submittedTo: '2026-03-05' })).toEqual(named('march1', 'march1Late', 'march2', 'draft'));
    expect(await ids({ submittedFrom: '2026-03-03', submittedTo: '2026-04-09' })).toEqual(named('draft'));
    expect(await ids({ submittedFrom: '2026-03-01', submittedTo: '2026-04-30', pathway: 'assessment' })).toEqual(
      named('march1', 'april'),
    );
    // A page of the filtered rows: the total is theirs.
    const page = await list({ cardId: cards[0], limit: '1' }).expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('refuses bad filters naming the field, and a reversed period with its code', async () => {
    const fieldsOf = async (query: Record<string, string>) => {
      const res = await list(query).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return (res.body.details.fields as { field: string }[]).map((f) => f.field);
    };
    expect(await fieldsOf({ cardId: 'card-1' })).toEqual(['cardId']);
    expect(await fieldsOf({ pathway: 'exam' })).toEqual(['pathway']);
    expect(await fieldsOf({ submittedFrom: '2026-02-30' })).toEqual(['submittedFrom']);
    expect(await fieldsOf({ submittedTo: '01.03.2026' })).toEqual(['submittedTo']);
    const reversed = await list({ submittedFrom: '2026-04-01', submittedTo: '2026-03-01' })
      .set('Accept-Language', 'ru')
      .expect(400);
    expect(reversed.body).toMatchObject({ code: 'PERIOD_REVERSED', message: 'Начало периода позже его конца.' });
    // The Kazakh message by default in these tests.
    expect((await list({ submittedFrom: '2026-04-01', submittedTo: '2026-03-01' }).expect(400)).body.message).toBe(
      'Кезеңнің басы оның соңынан кейін тұр.',
    );
  });
});
