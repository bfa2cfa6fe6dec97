import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, freeIin, newCandidate, newSession, TestSession } from '../utils/fixtures';
import {
  assessedApplication,
  issuedCertificate,
  IssuedCertificate,
  prepareExamDay,
  publicPath,
  signOffDecision,
} from '../utils/exam-day';
import { createTestApp, TestContext } from '../utils/test-app';
import { startWorker } from '../utils/worker';

/**
 * The attack of issue 17 (High 1): the public page gave a holder's name and masked ИИН by a
 * sequential certificate number, which left about 3,000 possible ИИН, and the profile route
 * answered 409 for the one that was registered, without a limit: the full ИИН in 17 seconds.
 * Each test attacks the same way and must fail to get in.
 */
describe('abuse: a holder’s ИИН cannot be recovered from public data', () => {
  describe('the profile route is no oracle', () => {
    let ctx: TestContext;
    let server: App;

    beforeAll(async () => {
      ctx = await createTestApp();
      server = ctx.app.getHttpServer();
    });
    afterAll(() => ctx.close());

    const declare = (who: TestSession, iin: string, birthDate: string, sex = 'female') =>
      request(server)
        .put('/api/v1/candidates/me/profile')
        .set(...bearer(who))
        .send({ iin, birthDate, sex });

    /** The answer with what differs between any two accounts (who they are, the ИИН typed) set aside. */
    const shape = (res: request.Response) => ({
      status: res.status,
      body: { ...res.body, userId: 'id', fullName: 'name', email: 'email', iin: 'iin' },
      rateLimitRemaining: res.headers['ratelimit-remaining'],
    });

    it('answers a profile with someone’s registered ИИН exactly as one with a fresh ИИН', async () => {
      const owner = await newCandidate(ctx, '1988-07-21', 'female');
      const [attacker, control] = [await newSession(ctx, 'candidate'), await newSession(ctx, 'candidate')];
      const taken = await declare(attacker, owner.iin, '1988-07-21');
      const fresh = await declare(control, await freeIin(ctx, '1988-07-21', 'female'), '1988-07-21');
      expect(shape(taken)).toEqual(shape(fresh));
      expect(taken.status).toBe(200);
      expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
      // And reading it back says nothing more.
      const [again, control2] = await Promise.all(
        [attacker, control].map((who) =>
          request(server)
            .get('/api/v1/candidates/me/profile')
            .set(...bearer(who)),
        ),
      );
      expect(shape(again).body).toEqual(shape(control2).body);
    });

    it('leaves the owner’s account as it was, and lets an ИИН’s owner declare it after a stranger did', async () => {
      const owner = await newCandidate(ctx, '1990-02-11', 'male');
      const before = await ctx.dataSource.query('SELECT * FROM candidate_profile WHERE user_id = $1', [owner.id]);
      const stranger = await newSession(ctx, 'candidate');
      await declare(stranger, owner.iin, '1990-02-11', 'male').expect(200);
      expect(await ctx.dataSource.query('SELECT * FROM candidate_profile WHERE user_id = $1', [owner.id])).toEqual(
        before,
      );
      const own = await request(server)
        .get('/api/v1/candidates/me/profile')
        .set(...bearer(owner))
        .expect(200);
      expect(own.body.iin).toBe(owner.iin);
      await declare(owner, owner.iin, '1990-02-11', 'male').expect(200);

      // A stranger declares an ИИН whose owner has no account yet: the owner is not locked out.
      const unregistered = await freeIin(ctx, '1979-12-30', 'female');
      await declare(await newSession(ctx, 'candidate'), unregistered, '1979-12-30').expect(200);
      const lateOwner = await newSession(ctx, 'candidate');
      const res = await declare(lateOwner, unregistered, '1979-12-30').expect(200);
      expect(res.body).toMatchObject({ userId: lateOwner.id, iin: unregistered });
    });

    it('refuses profile changes past ten an hour with 429 and Retry-After, whatever the ИИН', async () => {
      const owner = await newCandidate(ctx, '1985-05-05', 'female');
      const attacker = await newSession(ctx, 'candidate');
      // The attack tried every ИИН the masked one left; ten tries an hour make 3,000 take weeks.
      for (let i = 0; i < 10; i += 1) {
        const iin = i % 2 === 0 ? owner.iin : await freeIin(ctx, '1985-05-05', 'female');
        await declare(attacker, iin, '1985-05-05').expect(200);
      }
      for (const iin of [owner.iin, await freeIin(ctx, '1985-05-05', 'female')]) {
        const refused = await declare(attacker, iin, '1985-05-05').expect(429);
        expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
      }
      // The limit is the account's: another account is not refused for it.
      await declare(await newSession(ctx, 'candidate'), owner.iin, '1985-05-05').expect(200);
    });
  });

  describe('the public lookup needs the number and the code printed beside it', () => {
    const savedPrefix = process.env.BULLMQ_PREFIX;
    let ctx: TestContext;
    let worker: INestApplicationContext;
    let server: App;
    let certificate: IssuedCertificate;
    let iin: string;

    beforeAll(async () => {
      // A queue prefix of its own: the public rate limit below counts this file's requests only.
      process.env.BULLMQ_PREFIX = `${savedPrefix ?? 'qualcert-test'}-oracle-${Date.now()}`;
      ctx = await createTestApp();
      worker = await startWorker();
      server = ctx.app.getHttpServer();
      const day = await prepareExamDay(ctx);
      const { applicationId, candidate } = await assessedApplication(ctx, day);
      await signOffDecision(ctx, day.manager, applicationId);
      certificate = await issuedCertificate(ctx, candidate, applicationId);
      [{ iin }] = await ctx.dataSource.query('SELECT iin FROM candidate_profile WHERE user_id = $1', [candidate.id]);
    });
    afterAll(async () => {
      await worker.close();
      await ctx.close();
      process.env.BULLMQ_PREFIX = savedPrefix;
    });

    const lookup = (number: string, query = '') => request(server).get(`/api/v1/public/certificates/${number}${query}`);

    it('refuses the number alone (400 naming code) and a wrong code like an unknown number (the same 404)', async () => {
      for (const query of ['', '?code=', '?code=12345', '?code=7K3QM-Z9XAU', '?code=7K3QM-Z9XA4-7K3QM']) {
        const bad = await lookup(certificate.number, query).expect(400);
        expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'code' }] } });
      }
      const wrongCode = certificate.verificationCode === '7K3QMZ9XA4' ? '7K3QMZ9XA5' : '7K3QMZ9XA4';
      const wrong = await lookup(certificate.number, `?code=${wrongCode}`).expect(404);
      const unknown = await lookup('ZZ-2000-000001', `?code=${certificate.verificationCode}`).expect(404);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Бұл нөмірі мен тексеру коды бар сертификат жоқ.',
        details: { entity: 'Certificate' },
      });
    });

    it('answers the right code, as the QR code carries it or as typed, with the name and card and no ИИН', async () => {
      const code = certificate.verificationCode;
      const typed = `${code.slice(0, 5).toLowerCase()} - ${code.slice(5)}`;
      for (const path of [
        publicPath(certificate),
        `/api/v1/public/certificates/${certificate.number}?code=${encodeURIComponent(typed)}`,
      ]) {
        const res = await request(server).get(path).expect(200);
        expect(res.body).toMatchObject({ number: certificate.number, status: 'valid', holderName: expect.any(String) });
        expect(res.body.card).toMatchObject({ name: expect.any(String), orkLevel: expect.any(Number) });
        const text = res.text;
        expect(text).not.toContain(iin);
        expect(text).not.toContain(iin.slice(0, 6));
        expect(text).not.toMatch(/iin|\*{2,}/i);
      }
    });

    it('refuses a brute force of codes with the public rate limit, the right code included', async () => {
      let firstRefused = -1;
      for (let i = 0; i < 125 && firstRefused < 0; i += 1) {
        const guess = `7K3QM${String(i).padStart(5, '0')}`;
        const res = await lookup(certificate.number, `?code=${guess}`);
        if (res.status === 429) firstRefused = i;
        else expect(res.status).toBe(guess === certificate.verificationCode ? 200 : 404);
      }
      // PUBLIC_RATE_LIMIT_PER_MINUTE is 120, of which the tests above took some.
      expect(firstRefused).toBeGreaterThan(100);
      expect(firstRefused).toBeLessThanOrEqual(120);
      const refused = await request(server).get(publicPath(certificate)).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
