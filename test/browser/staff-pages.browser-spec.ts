import { readFileSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import type { Download, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { accreditedAssessor, assessedApplication, ExamDay, prepareExamDay, signOffDecision } from '../utils/exam-day';
import { bearer, newSession, newUser, TestSession, TestUser } from '../utils/fixtures';
import { startWorker } from '../utils/worker';
import { checkPage, heading, newContext, PHONE, Portal, signIn, startPortal } from './browser-support';

/** The file a click downloads, as text (a PDF's first bytes, a csv). */
async function downloaded(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), button.click()])) as [Download, unknown];
  return { name: download.suggestedFilename(), text: readFileSync(await download.path()).toString('utf8') };
}

/**
 * The staff pages of issue 13 that the exam cycle does not pass through: the centre confirms a
 * candidate's identity and downloads the conclusion and the session's protocol; the panel
 * re-assesses a contested skill; a question is revised and the item bank's sheet carries the
 * knowledge item; an administrator changes a user's role. The exam, the decision and the appeal
 * up to the panel's votes are set up through the API; every step these pages exist for is made in
 * the browser.
 */
describe('portal: the staff’s remaining pages', () => {
  let portal: Portal;
  let worker: INestApplicationContext;
  let day: ExamDay;
  let panel: TestSession[];
  let applicationId: string;
  let candidateIin: string;
  let failedSkillId: string;

  const server = () => portal.ctx.app.getHttpServer();

  beforeAll(async () => {
    portal = await startPortal();
    worker = await startWorker();
    const ctx = portal.ctx;
    day = await prepareExamDay(ctx);
    panel = [await accreditedAssessor(ctx, day), await accreditedAssessor(ctx, day)];
    const assessed = await assessedApplication(ctx, day, 1);
    applicationId = assessed.applicationId;
    [failedSkillId] = assessed.failed;
    const decisionId = await signOffDecision(ctx, day.manager, applicationId);
    const profile = (
      await request(server())
        .get('/api/v1/candidates/me/profile')
        .set(...bearer(assessed.candidate))
        .expect(200)
    ).body as { iin: string; birthDate: string; sex: string };
    candidateIin = profile.iin;
    // A second account declaring the same ИИН: the centre checks the document.
    const twin = await newSession(ctx, 'candidate');
    await request(server())
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(twin))
      .send({ iin: profile.iin, birthDate: profile.birthDate, sex: profile.sex })
      .expect(200);
    const appeal = (
      await request(server())
        .post(`/api/v1/decisions/${decisionId}/appeals`)
        .set(...bearer(assessed.candidate))
        .send({
          contestedSkillIds: [failedSkillId],
          grounds: 'Практическое задание оценено без учёта записи разговора',
        })
        .expect(201)
    ).body as { id: string };
    await request(server())
      .post(`/api/v1/appeals/${appeal.id}/panel`)
      .set(...bearer(day.manager))
      .send({ assessorIds: panel.map((a) => a.id) })
      .expect(200);
    for (const member of panel) {
      await request(server())
        .post(`/api/v1/appeals/${appeal.id}/votes`)
        .set(...bearer(member))
        .send({ vote: 'reassess', reason: 'Изучены протоколы и запись экзамена' })
        .expect(200);
    }
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await portal?.close();
  });

  it('confirms the candidate’s identity and downloads the conclusion and the protocol, in Russian', async () => {
    const context = await newContext(portal, 'ru');
    const page = await context.newPage();
    await signIn(page, day.manager, `/staff/applications/${applicationId}`);
    const identity = page.locator('section[aria-labelledby="identity-heading"]');
    await identity.getByText('Этот ИИН указан и в другой учётной записи').waitFor();
    await identity.getByText(`ИИН ${candidateIin}`).waitFor();

    // Another ИИН than the profile's is refused on its field; the profile's is confirmed.
    const other = candidateIin.slice(0, 11) + String((Number(candidateIin[11]) + 1) % 10);
    await identity.getByLabel('ИИН в документе').fill(other);
    await identity.getByLabel('Документ', { exact: true }).fill('удостоверение личности № 045123987');
    await identity.getByRole('button', { name: 'Подтвердить личность' }).click();
    await identity.locator('input[aria-invalid="true"]').waitFor();
    await identity.getByLabel('ИИН в документе').fill(candidateIin);
    await identity.getByRole('button', { name: 'Подтвердить личность' }).click();
    await identity.getByText(/^Личность подтверждена/).waitFor();
    await identity.getByText('удостоверение личности № 045123987').waitFor();

    // The result's documents, as the centre downloads them.
    const documents = page.locator('section[aria-labelledby="result-documents-heading"]');
    const conclusion = await downloaded(page, documents.getByRole('button', { name: 'Заключение по решению 1' }));
    expect(conclusion.text.startsWith('%PDF')).toBe(true);
    const protocol = await downloaded(page, documents.getByRole('button', { name: /^Протокол сессии/ }));
    expect(protocol.text.startsWith('%PDF')).toBe(true);
    await checkPage(page, 'staff-application-identity-ru');

    // A confirmation made in error is withdrawn with its reason.
    await identity.getByLabel(/^Причина отмены подтверждения/).fill('Документ показал другой человек, не владелец');
    await identity.getByRole('button', { name: 'Отменить подтверждение' }).click();
    await identity.getByText(/^Личность ещё не подтверждена/).waitFor();
    await context.close();
  });

  it('re-assesses the contested skill: refused on a note alone, recorded on a task observed, then locked', async () => {
    // The first member, in Kazakh on a phone.
    const first = await newContext(portal, 'kk', PHONE);
    let page = await first.newPage();
    // The overview counts the skill waiting for the member's re-assessment, and leads to it.
    await signIn(page, panel[0], '/staff');
    const panels = page.locator('section[aria-labelledby="my-panels-heading"]');
    await panels.getByText('Сіздің қайта бағалауыңызды күтіп тұрған дауланған дағдылар: 1').waitFor();
    await panels.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/staff/appeals');
    let skill = page.getByTestId('reassessment');
    await skill.getByText(/тануға ұсынылмаған/).waitFor();
    await skill.getByRole('radio', { name: 'өтті', exact: true }).check();
    await skill.getByLabel(/^Не тексерілді/).fill('Жазба бойынша тапсырма қайта қаралды');
    await skill.getByRole('button', { name: 'Бағаны жазу' }).click();
    await skill.getByText('Қайта емтихан қажет.').waitFor();
    await checkPage(page, 'staff-appeal-reassessment-form-kk');
    await skill.getByLabel('Практикалық тапсырма').selectOption('competent');
    await skill.getByRole('button', { name: 'Бағаны жазу' }).click();
    await skill.getByTestId('my-verdict').filter({ hasText: 'енді өзгертілмейді' }).waitFor();
    expect(await skill.getByRole('button', { name: 'Бағаны жазу' }).count()).toBe(0);
    await checkPage(page, 'staff-appeal-reassessment-kk');
    await page.goto('/staff');
    await panels.getByText('Сіздің қайта бағалауыңызды күтіп тұрған дауланған дағдылар: 0').waitFor();
    await first.close();

    // The second member, in Russian: a theory re-test behind the pass; the panel's majority credits.
    const second = await newContext(portal, 'ru');
    page = await second.newPage();
    await signIn(page, panel[1], '/staff/appeals');
    skill = page.getByTestId('reassessment');
    await skill.getByRole('radio', { name: 'сдал', exact: true }).check();
    await skill.getByLabel(/^Что проверено/).fill('Повторный тест по навыку: 4 из 5');
    await skill.getByLabel('Теория: верных ответов').fill('4');
    await skill.getByLabel('Теория: всего вопросов').fill('5');
    await skill.getByRole('button', { name: 'Записать оценку' }).click();
    await skill.getByTestId('my-verdict').waitFor();
    await skill.getByText('засчитан', { exact: true }).waitFor();
    await checkPage(page, 'staff-appeal-reassessment-ru');
    await second.close();
  });

  it('keeps the knowledge item in the item bank’s sheet and revises a question, in Russian', async () => {
    const context = await newContext(portal, 'ru');
    const page = await context.newPage();
    await signIn(page, day.manager, `/staff/centres/${day.centreId}/questions`);
    await heading(page, 'Банк вопросов');
    await page.getByLabel('Квалификация (карточка профессии)').selectOption(day.cardId);
    const importer = page.locator('section[aria-labelledby="import-heading"]');

    // The template carries the knowledge column, its example naming the first skill's first item.
    const template = await downloaded(page, importer.getByRole('button', { name: 'csv', exact: true }));
    const [header, example] = template.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('skill,type,text,options,correct,explanation,knowledge');
    const [skillLabel] = example.split(',');
    expect(example.endsWith(',1')).toBe(true);

    // A knowledge item the skill does not have is named by its row and column; nothing is sent.
    const sheet = (knowledge: string) =>
      Buffer.from(
        [
          header,
          `${skillLabel},single,Первый шаг оператора при входящем звонке?,Поприветствовать | Перебить,1,,1`,
          `${skillLabel},single,Что делает оператор в конце звонка?,Благодарит | Молчит,1,,${knowledge}`,
        ].join('\r\n'),
      );
    const file = importer.locator('input[type=file]');
    await file.setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: sheet('99') });
    await importer
      .getByTestId('import-problems')
      .getByText(/строка 3, столбец «knowledge»/)
      .waitFor();
    await file.setInputFiles({ name: 'bank-fixed.csv', mimeType: 'text/csv', buffer: sheet('1') });
    await importer.getByTestId('import-done').filter({ hasText: 'Импортировано вопросов: 2.' }).waitFor();

    // A question revised becomes its next version.
    const bank = page.locator('section[aria-labelledby="bank-heading"]');
    const question = bank.getByTestId('question').filter({ hasText: 'Что делает оператор в конце звонка?' });
    await question.getByText(/версия 1/).waitFor();
    await question.getByRole('button', { name: 'Изменить' }).click();
    const revision = bank.getByTestId('question-revision');
    await revision.getByLabel('Текст вопроса').fill('Что оператор делает в конце каждого звонка?');
    await checkPage(page, 'staff-questions-revision-ru');
    await revision.getByRole('button', { name: 'Сохранить новую версию' }).click();
    await bank
      .getByTestId('question')
      .filter({ hasText: 'Что оператор делает в конце каждого звонка?' })
      .getByText(/версия 2/)
      .waitFor();
    await context.close();
  });

  it('lets an administrator change a user’s role, after which the person signs in to the new role’s pages, in Kazakh', async () => {
    const admin = await newUser(portal.ctx, 'admin');
    const assessor = await newUser(portal.ctx, 'assessor', [day.centreId]);
    const context = await newContext(portal, 'kk');
    const page = await context.newPage();
    await signIn(page, admin, '/staff/admin/users');
    await heading(page, 'Пайдаланушылар мен рөлдер');
    await page.getByLabel('Аты немесе эл. пошта').fill(assessor.email);
    await page
      .getByRole('row')
      .filter({ hasText: assessor.email })
      .getByRole('button', { name: /рөлін өзгерту/ })
      .click();
    const form = page.getByTestId('role-change');
    await form.getByLabel('Жаңа рөл').selectOption('centre_manager');
    await checkPage(page, 'staff-admin-users-role-kk');
    await form.getByRole('button', { name: 'Рөлді сақтау' }).click();
    await page.getByRole('row').filter({ hasText: assessor.email }).getByText('орталық басшысы').waitFor();
    await context.close();

    const person = await newContext(portal, 'kk');
    const personPage = await person.newPage();
    await signIn(personPage, assessor);
    await personPage.getByTestId('staff-menu').getByRole('link', { name: 'Бағдарламалар' }).waitFor();
    expect(await personPage.getByTestId('staff-menu').getByRole('link', { name: 'Апелляциялар' }).count()).toBe(0);
    await person.close();
  });

  it('refuses these pages to roles they are not for, and shows no link to them', async () => {
    const cases: [TestUser, string, string][] = [
      [panel[0], '/staff/admin/users', 'Users'],
      [panel[0], `/staff/applications/${applicationId}`, 'Applications'],
      [day.manager, '/staff/appeals', 'Appeals'],
    ];
    for (const [user, path, link] of cases) {
      const context = await newContext(portal, 'en');
      const page = await context.newPage();
      await signIn(page, user, path);
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByTestId('forbidden').innerText()).toContain('Not for your role');
      const links = page.getByTestId('staff-menu').getByRole('link', { name: link, exact: true });
      expect([path, await links.count()]).toEqual([path, 0]);
      await context.close();
    }
  });
});
