import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { ExamDay, scheduleSession } from '../utils/exam-day';
import { pdfFile, exeFile } from '../utils/files';
import { bearer, eventually, freeIin, login, strongPassword, uniqueEmail } from '../utils/fixtures';
import {
  checkPage,
  ExamDayPortal,
  newContext,
  PHONE,
  Portal,
  startExamDayPortal,
  stopExamDayPortal,
} from './browser-support';

/**
 * The candidate's whole way in the browser, in Russian and (the certificate, on a phone) Kazakh: register, profile, a diploma, apply on the
 * recognition pathway, upload evidence and claim skills, submit, eligibility, the theory test with a
 * reload in the middle, then (staff steps through the API) the certificate downloaded and its
 * public page opened from the QR code's URL.
 */
describe('portal: a candidate from registration to a verified certificate', () => {
  let running: ExamDayPortal;
  let portal: Portal;
  let day: ExamDay;

  beforeAll(async () => {
    running = await startExamDayPortal();
    ({ portal, day } = running);
  });
  afterAll(() => stopExamDayPortal(running));

  const server = () => portal.ctx.app.getHttpServer();
  const applicationIdOf = (page: Page) => /\/cabinet\/applications\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;

  it('registers, applies, sits the test and downloads a certificate whose QR URL opens its page', async () => {
    const context = await newContext(portal, 'ru');
    const page = await context.newPage();
    const email = uniqueEmail('portal');
    const password = strongPassword();

    // Register: signed in at once, sent to the profile.
    await page.goto('/register');
    await checkPage(page, 'register-ru');
    await page.getByLabel('ФИО').fill('Айгерим Нурланова');
    await page.getByLabel('Эл. почта').fill(email);
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Создать учётную запись' }).click();
    await page.waitForURL(/\/cabinet\/profile$/);

    // Profile: a mistyped ИИН is refused on the page by the server's own rule, before any request.
    const iin = await freeIin(portal.ctx, '1994-03-15', 'female');
    const typo = `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
    await page.getByLabel('ИИН').fill(typo);
    await page.getByLabel('Дата рождения').fill('1994-03-15');
    await page.getByText('Последняя цифра не сходится').waitFor();
    await page.getByLabel('ИИН').fill(iin);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Профиль сохранён.').waitFor();

    // A diploma, with its scan uploaded.
    const education = page.locator('section[aria-labelledby="education-heading"]');
    await education.getByLabel('Уровень').selectOption('tvet_worker');
    await education.getByLabel('Учебное заведение').fill('Колледж связи');
    await education.getByLabel('Год окончания').fill('2014');
    await education.getByLabel('Серия и номер диплома').fill('ТКБ 0012345');
    await education.locator('input[type=file]').setInputFiles({
      name: 'diploma.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('диплом'),
    });
    await education.getByText('Документ: ').waitFor();
    await education.getByRole('button', { name: 'Добавить' }).click();
    await education.getByTestId('education-record').waitFor();
    await checkPage(page, 'profile-ru');

    // Apply on the recognition pathway at the day's centre, with the card's additional functions.
    await page.goto('/cabinet/apply');
    await page.getByLabel('Квалификация (карточка профессии)').selectOption(day.cardId);
    await page.getByLabel('Аккредитованный по ней центр оценки').selectOption(day.centreId);
    for (const id of day.additionalFunctionIds) await page.locator(`input[type=checkbox][value="${id}"]`).check();
    await page.getByText('рассмотрение подтверждений').first().waitFor();
    await checkPage(page, 'apply-ru');
    await page.getByRole('button', { name: 'Создать заявку' }).click();
    await page.waitForURL(/\/cabinet\/applications\/[0-9a-f-]{36}$/);
    const applicationId = applicationIdOf(page);

    // Evidence: two files at once, and one the browser refuses; each says how it went.
    await page.getByLabel('Кем выдан').fill('Учебный центр «Байланыс»');
    await page.getByLabel('Дата выдачи').fill('2024-03-01');
    await page.locator('section[aria-labelledby="skills-heading"] input[type=file]').setInputFiles([
      { name: 'kurs.pdf', mimeType: 'application/pdf', buffer: pdfFile('курс') },
      { name: 'spravka.pdf', mimeType: 'application/pdf', buffer: pdfFile('справка') },
      { name: 'program.exe', mimeType: 'application/x-msdownload', buffer: exeFile() },
    ]);
    await eventually(
      () => page.getByTestId('upload-item').allInnerTexts(),
      (items) => items.filter((i) => i.includes('загружен')).length === 2 && items.some((i) => i.includes('отклонён')),
    );
    // Claim the recommended skills; the others cannot be ticked.
    const recommended = day.skills.filter((s) => s.recognition === 'recommended');
    for (const skill of recommended) {
      const title = await skillTitle(skill.id);
      await page.getByRole('checkbox', { name: title, exact: true }).check();
    }
    for (const skill of day.skills.filter((s) => s.recognition !== 'recommended')) {
      expect(await page.getByRole('checkbox', { name: await skillTitle(skill.id), exact: true }).isDisabled()).toBe(
        true,
      );
    }
    await page.getByRole('button', { name: /Заявить/ }).click();
    await page.getByText('Подтверждения: ').first().waitFor();
    await checkPage(page, 'application-draft-ru');

    // Submit: the worker checks eligibility and the page follows without a reload.
    await page.getByRole('button', { name: 'Подать заявку' }).click();
    await page.getByTestId('eligibility').waitFor({ timeout: 60000 });
    await page.getByText('ожидает проверки документов').waitFor({ timeout: 60000 });
    await checkPage(page, 'application-eligibility-ru');

    // Staff, through the API: the documents (checked by the centre's second manager, since the one who
    // checks may not sign the decision), the evidence review, the exam session.
    const checker = await login(server(), day.checker);
    const check = (
      await request(server())
        .get(`/api/v1/applications/${applicationId}/documents`)
        .set(...bearer(checker))
        .expect(200)
    ).body as { pendingRecordIds: string[] };
    for (const recordId of check.pendingRecordIds) {
      await request(server())
        .put(`/api/v1/applications/${applicationId}/documents/${recordId}`)
        .set(...bearer(checker))
        .send({ verdict: 'confirmed', reason: 'Оригинал сверен с копией' })
        .expect(200);
    }
    await page.getByText('допущена', { exact: true }).waitFor({ timeout: 60000 });
    const reviews = (
      await request(server())
        .post(`/api/v1/applications/${applicationId}/evidence-reviews`)
        .set(...bearer(day.manager))
        .send({ assessorId: day.assessors[0].id })
        .expect(201)
    ).body as { id: string }[];
    for (const review of reviews) {
      await request(server())
        .put(`/api/v1/evidence-reviews/${review.id}`)
        .set(...bearer(day.assessors[0]))
        .send({
          decision: 'accept',
          criteria: { valid: true, sufficient: true, authentic: true, current: true },
          comment: 'Программа курса соответствует навыку',
        })
        .expect(200);
    }
    const session = await scheduleSession(portal.ctx, day);
    const enrolment = (
      await request(server())
        .post(`/api/v1/sessions/${session.id}/enrolments`)
        .set(...bearer(day.manager))
        .send({ applicationId })
        .expect(201)
    ).body as { id: string; examinedSkillIds: string[] };

    // The theory test: answers saved one by one, a reload in the middle, then submitted.
    await page.getByRole('button', { name: 'Начать теоретический тест' }).click({ timeout: 60000 });
    await page.waitForURL(/\/cabinet\/tests\/[0-9a-f-]{36}$/);
    await page.getByTestId('countdown').waitFor();
    await checkPage(page, 'theory-test-ru');
    const total = Number(/из (\d+)/.exec(await page.getByText(/^Вопрос \d+ из \d+$/).innerText())?.[1]);
    // Answers the question on screen as prepareExamDay's bank has it right, and waits for "saved".
    // Option ids are each test's own (random), so the right options are found by what they say.
    const checkRight = async () => {
      for (const text of ['Верно', 'Второе', 'Четвёртое', 'Выслушать']) {
        const option = page.locator('main').getByLabel(text, { exact: true });
        if ((await option.count()) > 0) await option.check();
      }
    };
    const answer = async () => {
      await checkRight();
      await page.getByTestId('save-state').filter({ hasText: 'сохранено' }).waitFor({ timeout: 60000 });
    };
    const next = async (n: number) => {
      await page.getByRole('button', { name: 'Следующий вопрос' }).click();
      await page.getByText(`Вопрос ${n} из ${total}`).waitFor();
    };
    const half = Math.ceil(total / 2);
    await answer();
    // The connection drops while an answer is saved: the page says so, and saves it once back.
    await next(2);
    await context.setOffline(true);
    await checkRight();
    await page.getByRole('alert').filter({ hasText: 'Нет связи: ответ будет отправлен снова' }).waitFor();
    await page.getByTestId('save-state').filter({ hasText: 'не сохранено, повтор…' }).waitFor();
    await context.setOffline(false);
    await page.getByTestId('save-state').filter({ hasText: 'сохранено' }).waitFor({ timeout: 60000 });
    for (let n = 3; n <= half; n += 1) {
      await next(n);
      await answer();
    }
    // A reload resumes the test: the answers saved, the clock still the server's.
    await page.reload();
    await page.getByText(`Отвечено ${half} из ${total}`).waitFor();
    await page.getByRole('button', { name: `Вопрос ${total}`, exact: true }).click();
    for (let n = total; n > half; n -= 1) {
      if (n < total) {
        await page.getByRole('button', { name: 'Предыдущий вопрос' }).click();
        await page.getByText(`Вопрос ${n} из ${total}`).waitFor();
      }
      await answer();
    }
    await page.getByText(`Отвечено ${total} из ${total}`).waitFor();
    await page.getByRole('button', { name: 'Завершить тест' }).click();
    await page.getByTestId('test-submitted').waitFor();

    // Staff, through the API: the practical sheets, then the sign-off of the computed decision.
    for (const assessor of day.assessors) {
      for (const skillId of enrolment.examinedSkillIds) {
        const ability = day.skills.find((s) => s.id === skillId)?.abilities[0].id;
        await request(server())
          .put(`/api/v1/enrolments/${enrolment.id}/practical/${skillId}`)
          .set(...bearer(assessor))
          .send({ verdict: 'competent', abilitiesObserved: [ability], comment: 'Наблюдение' })
          .expect(200);
      }
      await request(server())
        .post(`/api/v1/enrolments/${enrolment.id}/practical/sign`)
        .set(...bearer(assessor))
        .expect(200);
    }
    const [decision] = await eventually(
      () =>
        request(server())
          .get(`/api/v1/applications/${applicationId}/decisions`)
          .set(...bearer(day.manager))
          .then((r) => r.body as { id: string }[]),
      (d) => d.length > 0,
      60000,
    );
    await request(server())
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);

    // The certificate, on a phone and in Kazakh (chosen in the header): PDF and credential
    // downloaded, and the QR code's URL opens the public page.
    await page.setViewportSize(PHONE);
    await page.goto(`/cabinet/applications/${applicationId}`);
    await page.getByLabel('Язык').selectOption('kk');
    await page.getByRole('heading', { name: 'Шешім', exact: true }).waitFor({ timeout: 90000 });
    const certificate = page.getByTestId('certificate');
    await certificate.waitFor({ timeout: 90000 });
    await checkPage(page, 'application-certificate-kk');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Сертификатты жүктеу (PDF)' }).click(),
    ]);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [credential] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Қол қойылған куәлікті жүктеу' }).click(),
    ]);
    expect(JSON.parse(readFileSync(await credential.path(), 'utf8'))).toHaveProperty('proof');
    const shareUrl = await page.getByLabel('Тексеруге арналған сілтеме').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${portal.baseUrl}/verify/[A-Z0-9-]+\\?code=`));
    await page.goto(shareUrl);
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toBe('Сертификат жарамды');
    expect(await page.locator('main').innerText()).toContain('Айгерим Нурланова');
    await checkPage(page, 'verify-from-share-link-kk');

    // Someone else opens the QR code's URL in Russian.
    const other = await newContext(portal, 'ru', PHONE);
    const small = await other.newPage();
    await small.goto(shareUrl);
    await small.getByTestId('verdict').waitFor();
    expect(await small.getByTestId('verdict').innerText()).toBe('Сертификат действителен');
    await checkPage(small, 'verify-from-qr-ru');
    await other.close();
    await context.close();
  });

  async function skillTitle(skillId: string): Promise<string> {
    const skill = (await request(server()).get(`/api/v1/skills/${skillId}`).expect(200)).body as { title: string };
    return skill.title;
  }
});
