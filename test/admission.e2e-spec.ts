import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EXPERIENCE_FIELDS } from '@qualcert/standards';
import { uploadEvidence } from './utils/exam-day';
import { bearer, eventually, newAccreditedCentre, newCandidate, newSession, TestSession } from './utils/fixtures';
import {
  addEducation,
  addEmployment,
  addLearning,
  confirmDocuments,
  documentCheck,
  giveVerdict,
} from './utils/records';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

interface Card {
  id: string;
  printedNumber: number;
  orkLevel: number;
}

interface Condition {
  kind: string;
  code: string;
  holds: boolean;
  confirmed: boolean;
  params: Record<string, unknown>;
  message: string;
}

interface Application {
  id: string;
  status: string;
  pathway: string;
  eligibility: {
    outcome: string;
    summary: string;
    pendingRecordIds: string[];
    notes: { code: string }[];
    routes: { index: number; kind: string; holds: boolean; confirmed: boolean; conditions: Condition[] }[];
  } | null;
}

/**
 * Admission as a centre applies it (issue 11, items 1–3), through the real API, worker,
 * PostgreSQL and Redis: experience fields as a tree, the informal route as a way in, and the
 * centre's check of the documents behind every record. Cards are named by their printed number.
 */
describe('admission: experience fields, the informal route and the document check', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let cards: Card[];
  let centre: { id: string };
  let otherCentre: { id: string };
  let manager: TestSession;
  let assessor: TestSession;
  const card = (printed: number) => cards.find((c) => c.printedNumber === printed) as Card;

  const read = (who: TestSession, id: string): Promise<Application> =>
    request(server)
      .get(`/api/v1/applications/${id}`)
      .set(...bearer(who))
      .set('Accept-Language', 'en')
      .then((r) => r.body as Application);

  async function submit(
    candidate: TestSession,
    printed: number,
    pathway = 'assessment',
    before?: (id: string) => Promise<void>,
  ) {
    const created = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId: card(printed).id, pathway })
      .expect(201);
    if (before) await before(created.body.id);
    await request(server)
      .post(`/api/v1/applications/${created.body.id}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    return eventually(
      () => read(candidate, created.body.id),
      (a) => a.status !== 'submitted',
    );
  }

  const route = (app: Application, kind: string) => app.eligibility?.routes.find((r) => r.kind === kind);

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    cards = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body.items;
    const admin = await newSession(ctx, 'admin');
    centre = await newAccreditedCentre(
      ctx,
      admin,
      cards.map((c) => c.id),
    );
    otherCentre = await newAccreditedCentre(
      ctx,
      admin,
      cards.map((c) => c.id),
    );
    manager = await newSession(ctx, 'centre_manager', [centre.id]);
    assessor = await newSession(ctx, 'assessor', [centre.id]);
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  describe('fields of activity', () => {
    it('are a public tree: call and contact centres within remote consulting, within reference services', async () => {
      const res = await request(server).get('/api/v1/fields').expect(200);
      expect(res.body.map((f: { code: string; parentCode: string | null }) => [f.code, f.parentCode])).toEqual([
        ['reference_information_services', null],
        ['remote_information_consulting', 'reference_information_services'],
        ['contact_centre', 'remote_information_consulting'],
        ['call_centre', 'remote_information_consulting'],
        ['other', null],
      ]);
      expect(res.body[1].names).toEqual({
        kk: 'қашықтан ақпараттық-консультациялық қызмет көрсету',
        ru: 'дистанционное информационно-консультационное обслуживание',
        en: 'remote information and consulting services',
      });
      // Every field the prerequisite parser reads from a standard's text is a node of the tree.
      const codes = res.body.map((f: { code: string }) => f.code);
      for (const field of Object.keys(EXPERIENCE_FIELDS)) expect(codes).toContain(field);
    });

    it('card 18: a master’s degree and 8 years in a call centre now admit (the narrower field counts)', async () => {
      const candidate = await newCandidate(ctx);
      await addEducation(ctx, candidate, { level: 'postgraduate', institution: 'КазНУ им. аль-Фараби' });
      const job = await addEmployment(ctx, candidate, {
        field: 'call_centre',
        startDate: '2016-01-01',
        endDate: '2023-12-31',
        employer: 'ТОО «Колл-центр 1414»',
      });
      const app = await submit(candidate, 18);
      expect(app.status).toBe('awaiting_documents');
      const formal = route(app, 'formal');
      expect(formal).toMatchObject({ holds: true, confirmed: false });
      const experience = formal?.conditions.find((c) => c.kind === 'experience') as Condition;
      expect(experience).toMatchObject({
        code: 'experience_met',
        params: { field: 'reference_information_services', monthsRequired: 60, months: 96, recordIds: [job.id] },
      });
      // The explanation names the field asked for and the job that counted.
      expect(experience.message).toContain('needs 60 months in reference and information services, has 96');
      expect(experience.message).toContain('ТОО «Колл-центр 1414», Оператор, 2016-01-01…2023-12-31');

      const checked = await confirmDocuments(ctx, manager, app.id);
      expect(checked.status).toBe('eligible');
      expect((await read(candidate, app.id)).eligibility?.summary).toMatch(/^Eligible by route 1 \(formal\)/);
    });

    it('card 10: years in the broader field do not count for a narrower requirement', async () => {
      const candidate = await newCandidate(ctx);
      await addEducation(ctx, candidate, { level: 'tvet_specialist' });
      await addEmployment(ctx, candidate, {
        field: 'reference_information_services',
        startDate: '2019-01-01',
        endDate: '2022-12-31',
      });
      const app = await submit(candidate, 10);
      expect(app.status).toBe('ineligible');
      const experience = route(app, 'formal')?.conditions.find((c) => c.kind === 'experience');
      expect(experience).toMatchObject({
        code: 'experience_short',
        params: { field: 'remote_information_consulting', months: 0, recordIds: [] },
        message: 'needs 12 months in remote information and consulting services, has 0',
      });
    });
  });

  describe('the informal-learning route', () => {
    it('card 10: a course certificate and three years’ experience admit on the exam pathway', async () => {
      const candidate = await newCandidate(ctx);
      await addLearning(ctx, candidate, { title: 'Оператор контакт-центра (72 часа)' });
      await addEmployment(ctx, candidate, { field: 'contact_centre', startDate: '2021-01-01', endDate: '2023-12-31' });
      const app = await submit(candidate, 10, 'assessment');
      expect(app).toMatchObject({ pathway: 'assessment', status: 'awaiting_documents' });
      expect(route(app, 'formal')?.holds).toBe(false);
      expect(route(app, 'informal')).toMatchObject({ holds: true, confirmed: false });
      await confirmDocuments(ctx, manager, app.id);
      const admitted = await read(candidate, app.id);
      expect(admitted.status).toBe('eligible');
      expect(route(admitted, 'informal')).toMatchObject({ holds: true, confirmed: true });
      expect(admitted.eligibility?.summary).toMatch(/^Eligible by route 2 \(informal\)/);
    });

    it('card 10: the course without the year of experience does not', async () => {
      const candidate = await newCandidate(ctx);
      await addLearning(ctx, candidate);
      await addEmployment(ctx, candidate, { field: 'call_centre', startDate: '2024-01-01', endDate: '2024-06-30' });
      const app = await submit(candidate, 10, 'recognition');
      expect(app.status).toBe('ineligible');
      expect(
        route(app, 'informal')
          ?.conditions.filter((c) => !c.holds)
          .map((c) => c.code),
      ).toEqual(['experience_short']);
    });

    it('card 11 has no informal route, and the explanation says so', async () => {
      const candidate = await newCandidate(ctx);
      await addLearning(ctx, candidate, { kind: 'employer_reference', issuer: 'АО «Казахтелеком»' });
      await addEmployment(ctx, candidate, { field: 'call_centre', startDate: '2019-01-01', endDate: '2023-12-31' });
      const app = await submit(candidate, 11, 'recognition');
      expect(app.status).toBe('ineligible');
      expect(app.eligibility?.routes.map((r) => r.kind)).toEqual(['formal']);
      expect(app.eligibility?.notes.map((n) => n.code)).toEqual(['no_informal_route']);
      expect(app.eligibility?.summary).toContain(
        'The card admits no one through non-formal or informal learning: its informal-learning cell is empty.',
      );
    });

    it('card 8: one evidence file claimed for a skill no longer admits anyone', async () => {
      const candidate = await newCandidate(ctx);
      const detail = (
        await request(server)
          .get(`/api/v1/cards/${card(8).id}`)
          .expect(200)
      ).body;
      const recommended = detail.functions
        .flatMap((f: { skills: { id: string; recognition: string }[] }) => f.skills)
        .find((s: { recognition: string }) => s.recognition === 'recommended');
      const app = await submit(candidate, 8, 'recognition', async (id) => {
        const file = await uploadEvidence(ctx, candidate, 'фото');
        await request(server)
          .post(`/api/v1/applications/${id}/claims`)
          .set(...bearer(candidate))
          .send({ evidenceId: file.id, skillIds: [recommended.id] })
          .expect(201);
      });
      expect(app.status).toBe('ineligible');
      expect(route(app, 'informal')?.conditions.find((c) => c.kind === 'learning')).toMatchObject({
        code: 'learning_missing',
        holds: false,
      });

      // A learning record with its document is what the route asks for.
      await addLearning(ctx, candidate);
      await request(server)
        .post(`/api/v1/applications/${app.id}/submit`)
        .set(...bearer(candidate))
        .expect(200);
      const again = await eventually(
        () => read(candidate, app.id),
        (a) => a.status !== 'submitted',
      );
      expect(again.status).toBe('awaiting_documents');
    });
  });

  describe('the centre’s document check', () => {
    /** ТиПО and 14 months in a call centre for card 10, submitted: it awaits the check of both. */
    async function waiting() {
      const candidate = await newCandidate(ctx);
      const diploma = await addEducation(ctx, candidate, { level: 'tvet_specialist', institution: 'Колледж связи' });
      const job = await addEmployment(ctx, candidate, {
        field: 'call_centre',
        startDate: '2022-01-01',
        endDate: '2023-02-28',
      });
      const app = await submit(candidate, 10);
      expect(app.status).toBe('awaiting_documents');
      expect([...(app.eligibility?.pendingRecordIds ?? [])].sort()).toEqual([diploma.id, job.id].sort());
      return { candidate, diploma, job, app };
    }

    it('admits only on confirmed records: an unconfirmed one keeps the application waiting', async () => {
      const { candidate, diploma, job, app } = await waiting();
      const first = await giveVerdict(ctx, manager, app.id, diploma.id, 'confirmed').expect(200);
      expect(first.body).toMatchObject({ status: 'awaiting_documents', pendingRecordIds: [job.id] });
      const after = await read(candidate, app.id);
      expect(after.status).toBe('awaiting_documents');
      expect(route(after, 'formal')?.conditions.map((c) => [c.kind, c.confirmed])).toEqual([
        ['education', true],
        ['experience', false],
      ]);
      // An assessor of the centre completes the check.
      const last = await giveVerdict(
        ctx,
        assessor,
        app.id,
        job.id,
        'confirmed',
        'Справка с места работы сверена',
      ).expect(200);
      expect(last.body.status).toBe('eligible');
      expect((await read(candidate, app.id)).status).toBe('eligible');
    });

    it('re-runs eligibility through the worker on a rejection, ending ineligible with the record named', async () => {
      const { candidate, diploma, app } = await waiting();
      const rejected = await giveVerdict(
        ctx,
        manager,
        app.id,
        diploma.id,
        'rejected',
        'Скан диплома нечитаем, номер не виден',
      ).expect(200);
      expect(rejected.body.pendingRecordIds).not.toContain(diploma.id);
      expect(rejected.body.records.find((r: { id: string }) => r.id === diploma.id).check).toMatchObject({
        status: 'rejected',
        reason: 'Скан диплома нечитаем, номер не виден',
      });
      const refused = await eventually(
        () => read(candidate, app.id),
        (a) => a.status !== 'awaiting_documents',
      );
      expect(refused.status).toBe('ineligible');
      const education = route(refused, 'formal')?.conditions.find((c) => c.kind === 'education');
      expect(education).toMatchObject({ code: 'education_not_met', params: { rejectedRecordIds: [diploma.id] } });
      expect(education?.message).toContain(
        'not counted: the centre rejected the document of "ТиПО (специалист среднего звена), Колледж связи, 2016": ' +
          'Скан диплома нечитаем, номер не виден',
      );
      // The candidate sees the verdict and its reason on the record itself.
      const own = await request(server)
        .get('/api/v1/candidates/me/education')
        .set(...bearer(candidate))
        .expect(200);
      expect(own.body[0].check).toMatchObject({
        status: 'rejected',
        reason: 'Скан диплома нечитаем, номер не виден',
        applicationId: app.id,
        checkedBy: manager.id,
      });
      const [audit] = await ctx.dataSource.query(
        "SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'application.document_checked'",
        [app.id],
      );
      expect(audit).toMatchObject({
        actor_id: manager.id,
        before: { recordId: diploma.id, status: 'pending' },
        after: { recordId: diploma.id, status: 'rejected', reason: 'Скан диплома нечитаем, номер не виден' },
      });
    });

    it('keeps waiting after a rejection when another record may still admit', async () => {
      const { candidate, diploma, app } = await waiting();
      const second = await addEducation(ctx, candidate, { level: 'higher', institution: 'ЕНУ им. Гумилёва' });
      await giveVerdict(ctx, manager, app.id, diploma.id, 'rejected', 'Диплом выдан на другое имя').expect(200);
      // The new record and the rejection are both re-checked by the worker: it waits for the diploma of ЕНУ.
      // Two re-checks: the one the new record starts may read the diploma before the verdict and
      // still say it is pending; the poll waits for the one that saw the rejection.
      const after = await eventually(
        () => read(candidate, app.id),
        (a) =>
          a.eligibility?.pendingRecordIds.includes(second.id) === true &&
          !a.eligibility.pendingRecordIds.includes(diploma.id),
      );
      expect(after.status).toBe('awaiting_documents');
      expect(after.eligibility?.pendingRecordIds).not.toContain(diploma.id);
    });

    it('carries a confirmation to the candidate’s next application until the record changes', async () => {
      const { candidate, app } = await waiting();
      await confirmDocuments(ctx, manager, app.id);
      // Card 12 asks for the same as card 10: every record it rests on is already confirmed.
      const next = await submit(candidate, 12);
      expect(next.status).toBe('eligible');

      // An edit puts the record's check back to pending (an identical PUT does not).
      const [record] = (
        await request(server)
          .get('/api/v1/candidates/me/education')
          .set(...bearer(candidate))
          .expect(200)
      ).body;
      const body = {
        level: record.level,
        institution: record.institution,
        graduationYear: record.graduationYear,
        documentRef: record.documentRef,
        documentId: record.documentId,
      };
      const same = await request(server)
        .put(`/api/v1/candidates/me/education/${record.id}`)
        .set(...bearer(candidate))
        .send(body)
        .expect(200);
      expect(same.body.check.status).toBe('confirmed');
      const edited = await request(server)
        .put(`/api/v1/candidates/me/education/${record.id}`)
        .set(...bearer(candidate))
        .send({ ...body, documentRef: 'ТКБ 7654321' })
        .expect(200);
      expect(edited.body.check).toEqual({
        status: 'pending',
        reason: null,
        checkedAt: null,
        checkedBy: null,
        applicationId: null,
      });
      const third = await submit(candidate, 11);
      expect(third.status).toBe('awaiting_documents');
      expect(third.eligibility?.pendingRecordIds).toEqual([record.id]);
    });

    it('checks again when the candidate removes a record the application waits on', async () => {
      const { candidate, job, app } = await waiting();
      await request(server)
        .delete(`/api/v1/candidates/me/employment/${job.id}`)
        .set(...bearer(candidate))
        .expect(204);
      const after = await eventually(
        () => read(candidate, app.id),
        (a) => a.status !== 'awaiting_documents',
      );
      expect(after.status).toBe('ineligible');
    });

    it('refuses staff of another centre (404), candidates (403) and verdicts out of turn (409)', async () => {
      const { candidate, diploma, app } = await waiting();
      const strangerManager = await newSession(ctx, 'centre_manager', [otherCentre.id]);
      const strangerAssessor = await newSession(ctx, 'assessor', [otherCentre.id]);
      for (const stranger of [strangerManager, strangerAssessor]) {
        await giveVerdict(ctx, stranger, app.id, diploma.id, 'confirmed').expect(404);
        await request(server)
          .get(`/api/v1/applications/${app.id}/documents`)
          .set(...bearer(stranger))
          .expect(404);
      }
      await giveVerdict(ctx, candidate, app.id, diploma.id, 'confirmed').expect(403);
      const other = await newCandidate(ctx);
      await request(server)
        .get(`/api/v1/applications/${app.id}/documents`)
        .set(...bearer(other))
        .expect(404);
      const own = await documentCheck(ctx, candidate, app.id);
      expect(own.records.map((r) => r.id)).toContain(diploma.id);

      // A record that is not the candidate's is not found; nothing is written.
      const foreign = await addEducation(ctx, other, { level: 'higher' });
      const notFound = await giveVerdict(ctx, manager, app.id, foreign.id, 'confirmed').expect(404);
      expect(notFound.body).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'Record' } });

      // Bad input: 400 naming the field, nothing written.
      const audits = async () =>
        (
          await ctx.dataSource.query(
            "SELECT COUNT(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'application.document_checked'",
            [app.id],
          )
        )[0].n as number;
      const before = await audits();
      const noReason = await giveVerdict(ctx, manager, app.id, diploma.id, 'rejected').expect(400);
      expect(noReason.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
      const short = await giveVerdict(ctx, manager, app.id, diploma.id, 'rejected', 'плохо').expect(400);
      expect(short.body.details.fields[0].field).toBe('reason');
      const odd = await request(server)
        .put(`/api/v1/applications/${app.id}/documents/${diploma.id}`)
        .set(...bearer(manager))
        .send({ verdict: 'maybe' })
        .expect(400);
      expect(odd.body.details.fields[0].field).toBe('verdict');
      expect(await audits()).toBe(before);
      expect((await documentCheck(ctx, manager, app.id)).records.find((r) => r.id === diploma.id)?.check.status).toBe(
        'pending',
      );

      // Once admitted, the check is closed.
      await confirmDocuments(ctx, manager, app.id);
      const closed = await giveVerdict(
        ctx,
        manager,
        app.id,
        diploma.id,
        'rejected',
        'Передумали после проверки',
      ).expect(409);
      expect(closed.body).toMatchObject({ code: 'DOCUMENT_CHECK_CLOSED', details: { currentStatus: 'eligible' } });
    });

    it('refuses to confirm a record that has no document (one made before documents were required)', async () => {
      const { candidate, app } = await waiting();
      const [legacy] = await ctx.dataSource.query(
        `INSERT INTO candidate_education (id, candidate_id, level, institution, graduation_year, document_ref)
         VALUES (gen_random_uuid(), $1, 'higher', 'КарГУ', 2010, 'ЖБ 1') RETURNING id`,
        [candidate.id],
      );
      const refused = await giveVerdict(ctx, manager, app.id, legacy.id, 'confirmed').expect(409);
      expect(refused.body).toMatchObject({ code: 'DOCUMENT_MISSING', details: { fields: [{ field: 'verdict' }] } });
      await giveVerdict(ctx, manager, app.id, legacy.id, 'rejected', 'Документ не приложен к записи').expect(200);
    });
  });
});
