import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, newAccreditedCentre, newCentre, newSession, TestSession } from './utils/fixtures';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

interface Skill {
  id: string;
  number: number;
  title: string;
  abilities: { id: string }[];
  knowledge: { id: string }[];
}

describe('qualification programs and the item bank', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;
  let manager: TestSession;
  let centreId: string;
  let cardId: string;
  let mandatory: Skill[];
  let additional: Skill[];
  let numbers: Map<string, string>;

  const question = (skill: Skill, i = 0) => ({
    skillId: skill.id,
    type: 'single',
    text: `Какой порядок действий оператора верен? (${i})`,
    options: ['Выслушать клиента и уточнить запрос', 'Сразу перевести звонок', 'Завершить разговор'],
    correctOptions: [0],
    explanation: 'Сначала выявляется потребность клиента',
    knowledgeItemId: skill.knowledge[0]?.id,
  });

  // One question a skill is fair only with no per-skill floor (one slip would fail the skill).
  async function coveredDraft(questionsPerSkill = 1, skillFloorPercent = questionsPerSkill === 1 ? 0 : 50) {
    const program = await request(server)
      .post(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .send({ cardId, questionsPerSkill, skillFloorPercent })
      .expect(201);
    for (const skill of mandatory) {
      await request(server)
        .post(`/api/v1/programs/${program.body.id}/tasks`)
        .set(...bearer(manager))
        .send({
          skillId: skill.id,
          text: 'Обработать обращение клиента по сценарию центра',
          abilityIds: [skill.abilities[0].id],
        })
        .expect(201);
    }
    return program.body as { id: string };
  }

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    const cards = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200))
      .body.items;
    cardId = cards[0].id;
    const card = (await request(server).get(`/api/v1/cards/${cardId}`).expect(200)).body;
    mandatory = card.functions
      .filter((f: { kind: string }) => f.kind === 'mandatory')
      .flatMap((f: { skills: Skill[] }) => f.skills);
    numbers = new Map(
      card.functions.flatMap((f: { number: number; skills: Skill[] }) =>
        f.skills.map((s) => [s.id, `${f.number}.${s.number}`] as const),
      ),
    );
    additional = card.functions
      .filter((f: { kind: string }) => f.kind === 'additional')
      .flatMap((f: { skills: Skill[] }) => f.skills);
    admin = await newSession(ctx, 'admin');
  });
  beforeEach(async () => {
    centreId = (await newAccreditedCentre(ctx, admin, [cardId])).id;
    manager = await newSession(ctx, 'centre_manager', [centreId]);
  });
  afterAll(() => ctx.close());

  it('creates a draft with the default settings', async () => {
    const res = await request(server)
      .post(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .send({ cardId })
      .expect(201);
    expect(res.body).toMatchObject({
      version: 1,
      status: 'draft',
      questionsPerSkill: 3,
      passMarkPercent: 70,
      skillFloorPercent: 50,
      assessorsPerSession: 2,
      certificateValidityMonths: 60,
      creditValidityMonths: 12,
      appealWindowDays: 10,
      readiness: { ready: false },
    });
    expect(res.body.readiness.missing).toHaveLength(mandatory.length);
    await request(server)
      .post(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .send({ cardId })
      .expect(409);
  });

  it('refuses a program for a card the centre is not accredited for', async () => {
    const bare = await newCentre(ctx, admin);
    const res = await request(server)
      .post(`/api/v1/centres/${bare.id}/programs`)
      .set(...bearer(admin))
      .send({ cardId })
      .expect(409);
    expect(res.body.code).toBe('CENTRE_NOT_ACCREDITED');
  });

  it('activates only once every mandatory skill has a task and enough active questions', async () => {
    const program = await coveredDraft(2);
    const notYet = await request(server)
      .post(`/api/v1/programs/${program.id}/activate`)
      .set(...bearer(manager))
      .expect(422);
    expect(notYet.body.code).toBe('PROGRAM_NOT_READY');
    expect(notYet.body.details.missing).toHaveLength(mandatory.length);

    const imported = await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: mandatory.flatMap((s) => [question(s, 1), question(s, 2)]) })
      .expect(201);
    expect(imported.body.imported).toBe(mandatory.length * 2);
    // Additional skills are not required for activation.
    expect(additional.length).toBeGreaterThan(0);
    const active = await request(server)
      .post(`/api/v1/programs/${program.id}/activate`)
      .set(...bearer(manager))
      .expect(200);
    expect(active.body).toMatchObject({ status: 'active', readiness: { ready: true } });

    // Retiring a question takes a skill below the count the program needs.
    const bank = await request(server)
      .get(`/api/v1/centres/${centreId}/questions`)
      .query({ cardId, skillId: mandatory[0].id })
      .set(...bearer(manager))
      .expect(200);
    await request(server)
      .post(`/api/v1/questions/${bank.body[0].id}/retire`)
      .set(...bearer(manager))
      .expect(200);
    const after = await request(server)
      .get(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .expect(200);
    expect(after.body.readiness.missing.map((m: { skillId: string }) => m.skillId)).toEqual([mandatory[0].id]);
  });

  it('says what is missing in the caller’s language, naming each skill by its number and title', async () => {
    const program = await coveredDraft(2);
    const [first] = mandatory;
    const name = `${numbers.get(first.id)} «${first.title}»`;
    const activate = (language: string) =>
      request(server)
        .post(`/api/v1/programs/${program.id}/activate`)
        .set(...bearer(manager))
        .set('Accept-Language', language)
        .expect(422);
    const kk = await activate('kk');
    expect(kk.body.code).toBe('PROGRAM_NOT_READY');
    expect(kk.body.message).toMatch(/^Бағдарлама әлі мына дағдыларды қамтымайды/);
    expect(kk.body.message).toContain(name);
    const reason = kk.body.details.missing[0].reasons[0];
    expect(reason).toMatchObject({ code: 'SKILL_HAS_TOO_FEW_QUESTIONS', params: { questions: 0, needed: 2 } });
    expect(reason.message).toBe(`${name} дағдысы: қажетті 2 белсенді сұрақтың 0 бар`);
    const ru = await activate('ru');
    expect(ru.body.message).toMatch(/^Программа ещё не охватывает навыки/);
    expect(ru.body.details.missing[0].reasons[0].message).toBe(
      `навык ${numbers.get(first.id)} «${first.title}»: активных вопросов 0 из 2 нужных`,
    );
    // The program's own readiness reads the same way.
    const read = await request(server)
      .get(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .set('Accept-Language', 'kk')
      .expect(200);
    expect(read.body.readiness.missing[0].reasons[0].message).toBe(reason.message);
  });

  it('refuses to activate settings under which one wrong answer fails a skill (422, both fields named, nothing changed)', async () => {
    const program = await coveredDraft(3, 70);
    await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: mandatory.flatMap((s) => [question(s, 1), question(s, 2), question(s, 3)]) })
      .expect(201);
    const draft = await request(server)
      .get(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .expect(200);
    expect(draft.body.readiness).toMatchObject({
      ready: false,
      missing: [],
      settings: [
        {
          code: 'SETTINGS_ONE_WRONG_ANSWER_FAILS_SKILL',
          params: { questionsPerSkill: 3, skillFloorPercent: 70 },
          fields: ['questionsPerSkill', 'skillFloorPercent'],
        },
      ],
    });
    const refused = await request(server)
      .post(`/api/v1/programs/${program.id}/activate`)
      .set(...bearer(manager))
      .expect(422);
    expect(refused.body.code).toBe('PROGRAM_SETTINGS_TOO_STRICT');
    expect(refused.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'questionsPerSkill',
      'skillFloorPercent',
    ]);
    const still = await request(server)
      .get(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .expect(200);
    expect(still.body).toMatchObject({ status: 'draft', activatedAt: null });

    // The floor at which 2 of 3 still reaches it: activation goes through.
    await request(server)
      .patch(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .send({ skillFloorPercent: 66 })
      .expect(200);
    await request(server)
      .post(`/api/v1/programs/${program.id}/activate`)
      .set(...bearer(manager))
      .expect(200);
  });

  it('refuses a floor outside 0–100 with the field named, writing nothing', async () => {
    for (const skillFloorPercent of [-1, 101, 'half', 50.5]) {
      const res = await request(server)
        .post(`/api/v1/centres/${centreId}/programs`)
        .set(...bearer(manager))
        .send({ cardId, skillFloorPercent })
        .expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('skillFloorPercent');
    }
    const list = await request(server)
      .get(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .expect(200);
    expect(list.body).toEqual([]);
  });

  it('versions an active program on change; the old version is superseded on activation', async () => {
    const program = await coveredDraft();
    await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: mandatory.map((s) => question(s)) })
      .expect(201);
    await request(server)
      .post(`/api/v1/programs/${program.id}/activate`)
      .set(...bearer(manager))
      .expect(200);
    const changed = await request(server)
      .patch(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .send({ passMarkPercent: 80 })
      .expect(200);
    expect(changed.body).toMatchObject({ version: 2, status: 'draft', passMarkPercent: 80 });
    expect(changed.body.id).not.toBe(program.id);
    expect(changed.body.tasks).toHaveLength(mandatory.length);
    const v1 = await request(server)
      .get(`/api/v1/programs/${program.id}`)
      .set(...bearer(manager))
      .expect(200);
    expect(v1.body).toMatchObject({ status: 'active', passMarkPercent: 70 });
    await request(server)
      .post(`/api/v1/programs/${program.id}/tasks`)
      .set(...bearer(manager))
      .send({
        skillId: mandatory[0].id,
        text: 'Ещё одно задание для навыка',
        abilityIds: [mandatory[0].abilities[0].id],
      })
      .expect(409);
    await request(server)
      .post(`/api/v1/programs/${changed.body.id}/activate`)
      .set(...bearer(manager))
      .expect(200);
    const list = await request(server)
      .get(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .expect(200);
    expect(list.body.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
  });

  it('checks questions: 2–8 options, one correct for single choice, the skill’s own knowledge item', async () => {
    const base = { cardId, ...question(mandatory[0]) };
    const two = await request(server)
      .post(`/api/v1/centres/${centreId}/questions`)
      .set(...bearer(manager))
      .send({ ...base, correctOptions: [0, 1] })
      .expect(422);
    expect(two.body).toMatchObject({ code: 'QUESTION_INVALID', details: { fields: [{ field: 'correctOptions' }] } });
    const one = await request(server)
      .post(`/api/v1/centres/${centreId}/questions`)
      .set(...bearer(manager))
      .send({ ...base, options: ['только один'] })
      .expect(400);
    expect(one.body.details.fields[0].field).toBe('options');
    const wrongKnowledge = await request(server)
      .post(`/api/v1/centres/${centreId}/questions`)
      .set(...bearer(manager))
      .send({ ...base, knowledgeItemId: mandatory[1].knowledge[0].id })
      .expect(422);
    expect(wrongKnowledge.body.details.fields[0].field).toBe('knowledgeItemId');
    const multiple = await request(server)
      .post(`/api/v1/centres/${centreId}/questions`)
      .set(...bearer(manager))
      .send({ ...base, type: 'multiple', correctOptions: [0, 2] })
      .expect(201);
    expect(multiple.body).toMatchObject({ version: 1, type: 'multiple', correctOptions: [0, 2] });
  });

  it('imports all or nothing, exports in the import format, and revises by new versions', async () => {
    const bad = await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: [question(mandatory[0]), { ...question(mandatory[1]), correctOptions: [5] }] })
      .expect(422);
    expect(bad.body.details.fields[0].field).toBe('questions[1].correctOptions');
    const none = await request(server)
      .get(`/api/v1/centres/${centreId}/questions`)
      .query({ cardId })
      .set(...bearer(manager))
      .expect(200);
    expect(none.body).toEqual([]);

    await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: [question(mandatory[0])] })
      .expect(201);
    const exported = await request(server)
      .get(`/api/v1/centres/${centreId}/questions/export`)
      .query({ cardId })
      .set(...bearer(manager))
      .expect(200);
    expect(exported.body.questions).toHaveLength(1);
    const { id, ...rest } = exported.body.questions[0];
    const revised = await request(server)
      .put(`/api/v1/questions/${id}`)
      .set(...bearer(manager))
      .send({
        type: rest.type,
        text: `${rest.text} (уточнено)`,
        options: rest.options,
        correctOptions: rest.correctOptions,
      })
      .expect(200);
    expect(revised.body).toMatchObject({ version: 2, text: expect.stringContaining('уточнено') });
    const versions = await ctx.dataSource.query(
      'SELECT version FROM question_version WHERE question_id = $1 ORDER BY version',
      [id],
    );
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    // The exported file imports back as it is.
    const reimport = exported.body.questions.map(
      ({ skillId, type, text, options, correctOptions }: Record<string, unknown>) => ({
        skillId,
        type,
        text,
        options,
        correctOptions,
      }),
    );
    await request(server)
      .post(`/api/v1/centres/${centreId}/questions/import`)
      .set(...bearer(manager))
      .send({ cardId, questions: reimport })
      .expect(201);
  });

  it('keeps each centre’s bank and programs to itself (404)', async () => {
    const program = await request(server)
      .post(`/api/v1/centres/${centreId}/programs`)
      .set(...bearer(manager))
      .send({ cardId })
      .expect(201);
    const stranger = await newSession(ctx, 'centre_manager', [(await newCentre(ctx, admin)).id]);
    await request(server)
      .get(`/api/v1/programs/${program.body.id}`)
      .set(...bearer(stranger))
      .expect(404);
    await request(server)
      .patch(`/api/v1/programs/${program.body.id}`)
      .set(...bearer(stranger))
      .send({ passMarkPercent: 50 })
      .expect(404);
    await request(server)
      .get(`/api/v1/centres/${centreId}/questions`)
      .query({ cardId })
      .set(...bearer(stranger))
      .expect(404);
  });
});
