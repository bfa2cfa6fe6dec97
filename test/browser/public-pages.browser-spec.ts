import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import {
  assessedApplication,
  ExamDay,
  IssuedCertificate,
  issuedCertificate,
  prepareExamDay,
  signOffDecision,
} from '../utils/exam-day';
import { bearer, newUser } from '../utils/fixtures';
import { startWorker } from '../utils/worker';
import { checkPage, DESKTOP, newContext, PHONE, Portal, startPortal } from './browser-support';

/** The public pages and signing in, in a real browser against the real API and worker. */
describe('portal: public pages and the session', () => {
  let portal: Portal;
  let worker: INestApplicationContext;
  let day: ExamDay;
  let valid: IssuedCertificate;
  let revoked: IssuedCertificate;
  let credential: Record<string, unknown>;

  /** An examined application, signed off; its certificate once the worker has issued it. */
  async function certified(): Promise<{ certificate: IssuedCertificate; holder: { accessToken: string } }> {
    const { applicationId, candidate } = await assessedApplication(portal.ctx, day);
    await signOffDecision(portal.ctx, day.manager, applicationId);
    return { certificate: await issuedCertificate(portal.ctx, candidate, applicationId), holder: candidate };
  }

  beforeAll(async () => {
    portal = await startPortal();
    worker = await startWorker();
    day = await prepareExamDay(portal.ctx);
    const first = await certified();
    valid = first.certificate;
    credential = (
      await request(portal.ctx.app.getHttpServer())
        .get(`/api/v1/certificates/${valid.id}/credential`)
        .set(...bearer(first.holder))
        .expect(200)
    ).body;
    revoked = (await certified()).certificate;
    await request(portal.ctx.app.getHttpServer())
      .post(`/api/v1/certificates/${revoked.id}/revoke`)
      .set(...bearer(day.manager))
      .send({ reason: 'Выявлено нарушение процедуры оценки' })
      .expect(200);
  });

  afterAll(async () => {
    await worker?.close();
    await portal?.close();
  });

  it('opens a valid certificate from its QR code’s URL, in Kazakh, on a desktop and a phone', async () => {
    expect(valid.verificationUrl).toBe(`${portal.baseUrl}/verify/${valid.number}?code=${valid.verificationCode}`);
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await newContext(portal, 'kk', viewport);
      const page = await context.newPage();
      await page.goto(valid.verificationUrl);
      await page.getByTestId('verdict').waitFor();
      expect(await page.getByTestId('verdict').textContent()).toBe('Сертификат жарамды');
      expect(await page.locator('html').getAttribute('lang')).toBe('kk');
      const text = await page.locator('main').innerText();
      expect(text).toContain(valid.number);
      expect(text).toContain('СБШ деңгейі');
      await checkPage(page, 'verify-valid-kk');
      await context.close();
    }
  });

  it('says revoked, with the reason, on a revoked certificate’s page, in Russian', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await newContext(portal, 'ru', viewport);
      const page = await context.newPage();
      await page.goto(revoked.verificationUrl);
      await page.getByTestId('verdict').waitFor();
      expect(await page.getByTestId('verdict').textContent()).toBe('Сертификат отозван');
      expect(await page.locator('main').innerText()).toContain('Выявлено нарушение процедуры оценки');
      await checkPage(page, 'verify-revoked-ru');
      await context.close();
    }
  });

  it('says so when the number and code match no certificate', async () => {
    const context = await newContext(portal, 'en');
    const page = await context.newPage();
    await page.goto(`/verify/${valid.number}?code=00000-00000`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('No such certificate');
    await checkPage(page, 'verify-not-found-en');
    await context.close();
  });

  it('checks a dropped credential file and shows each check', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await newContext(portal, 'ru', viewport);
      const page = await context.newPage();
      await page.goto('/verify');
      await page.locator('input[type=file]').setInputFiles({
        name: `${valid.number}.credential.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(credential)),
      });
      const checks = page.getByTestId('credential-checks');
      await checks.waitFor();
      const text = await checks.innerText();
      expect(text).toContain('Удостоверение подлинное и действует');
      for (const check of ['Подпись', 'Ключ издателя', 'Срок действия', 'Статус в реестре'])
        expect(text).toContain(check);
      await checkPage(page, 'verify-form-ru');
      await context.close();
    }
  });

  it('browses the catalogue: standards → cards → a card’s functions, skills and prerequisites in words', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await newContext(portal, 'kk', viewport);
      const page = await context.newPage();
      await page.goto('/catalogue');
      await page.locator('main a[href^="/catalogue/standards/"]').first().waitFor();
      await checkPage(page, 'catalogue-standards-kk');
      await page.locator('main a[href^="/catalogue/standards/"]').first().click();
      await page.locator('main a[href^="/catalogue/cards/"]').first().waitFor();
      await checkPage(page, 'catalogue-cards-kk');
      await page.goto(`/catalogue/cards/${day.cardId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText('Осы жолдардың кез келгені жеткілікті:').waitFor();
      const text = await page.locator('main').innerText();
      expect(text).toMatch(/мойындау ұсынылады|мойындау ұсынылмайды/);
      await checkPage(page, 'catalogue-card-kk');
      await context.close();
    }
  });

  it('signs in, keeps the session over a reload, sends an expired session to sign in and back, signs out', async () => {
    const user = await newUser(portal.ctx, 'candidate');
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await newContext(portal, 'ru', viewport);
      const page = await context.newPage();
      // Not signed in: the page asked for is kept for after signing in.
      await page.goto('/cabinet/password');
      await page.waitForURL(/\/sign-in\?next=%2Fcabinet%2Fpassword$/);
      await checkPage(page, 'sign-in-ru');
      await page.getByLabel('Эл. почта').fill(user.email);
      await page.getByLabel('Пароль').fill(user.password);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL(/\/cabinet\/password$/);
      await page.getByRole('heading', { name: 'Смена пароля' }).waitFor();

      // A reload keeps the session: the HttpOnly cookie renews it; no token is in storage.
      await page.reload();
      await page.getByRole('heading', { name: 'Смена пароля' }).waitFor();
      const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
      expect(stored).not.toMatch(/eyJ|refresh/i);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'qualcert_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

      // The session ends elsewhere (the password changed on another device ends every session):
      // the next request is refused, renewing fails, and the page sends the person to sign in
      // and back to where they were.
      const password = `${user.password}-new`;
      const other = await request(portal.ctx.app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await request(portal.ctx.app.getHttpServer())
        .post('/api/v1/auth/password')
        .set(...bearer(other.body))
        .send({ currentPassword: user.password, newPassword: password })
        .expect(200);
      user.password = password;
      if (viewport === PHONE) await page.getByRole('button', { name: 'Меню' }).click();
      await page.getByRole('link', { name: 'Личный кабинет' }).click();
      await page.waitForURL(/\/sign-in\?next=%2Fcabinet$/);
      await page.getByText('Сеанс завершён').waitFor();
      await page.getByLabel('Эл. почта').fill(user.email);
      await page.getByLabel('Пароль').fill(user.password);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.waitForURL(/\/cabinet$/);
      await page.getByRole('heading', { name: 'Личный кабинет' }).waitFor();
      await checkPage(page, 'cabinet-ru');

      if (viewport === PHONE) await page.getByRole('button', { name: 'Меню' }).click();
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.waitForURL(`${portal.baseUrl}/`);
      await page.reload();
      await page.locator('a[href="/sign-in"]').first().waitFor({ state: 'attached' });
      await checkPage(page, 'home-ru');
      await context.close();
    }
  });
});
