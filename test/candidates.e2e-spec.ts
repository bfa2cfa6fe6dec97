import request from 'supertest';
import type { App } from 'supertest/types';
import { makeIin } from '@qualcert/candidates/iin/iin';
import { bearer, newCandidate, newSession } from './utils/fixtures';
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

  it('counts experience per field with overlapping periods merged', async () => {
    const candidate = await newCandidate(ctx);
    const add = (body: object) =>
      request(server)
        .post('/api/v1/candidates/me/employment')
        .set(...bearer(candidate))
        .send({ employer: 'ТОО «Контакт»', position: 'Оператор', documentRef: 'Справка', ...body });
    await add({ field: 'remote_information_consulting', startDate: '2022-01-01', endDate: '2022-12-31' }).expect(201);
    await add({ field: 'remote_information_consulting', startDate: '2022-07-01', endDate: '2023-06-30' }).expect(201);
    await add({ field: 'other', startDate: '2019-01-01', endDate: '2019-12-31' }).expect(201);
    const profile = await request(server)
      .get('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .expect(200);
    expect(profile.body.experience).toEqual(
      expect.arrayContaining([
        { field: 'remote_information_consulting', label: expect.any(String), months: 18 },
        { field: 'other', label: expect.any(String), months: 12 },
      ]),
    );
  });

  it('refuses future dates, an end before the start, and unknown fields', async () => {
    const candidate = await newCandidate(ctx);
    const add = (body: object) =>
      request(server)
        .post('/api/v1/candidates/me/employment')
        .set(...bearer(candidate))
        .send({ employer: 'ТОО', position: 'Оператор', documentRef: 'Справка', field: 'other', ...body });
    const future = await add({ startDate: '2999-01-01' }).expect(400);
    expect(future.body.details.fields[0].field).toBe('startDate');
    const backwards = await add({ startDate: '2022-05-01', endDate: '2022-04-30' }).expect(400);
    expect(backwards.body.details.fields[0].field).toBe('endDate');
    const notADate = await add({ startDate: '2022-02-30' }).expect(400);
    expect(notADate.body.details.fields[0].field).toBe('startDate');
    const unknown = await add({ startDate: '2022-01-01', field: 'astronomy' }).expect(400);
    expect(unknown.body.details.fields[0].field).toBe('field');
    const education = await request(server)
      .post('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .send({ level: 'phd', institution: 'X', graduationYear: 3000, documentRef: 'Y' })
      .expect(400);
    expect(education.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'documentRef',
      'graduationYear',
      'institution',
      'level',
    ]);
  });

  it('removes a record of one’s own only', async () => {
    const candidate = await newCandidate(ctx);
    const other = await newCandidate(ctx);
    const record = await request(server)
      .post('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .send({ level: 'higher', institution: 'КарГУ', graduationYear: 2014, documentRef: 'ЖБ-Б 12' })
      .expect(201);
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
