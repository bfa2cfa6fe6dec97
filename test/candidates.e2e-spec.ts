import request from 'supertest';
import type { App } from 'supertest/types';
import { makeIin } from '@qualcert/candidates';
import { uploadEvidence } from './utils/exam-day';
import { bearer, newCandidate, newSession } from './utils/fixtures';
import { addEducation, addEmployment } from './utils/records';
import { createTestApp, TestContext } from './utils/test-app';

describe('candidate profile and records', () => {
  let ctx: TestContext;
  let server: App;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  it('keeps a profile whose ИИН agrees with the birth date and sex', async () => {
    const candidate = await newSession(ctx, 'candidate');
    await request(server)
      .get('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .expect(404);
    const iin = makeIin('1992-11-03', 'male', 4000 + Math.floor(Math.random() * 5000));
    const res = await request(server)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .send({ iin, birthDate: '1992-11-03', sex: 'male', phone: '+7 701 111 22 33' })
      .expect(200);
    expect(res.body).toMatchObject({ userId: candidate.id, iin, iinMasked: false, sex: 'male', experience: [] });
    const updated = await request(server)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .send({ iin, birthDate: '1992-11-03', sex: 'male', address: 'г. Караганда' })
      .expect(200);
    expect(updated.body.address).toBe('г. Караганда');
    const [record] = await ctx.dataSource.query(
      "SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'candidate.profile_created'",
      [candidate.id],
    );
    expect(JSON.stringify(record.after)).not.toContain(iin);
    expect(record.after.iin).toBe(`${iin.slice(0, 4)}******${iin.slice(10)}`);
  });

  it.each([
    ['not 12 digits', '12345', '1992-11-03', 'male', 400, 'VALIDATION_FAILED'],
    ['a wrong check digit', 'CHECK', '1992-11-03', 'male', 422, 'INVALID_IIN'],
    ['another birth date', 'DATE', '1992-11-04', 'male', 422, 'INVALID_IIN'],
    ['another sex', 'SEX', '1992-11-03', 'female', 422, 'INVALID_IIN'],
  ])('refuses an ИИН with %s', async (_label, kind, birthDate, sex, status, code) => {
    const candidate = await newSession(ctx, 'candidate');
    const valid = makeIin('1992-11-03', 'male', 77);
    const iin =
      kind === 'CHECK'
        ? valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10)
        : kind === 'DATE' || kind === 'SEX'
          ? valid
          : kind;
    const res = await request(server)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .send({ iin, birthDate, sex })
      .expect(status);
    expect(res.body).toMatchObject({ code, details: { fields: [{ field: 'iin' }] } });
  });

  it('lets a second account declare an ИИН another one declares, for the centre to resolve', async () => {
    const first = await newCandidate(ctx, '1988-07-21', 'female');
    const second = await newSession(ctx, 'candidate');
    const res = await request(server)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(second))
      .send({ iin: first.iin, birthDate: '1988-07-21', sex: 'female' })
      .expect(200);
    expect(res.body).toMatchObject({ userId: second.id, iin: first.iin });
    // Neither candidate is told: that would say whose the ИИН is (test/abuse/iin-oracle.e2e-spec.ts).
    expect(res.body).not.toHaveProperty('iinAlsoDeclaredElsewhere');
    const own = await request(server)
      .get('/api/v1/candidates/me/profile')
      .set(...bearer(first))
      .expect(200);
    expect(own.body).toMatchObject({ iin: first.iin });
    expect(own.body).not.toHaveProperty('iinAlsoDeclaredElsewhere');
  });

  it('counts experience per field of the tree, narrower fields within broader ones, overlaps merged', async () => {
    const candidate = await newCandidate(ctx);
    await addEmployment(ctx, candidate, { field: 'call_centre', startDate: '2022-01-01', endDate: '2022-12-31' });
    await addEmployment(ctx, candidate, {
      field: 'remote_information_consulting',
      startDate: '2022-07-01',
      endDate: '2023-06-30',
    });
    await addEmployment(ctx, candidate, {
      field: 'reference_information_services',
      startDate: '2023-07-01',
      endDate: '2023-12-31',
    });
    await addEmployment(ctx, candidate, { field: 'other', startDate: '2019-01-01', endDate: '2019-12-31' });
    const profile = await request(server)
      .get('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .expect(200);
    // In tree order; nothing is confirmed yet.
    expect(profile.body.experience).toEqual([
      {
        field: 'reference_information_services',
        label: 'справочно-информационные службы',
        months: 24,
        confirmedMonths: 0,
      },
      {
        field: 'remote_information_consulting',
        label: 'дистанционное информационно-консультационное обслуживание',
        months: 18,
        confirmedMonths: 0,
      },
      { field: 'call_centre', label: 'колл-центр', months: 12, confirmedMonths: 0 },
      { field: 'other', label: 'другая сфера деятельности', months: 12, confirmedMonths: 0 },
    ]);
  });

  it('refuses future dates, an end before the start, unknown fields and a document not one’s own', async () => {
    const candidate = await newCandidate(ctx);
    const document = await uploadEvidence(ctx, candidate, 'справка');
    const add = (body: object) =>
      request(server)
        .post('/api/v1/candidates/me/employment')
        .set(...bearer(candidate))
        .send({
          employer: 'ТОО',
          position: 'Оператор',
          documentRef: 'Справка',
          field: 'other',
          documentId: document.id,
          ...body,
        });
    const future = await add({ startDate: '2999-01-01' }).expect(400);
    expect(future.body.details.fields[0].field).toBe('startDate');
    const backwards = await add({ startDate: '2022-05-01', endDate: '2022-04-30' }).expect(400);
    expect(backwards.body.details.fields[0].field).toBe('endDate');
    const notADate = await add({ startDate: '2022-02-30' }).expect(400);
    expect(notADate.body.details.fields[0].field).toBe('startDate');
    const unknown = await add({ startDate: '2022-01-01', field: 'astronomy' }).expect(400);
    expect(unknown.body.details.fields[0].field).toBe('field');
    const malformed = await add({ startDate: '2022-01-01', field: 'Call Centre!' }).expect(400);
    expect(malformed.body.details.fields[0].field).toBe('field');
    const someoneElses = await uploadEvidence(ctx, await newCandidate(ctx), 'чужая справка');
    const foreign = await add({ startDate: '2022-01-01', documentId: someoneElses.id }).expect(404);
    expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', details: { fields: [{ field: 'documentId' }] } });
    const education = await request(server)
      .post('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .send({ level: 'phd', institution: 'X', graduationYear: 3000, documentRef: 'Y' })
      .expect(400);
    expect(education.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'documentId',
      'documentRef',
      'graduationYear',
      'institution',
      'level',
    ]);
    const [{ n }] = await ctx.dataSource.query(
      'SELECT (SELECT COUNT(*) FROM candidate_employment WHERE candidate_id = $1) + (SELECT COUNT(*) FROM candidate_education WHERE candidate_id = $1) AS n',
      [candidate.id],
    );
    expect(Number(n)).toBe(0);
  });

  it('keeps learning records: add, list, replace, remove, each with its document and check', async () => {
    const candidate = await newCandidate(ctx);
    const certificate = await uploadEvidence(ctx, candidate, 'сертификат');
    const body = {
      kind: 'non_formal_course',
      title: 'Оператор контакт-центра: стандарты обслуживания',
      issuer: 'Учебный центр «Байланыс»',
      startDate: '2024-02-01',
      endDate: '2024-02-28',
      issueDate: '2024-03-01',
      documentId: certificate.id,
    };
    const created = await request(server)
      .post('/api/v1/candidates/me/learning')
      .set(...bearer(candidate))
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ ...body, check: { status: 'pending', reason: null } });
    const listed = await request(server)
      .get('/api/v1/candidates/me/learning')
      .set(...bearer(candidate))
      .expect(200);
    expect(listed.body).toEqual([created.body]);
    const replaced = await request(server)
      .put(`/api/v1/candidates/me/learning/${created.body.id}`)
      .set(...bearer(candidate))
      .send({ ...body, kind: 'informal_statement', title: 'Работа с обращениями граждан', startDate: undefined })
      .expect(200);
    expect(replaced.body).toMatchObject({ kind: 'informal_statement', startDate: null, endDate: '2024-02-28' });
    const [audit] = await ctx.dataSource.query(
      "SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'candidate.learning_updated'",
      [candidate.id],
    );
    expect(audit.before.kind).toBe('non_formal_course');
    expect(audit.after.kind).toBe('informal_statement');

    const other = await newCandidate(ctx);
    await request(server)
      .put(`/api/v1/candidates/me/learning/${created.body.id}`)
      .set(...bearer(other))
      .send({ ...body, documentId: (await uploadEvidence(ctx, other, 'другой')).id })
      .expect(404);
    await request(server)
      .delete(`/api/v1/candidates/me/learning/${created.body.id}`)
      .set(...bearer(other))
      .expect(404);
    await request(server)
      .delete(`/api/v1/candidates/me/learning/${created.body.id}`)
      .set(...bearer(candidate))
      .expect(204);
    expect(
      (
        await request(server)
          .get('/api/v1/candidates/me/learning')
          .set(...bearer(candidate))
          .expect(200)
      ).body,
    ).toEqual([]);
  });

  it('refuses a learning record without a document, of an unknown kind, or with impossible dates', async () => {
    const candidate = await newCandidate(ctx);
    const certificate = await uploadEvidence(ctx, candidate, 'сертификат');
    const add = (body: object) =>
      request(server)
        .post('/api/v1/candidates/me/learning')
        .set(...bearer(candidate))
        .send({
          kind: 'employer_reference',
          title: 'Отзыв работодателя',
          issuer: 'ТОО «Контакт»',
          issueDate: '2024-03-01',
          documentId: certificate.id,
          ...body,
        });
    const fields = (res: { body: { details: { fields: { field: string }[] } } }) =>
      res.body.details.fields.map((f) => f.field).sort();
    expect(fields(await add({ documentId: undefined }).expect(400))).toEqual(['documentId']);
    expect(fields(await add({ kind: 'hobby' }).expect(400))).toEqual(['kind']);
    expect(fields(await add({ issueDate: '2999-01-01' }).expect(400))).toEqual(['issueDate']);
    expect(fields(await add({ startDate: '2024-02-01', endDate: '2024-01-01' }).expect(400))).toEqual(['endDate']);
    expect(fields(await add({ startDate: '2023-02-30' }).expect(400))).toEqual(['startDate']);
    const [{ n }] = await ctx.dataSource.query(
      'SELECT COUNT(*)::int AS n FROM candidate_learning WHERE candidate_id = $1',
      [candidate.id],
    );
    expect(n).toBe(0);
  });

  it('replaces and removes a record of one’s own only', async () => {
    const candidate = await newCandidate(ctx);
    const other = await newCandidate(ctx);
    const record = { body: await addEducation(ctx, candidate, { level: 'higher', institution: 'КарГУ' }) };
    const replacement = {
      level: 'higher',
      institution: 'КарГУ им. Букетова',
      graduationYear: 2014,
      documentRef: 'ЖБ-Б 12',
      documentId: record.body.documentId,
    };
    await request(server)
      .put(`/api/v1/candidates/me/education/${record.body.id}`)
      .set(...bearer(other))
      .send({ ...replacement, documentId: (await uploadEvidence(ctx, other, 'диплом')).id })
      .expect(404);
    const replaced = await request(server)
      .put(`/api/v1/candidates/me/education/${record.body.id}`)
      .set(...bearer(candidate))
      .send(replacement)
      .expect(200);
    expect(replaced.body).toMatchObject({ institution: 'КарГУ им. Букетова', check: { status: 'pending' } });
    const bad = await request(server)
      .put(`/api/v1/candidates/me/education/${record.body.id}`)
      .set(...bearer(candidate))
      .send({ ...replacement, graduationYear: 'soon' })
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('graduationYear');
    await request(server)
      .delete(`/api/v1/candidates/me/education/${record.body.id}`)
      .set(...bearer(other))
      .expect(404);
    await request(server)
      .delete(`/api/v1/candidates/me/education/${record.body.id}`)
      .set(...bearer(candidate))
      .expect(204);
    const list = await request(server)
      .get('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .expect(200);
    expect(list.body).toEqual([]);
  });
});
