import { INestApplicationContext } from '@nestjs/common';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { passTheoryTest } from '../utils/exam-day';
import { pdfFile } from '../utils/files';
import {
  bearer,
  eventually,
  freeIin,
  login,
  newAccreditedCentre,
  newSession,
  newUser,
  strongPassword,
  uniqueCentreCode,
  uniqueEmail,
  TestUser,
} from '../utils/fixtures';
import { importSeed, SEED_FILE, seedCorrections, seedText } from '../utils/seed';
import { startWorker } from '../utils/worker';
import { checkPage, drawingPage, heading, newContext, PHONE, Portal, signIn, startPortal } from './browser-support';

interface Skill {
  id: string;
  number: number;
  recognition: string;
  title: string;
  abilities: { id: string }[];
}
interface Fn {
  id: string;
  kind: string;
  number: number;
  skills: Skill[];
}

/**
 * Ticks a checkbox, again if a click was lost: a PDF rendering in a frame above may move the page
 * between Playwright's scroll and its click.
 */
async function tick(box: Locator): Promise<void> {
  for (let attempt = 0; attempt < 5 && !(await box.isChecked()); attempt += 1) {
    await box.click();
  }
  if (!(await box.isChecked())) throw new Error('the checkbox stays unticked');
}

/**
 * The staff's side in the browser: the administrator accredits a centre and imports a standard;
 * a manager sets up a program (tasks per skill, a question bank imported from a spreadsheet,
 * activation) and a session; the centre's second manager checks the documents; an assessor reviews
 * the evidence with the files shown in the page; the assessors sign their practical sheets; the
 * manager signs the decision, and the candidate finds the certificate in the cabinet. Every staff
 * step is a page: the only requests outside the browser are the set-up of accounts and the
 * candidate's own steps (as the candidate journey makes them).
 */
describe('portal: the staff run an exam cycle in the browser', () => {
  let portal: Portal;
  let worker: INestApplicationContext;
  /** Pages visited, opened again on a phone at the end: [role's account, path, screenshot name]. */
  const visited: [TestUser, string, string][] = [];

  beforeAll(async () => {
    portal = await startPortal();
    worker = await startWorker();
  });

  afterAll(async () => {
    await worker?.close();
    await portal?.close();
  });

  const server = () => portal.ctx.app.getHttpServer();

  async function check(page: Page, user: TestUser, name: string): Promise<void> {
    // A button just clicked stays hovered (a lighter shade): the page is checked as it rests.
    await page.mouse.move(0, 0);
    await checkPage(page, name);
    visited.push([user, new URL(page.url()).pathname + new URL(page.url()).search, name]);
  }

  it('the administrator accredits a centre and imports a standard, in Kazakh', async () => {
    await importSeed(portal.ctx.app);
    const admin = await newUser(portal.ctx, 'admin');
    const context = await newContext(portal, 'kk');
    const page = await context.newPage();
    await signIn(page, admin);
    await heading(page, 'Шолу');
    await check(page, admin, 'staff-dashboard-admin-kk');

    // A new centre, then its accreditation for a card of the seed standard.
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Орталықтар' }).click();
    await heading(page, 'Бағалау орталықтары');
    const code = uniqueCentreCode();
    await page.getByLabel('Коды').fill(code);
    await page.getByLabel('Атауы').fill('«Байланыс» бағалау орталығы');
    await page.getByLabel('Өңір').fill('Астана қ.');
    await page.getByLabel('Мекенжайы').fill('Мәңгілік Ел даңғылы, 55');
    await page.getByRole('button', { name: 'Тіркеу', exact: true }).click();
    await page.waitForURL(/\/staff\/admin\/centres\/[0-9a-f-]{36}$/);
    await heading(page, '«Байланыс» бағалау орталығы');
    const standards = (await request(server()).get('/api/v1/standards').expect(200)).body as { id: string }[];
    await page.getByLabel('Кәсіби стандарт').selectOption(standards[0].id);
    const card = page.locator('section[aria-labelledby="accredit-heading"] input[type=checkbox]').first();
    await card.check();
    await page.getByLabel('Құжат').fill('№ 12-А, 15.12.2025');
    await page.getByRole('button', { name: 'Аккредиттеу', exact: true }).click();
    await page.getByTestId('accreditation-row').filter({ hasText: 'күшінде' }).waitFor();
    await check(page, admin, 'staff-admin-centre-kk');
    await page.goto('/staff/admin/centres');
    await page.getByRole('link', { name: '«Байланыс» бағалау орталығы' }).first().waitFor();
    await check(page, admin, 'staff-admin-centres-kk');

    // The standard: read first (counts, the parser's warnings, already stored), then confirmed.
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Стандарттар' }).click();
    await heading(page, 'Кәсіби стандарттар');
    const files = page.locator('section[aria-labelledby="import-heading"] input[type=file]');
    const [textFile, correctionsFile] = [files.nth(0), files.nth(1)];
    await textFile.setInputFiles({
      name: 'broken.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Договор аренды\n1. Предмет договора'),
    });
    await page.getByRole('button', { name: 'Алдымен оқу' }).click();
    await page.getByRole('alert').filter({ hasText: 'стандарт ретінде оқылмайды' }).waitFor();
    await textFile.setInputFiles({
      name: SEED_FILE,
      mimeType: 'text/plain',
      buffer: Buffer.from(seedText()),
    });
    await correctionsFile.setInputFiles({
      name: 'corrections.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ corrections: seedCorrections() })),
    });
    await page.getByRole('button', { name: 'Алдымен оқу' }).click();
    const preview = page.getByTestId('standard-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/Карточкалар: 10;/);
    expect(await preview.innerText()).toMatch(/нұсқа ретінде сақталған/);
    await check(page, admin, 'staff-admin-standards-kk');
    await page.getByRole('button', { name: 'Стандартты импорттау' }).click();
    expect(await page.getByTestId('standard-imported').innerText()).toMatch(/ештеңе өзгермеді/);

    for (const [path, title, name] of [
      ['/staff/admin/users', 'Пайдаланушылар мен рөлдер', 'staff-admin-users-kk'],
      ['/staff/admin/audit', 'Аудит журналы', 'staff-admin-audit-kk'],
      ['/staff/admin/jobs', 'Сәтсіз тапсырмалар', 'staff-admin-jobs-kk'],
    ]) {
      await page.goto(path);
      await heading(page, title);
      await page.locator('main table, main [role=alert], main .mantine-Alert-root').first().waitFor();
      await check(page, admin, name);
    }
    await context.close();
  });

  it('runs a recognition application from program to certificate through the staff pages, in Russian', async () => {
    const ctx = portal.ctx;
    const summary = await importSeed(ctx.app);
    const cards = (await request(server()).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200))
      .body.items as { id: string }[];
    const cardId = cards[0].id;
    const card = (await request(server()).get(`/api/v1/cards/${cardId}`).expect(200)).body as {
      name: string;
      functions: Fn[];
    };
    const mandatory = card.functions.filter((f) => f.kind === 'mandatory');
    const label = (fn: Fn, skill: Skill) => `${fn.kind === 'additional' ? 'A' : ''}${fn.number}.${skill.number}`;

    // Set-up by the administrator (their pages are the test above): a centre, its two managers.
    const admin = await newSession(ctx, 'admin');
    const centreId = (await newAccreditedCentre(ctx, admin, [cardId])).id;
    const manager = await newUser(ctx, 'centre_manager', [centreId]);
    const checker = await newUser(ctx, 'centre_manager', [centreId]);

    const managerContext = await newContext(portal, 'ru');
    const page = await managerContext.newPage();
    await signIn(page, manager);
    await heading(page, 'Обзор');
    await check(page, manager, 'staff-dashboard-manager-ru');

    // Assessors: two accredited for the card, a third who is not (the impartiality rule refuses them).
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Эксперты' }).click();
    await heading(page, 'Эксперты и сотрудники');
    const assessors: TestUser[] = [];
    for (const name of ['Ерлан Сапаров', 'Дина Ахметова', 'Арман Касымов']) {
      const user = { email: uniqueEmail('assessor'), password: strongPassword(), role: 'assessor' as const, id: '' };
      const form = page.locator('section[aria-labelledby="new-assessor-heading"]');
      await form.getByLabel('ФИО').fill(name);
      await form.getByLabel('Эл. почта').fill(user.email);
      await form.locator('input[type=password]').fill(user.password);
      await form.getByRole('button', { name: 'Создать учётную запись' }).click();
      const member = page.getByTestId('staff-member').filter({ hasText: name });
      await member.waitFor();
      assessors.push(user);
      if (assessors.length === 3) break;
      await member.getByRole('button', { name }).click();
      await member.getByLabel('Собственный уровень ОРК').fill('5');
      await member.getByLabel('Область').fill('Контакт-центры');
      await member.getByRole('button', { name: 'Сохранить профиль' }).click();
      await member.getByText('уровень ОРК 5, область: Контакт-центры').waitFor();
      await member.getByLabel(card.name).check();
      await member.getByRole('button', { name: 'Аккредитовать', exact: true }).click();
      await member.getByText('действует').first().waitFor();
    }
    await check(page, manager, 'staff-assessors-ru');

    // A program from the card: a practical task for every mandatory skill.
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Программы' }).click();
    await heading(page, 'Программы');
    await page.getByLabel('Квалификация (карточка профессии)').selectOption(cardId);
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.waitForURL(/\/staff\/programs\/[0-9a-f-]{36}$/);
    const programUrl = new URL(page.url()).pathname;
    await page.getByTestId('readiness').filter({ hasText: 'нет практического задания' }).waitFor();
    for (const fn of mandatory) {
      for (const skill of fn.skills) {
        await page
          .getByLabel(`Задание по навыку ${label(fn, skill)}`, { exact: true })
          .fill('Обработать обращение клиента по сценарию центра');
        await page.getByRole('button', { name: `Добавить задание по ${label(fn, skill)}`, exact: true }).click();
        await page
          .getByTestId('program-skill')
          .filter({ hasText: `${label(fn, skill)} ${skill.title}` })
          .getByText('Обработать обращение клиента по сценарию центра')
          .waitFor();
      }
    }
    // Readiness says in words what is still missing: the questions.
    await page.getByTestId('readiness').filter({ hasText: 'активных вопросов 0, нужно 3' }).first().waitFor();
    await check(page, manager, 'staff-program-draft-ru');

    // The item bank from a spreadsheet (csv): a bad row is named and nothing is stored; then the bank.
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Банк вопросов' }).click();
    await heading(page, 'Банк вопросов');
    await page.getByLabel('Квалификация (карточка профессии)').selectOption(cardId);
    const header = 'skill,type,text,options,correct,explanation';
    const rows = mandatory.flatMap((fn) =>
      fn.skills.flatMap((skill) => [
        `${label(fn, skill)},single,Навык ${label(fn, skill)}: верное действие?,Верно | Неверно | Не знаю,1,`,
        `${label(fn, skill)},multiple,Навык ${label(fn, skill)}: верные утверждения?,Первое | Второе | Третье | Четвёртое,"2,4",`,
        `${label(fn, skill)},single,Навык ${label(fn, skill)}: первое действие?,Выслушать | Перебить | Отключиться,1,`,
      ]),
    );
    const csv = (lines: string[]) => ({
      name: 'bank.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...lines].join('\n')),
    });
    const fileInput = page.locator('section[aria-labelledby="import-heading"] input[type=file]');
    await fileInput.setInputFiles(csv([rows[0], '9.9,essay,,Один,5,']));
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.innerText()).toContain('строка 3, столбец «skill»');
    expect(await problems.innerText()).toContain('строка 3, столбец «options»');
    await check(page, manager, 'staff-questions-problems-ru');
    await fileInput.setInputFiles(csv(rows));
    await page
      .getByTestId('import-done')
      .filter({ hasText: `Импортировано вопросов: ${rows.length}.` })
      .waitFor();
    await check(page, manager, 'staff-questions-ru');

    // Ready now: activate.
    await page.goto(programUrl);
    await page.getByTestId('readiness').filter({ hasText: 'Готова' }).waitFor();
    await page.getByRole('button', { name: 'Активировать программу' }).click();
    await page.getByText('действует', { exact: true }).first().waitFor();
    await check(page, manager, 'staff-program-active-ru');

    // The candidate (their own steps, as the candidate journey makes them in its pages): a diploma,
    // a recognition application with a course certificate claimed for the recommended skills.
    const candidateUser = { email: uniqueEmail('candidate'), password: strongPassword() };
    await request(server())
      .post('/api/v1/auth/register')
      .send({ ...candidateUser, fullName: 'Айгерим Нурланова' })
      .expect(202);
    const candidate = await login(server(), { ...candidateUser, id: '', role: 'candidate' });
    const iin = await freeIin(ctx, '1994-03-15', 'female');
    await request(server())
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(candidate))
      .send({ iin, birthDate: '1994-03-15', sex: 'female' })
      .expect(200);
    const upload = async (type: string, text: string) =>
      (
        await request(server())
          .post('/api/v1/evidence')
          .set(...bearer(candidate))
          .attach('file', pdfFile(text), `${text}.pdf`)
          .field('type', type)
          .field('issuer', 'Колледж связи')
          .field('issueDate', '2024-03-01')
          .expect(201)
      ).body as { id: string };
    const diploma = await upload('diploma', 'диплом');
    await request(server())
      .post('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .send({
        level: 'tvet_worker',
        institution: 'Колледж связи',
        graduationYear: 2014,
        documentRef: 'ТКБ 0012345',
        documentId: diploma.id,
      })
      .expect(201);
    const applicationId = (
      await request(server())
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ cardId, centreId, pathway: 'recognition', additionalFunctionIds: [] })
        .expect(201)
    ).body.id as string;
    const course = await upload('course_certificate', 'курс');
    const recommended = mandatory.flatMap((fn) => fn.skills.filter((s) => s.recognition === 'recommended'));
    await request(server())
      .post(`/api/v1/applications/${applicationId}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: course.id, skillIds: recommended.map((s) => s.id) })
      .expect(201);
    await request(server())
      .post(`/api/v1/applications/${applicationId}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    await eventually(
      () =>
        request(server())
          .get(`/api/v1/applications/${applicationId}`)
          .set(...bearer(candidate))
          .then((r) => r.body.status as string),
      (status) => status === 'awaiting_documents',
      60000,
    );

    // The centre's second manager checks the documents (the manager who signs may not check them).
    const checkerContext = await newContext(portal, 'ru');
    const checkerPage = await checkerContext.newPage();
    await signIn(checkerPage, checker);
    await checkerPage.goto(`/staff/centres/${centreId}/applications?status=awaiting_documents`);
    await heading(checkerPage, 'Заявки');
    await checkerPage.getByRole('link', { name: 'Айгерим Нурланова' }).click({ timeout: 60000 });
    await checkerPage.waitForURL(/\/staff\/applications\/[0-9a-f-]{36}$/);
    const record = checkerPage.getByTestId('document-record').first();
    await record.getByRole('button', { name: 'Показать' }).click();
    await record.getByTestId('evidence-pdf').waitFor();
    await check(checkerPage, checker, 'staff-application-documents-ru');
    await record.getByRole('button', { name: 'Подтвердить' }).click();
    await checkerPage.getByText('допущена', { exact: true }).first().waitFor({ timeout: 60000 });
    await checkerContext.close();

    // The manager assigns the evidence reviewer.
    await page.goto(`/staff/applications/${applicationId}`);
    await page.getByLabel('Эксперт для рассмотрения подтверждений').selectOption({ label: 'Ерлан Сапаров' });
    await page.getByRole('button', { name: 'Назначить эксперта' }).click();
    await page.getByText('ожидает решения').first().waitFor();
    await check(page, manager, 'staff-application-reviewer-ru');

    // The assessor reviews the evidence on the four criteria, the file shown in the page.
    const assessorContext = await newContext(portal, 'ru');
    const assessorPage = await assessorContext.newPage();
    await signIn(assessorPage, assessors[0]);
    await heading(assessorPage, 'Обзор');
    await check(assessorPage, assessors[0], 'staff-dashboard-assessor-ru');
    await assessorPage.getByTestId('staff-menu').getByRole('link', { name: 'Рассмотрение подтверждений' }).click();
    await assessorPage.getByTestId('review-row').getByRole('link', { name: 'Айгерим Нурланова' }).click();
    await heading(assessorPage, 'Рассмотрение подтверждений');
    await assessorPage.getByRole('button', { name: 'Показать' }).first().click();
    await assessorPage.getByTestId('evidence-pdf').first().waitFor();
    await check(assessorPage, assessors[0], 'staff-review-ru');
    const forms = assessorPage.getByTestId('review-form');
    expect(await forms.count()).toBe(recommended.length);
    for (let left = recommended.length; left > 0; left -= 1) {
      const form = forms.first();
      for (const criterion of ['относимы', 'достаточны', 'подлинны', 'актуальны']) {
        await tick(form.getByRole('checkbox', { name: new RegExp(criterion) }));
      }
      await tick(form.getByLabel('принять'));
      await form.getByLabel('Комментарий').fill('Программа курса соответствует навыку');
      await form.getByRole('button', { name: 'Вынести решение' }).click();
      await eventually(
        () => forms.count(),
        (n) => n === left - 1,
        30000,
      );
    }

    // A session: the unaccredited assessor is refused in words, then the two accredited ones.
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Сессии' }).click();
    await heading(page, 'Экзаменационные сессии');
    const programId = programUrl.split('/').pop() as string;
    await page.getByLabel('Действующая программа').selectOption(programId);
    const startsAt = await page.evaluate(() => {
      const d = new Date(Date.now() - 120_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await page.getByLabel('Начало').fill(startsAt);
    await page.getByLabel('Место').fill('г. Астана, пр. Мангилик Ел, 55, ауд. 301');
    const sessionForm = page.locator('section[aria-labelledby="new-session-heading"]');
    await sessionForm.getByRole('checkbox', { name: 'Арман Касымов' }).check();
    await sessionForm.getByRole('checkbox', { name: 'Ерлан Сапаров' }).check();
    await page.getByRole('button', { name: 'Назначить', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Арман Касымов нельзя назначить' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('нет аккредитации по этой квалификации');
    await check(page, manager, 'staff-sessions-refusal-ru');
    await sessionForm.getByRole('checkbox', { name: 'Арман Касымов' }).uncheck();
    await sessionForm.getByRole('checkbox', { name: 'Дина Ахметова' }).check();
    await page.getByRole('button', { name: 'Назначить', exact: true }).click();
    await page.waitForURL(/\/staff\/sessions\/[0-9a-f-]{36}$/);
    const sessionUrl = new URL(page.url()).pathname;

    // Enrol the admitted application.
    await page.getByLabel('Допущенная заявка').selectOption(applicationId);
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    await page.getByTestId('session-candidate').filter({ hasText: 'Айгерим Нурланова' }).waitFor();
    await check(page, manager, 'staff-session-ru');

    // The candidate sits the theory test (their own step).
    const [enrolment] = (
      await request(server())
        .get('/api/v1/me/enrolments')
        .set(...bearer(candidate))
        .expect(200)
    ).body as { id: string }[];
    await passTheoryTest(ctx, candidate, enrolment.id);

    // Each assessor fills and signs the practical sheet from the session's exam-day view.
    for (const assessor of assessors.slice(0, 2)) {
      const sheetContext = assessor === assessors[0] ? assessorContext : await newContext(portal, 'ru');
      const sheet = assessor === assessors[0] ? assessorPage : await sheetContext.newPage();
      if (assessor !== assessors[0]) await signIn(sheet, assessor);
      await sheet.goto(sessionUrl);
      await sheet.getByRole('link', { name: 'Лист практики' }).click();
      await heading(sheet, 'Лист практической части');
      const skills = sheet.getByTestId('sheet-skill');
      await skills.first().waitFor();
      for (let i = 0; i < (await skills.count()); i += 1) {
        const skill = skills.nth(i);
        await skill.getByLabel('компетентен', { exact: true }).check();
        await skill.getByLabel('Комментарий').fill('Наблюдение: выполнено по сценарию');
        await skill.getByRole('button', { name: 'Сохранить решение' }).click();
        await skill.getByTestId('verdict-saved').waitFor();
      }
      if (assessor === assessors[0]) await check(sheet, assessor, 'staff-sheet-ru');
      await sheet.getByRole('button', { name: 'Подписать и зафиксировать' }).click();
      await sheet.getByTestId('sheet-signed').waitFor();
      await sheetContext.close();
    }

    // The manager reads the computed decision with its reasoning and signs it: the certificate.
    await page.goto(`/staff/applications/${applicationId}`);
    await page.getByRole('button', { name: 'Подписать решение' }).click({ timeout: 90000 });
    const certificate = page.getByTestId('staff-certificate');
    await certificate.waitFor({ timeout: 90000 });
    expect(await certificate.innerText()).toContain('действителен');
    await check(page, manager, 'staff-application-certificate-ru');
    // The register: the new certificate, found by its holder, and exported as a spreadsheet.
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Реестр сертификатов' }).click();
    await heading(page, 'Реестр сертификатов');
    await page.getByLabel('Номер или владелец').fill('Нурланова');
    await page.getByTestId('register-row').filter({ hasText: 'Айгерим Нурланова' }).waitFor();
    // Headless Chromium has stopped drawing frames on this long-used page here (the export's click then
    // waits for a frame that never comes): the register at the same address in a new page if so.
    const registerPage = await drawingPage(page);
    // The export's answer is awaited with the download, so a refused export fails here with its status
    // rather than as a missing download.
    const [exported, sheet] = await Promise.all([
      registerPage.waitForResponse((r) => r.url().includes('/api/v1/certificates/register/export'), {
        timeout: 60000,
      }),
      registerPage.waitForEvent('download', { timeout: 60000 }),
      registerPage.getByRole('button', { name: 'xlsx' }).click(),
    ]);
    expect(exported.status()).toBe(200);
    expect(sheet.suggestedFilename()).toBe('register.xlsx');
    await check(registerPage, manager, 'staff-register-ru');
    await registerPage.goto(`/staff/centres/${centreId}/applications`);
    await registerPage.getByTestId('application-row').first().waitFor();
    await check(registerPage, manager, 'staff-applications-ru');
    await registerPage.goto('/staff');
    await heading(registerPage, 'Обзор');
    await managerContext.close();

    // The candidate finds it in the cabinet.
    const candidateContext = await newContext(portal, 'ru');
    const candidatePage = await candidateContext.newPage();
    await signIn(candidatePage, candidateUser, `/cabinet/applications/${applicationId}`);
    await candidatePage.getByTestId('certificate').waitFor({ timeout: 60000 });
    await candidateContext.close();

    // Every staff page visited, on a phone.
    const contexts = new Map<string, BrowserContext>();
    for (const [user, path, name] of visited) {
      let context = contexts.get(user.email);
      if (!context) {
        context = await newContext(portal, name.endsWith('-kk') ? 'kk' : 'ru', PHONE);
        contexts.set(user.email, context);
        await signIn(await context.newPage(), user);
      }
      const phone = context.pages()[0];
      await phone.goto(path);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      await checkPage(phone, name);
    }
    for (const context of contexts.values()) await context.close();
  }, 480000); // the whole cycle through the pages: about two minutes on a quiet machine, more under load

  it('refuses each staff page to a role it is not for, and hides its link', async () => {
    const ctx = portal.ctx;
    const admin = await newSession(ctx, 'admin');
    const summary = await importSeed(ctx.app);
    const [card] = (await request(server()).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body
      .items as { id: string }[];
    const centreId = (await newAccreditedCentre(ctx, admin, [card.id])).id;
    const some = '00000000-0000-4000-8000-000000000000';
    const pages: [string, string[]][] = [
      ['/staff', ['admin', 'centre_manager', 'assessor']],
      [`/staff/centres/${centreId}/programs`, ['admin', 'centre_manager']],
      [`/staff/programs/${some}`, ['admin', 'centre_manager']],
      [`/staff/centres/${centreId}/questions`, ['admin', 'centre_manager']],
      [`/staff/centres/${centreId}/assessors`, ['admin', 'centre_manager']],
      [`/staff/centres/${centreId}/sessions`, ['admin', 'centre_manager']],
      [`/staff/sessions/${some}`, ['admin', 'centre_manager', 'assessor']],
      [`/staff/centres/${centreId}/applications`, ['admin', 'centre_manager']],
      [`/staff/applications/${some}`, ['admin', 'centre_manager']],
      [`/staff/centres/${centreId}/statistics`, ['admin', 'centre_manager']],
      [`/staff/enrolments/${some}/sheet`, ['assessor']],
      ['/staff/reviews', ['assessor']],
      [`/staff/reviews/${some}`, ['assessor']],
      ['/staff/appeals', ['assessor']],
      ['/staff/conflicts', ['assessor']],
      ['/staff/register', ['admin', 'centre_manager']],
      ['/staff/admin/centres', ['admin']],
      [`/staff/admin/centres/${centreId}`, ['admin']],
      ['/staff/admin/users', ['admin']],
      ['/staff/admin/standards', ['admin']],
      ['/staff/admin/audit', ['admin']],
      ['/staff/admin/jobs', ['admin']],
    ];
    const people = {
      admin: await newUser(ctx, 'admin'),
      centre_manager: await newUser(ctx, 'centre_manager', [centreId]),
      assessor: await newUser(ctx, 'assessor', [centreId]),
      candidate: await newUser(ctx, 'candidate'),
    };
    for (const [role, user] of Object.entries(people)) {
      const context = await newContext(portal, 'en');
      const page = await context.newPage();
      await signIn(page, user, role === 'candidate' ? '/cabinet' : '/staff');
      for (const [path, roles] of pages) {
        await page.goto(path);
        const forbidden = page.getByTestId('forbidden');
        if (roles.includes(role)) {
          // A page of an unknown id says so (an alert) instead of its heading.
          await page.locator('main h1, main [role=alert]').first().waitFor();
          expect([role, path, await forbidden.count()]).toEqual([role, path, 0]);
        } else {
          await forbidden.waitFor();
          expect(await forbidden.innerText()).toContain('Not for your role');
        }
        // The menu links only to pages the role may open.
        const links = await page
          .getByTestId('staff-menu')
          .getByRole('link')
          .evaluateAll((as: HTMLAnchorElement[]) => as.map((a) => new URL(a.href).pathname));
        for (const link of links) {
          const allowed = pages.find(([p]) => p === link)?.[1];
          expect([role, link, allowed?.includes(role) ?? true]).toEqual([role, link, true]);
        }
        if (role === 'candidate') expect(links).toEqual([]);
      }
      if (role === 'candidate') {
        await page.goto('/staff/admin/users');
        await page.getByTestId('forbidden').waitFor();
        await checkPage(page, 'staff-forbidden-en');
      }
      await context.close();
    }
  });
});
