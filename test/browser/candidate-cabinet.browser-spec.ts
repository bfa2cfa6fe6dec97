import { readFileSync } from 'node:fs';
import request from 'supertest';
import { assessedApplication, ExamDay, signOffDecision } from '../utils/exam-day';
import { pdfFile } from '../utils/files';
import { bearer, eventually, newCandidate } from '../utils/fixtures';
import {
  checkPage,
  DESKTOP,
  ExamDayPortal,
  newContext,
  PHONE,
  Portal,
  signIn,
  startExamDayPortal,
  stopExamDayPortal,
} from './browser-support';

/**
 * The cabinet's pages beyond the main journey: learning records (the informal route's records),
 * appeals against a refusal of admission and complaints about the procedure, and after a partial
 * decision the results by skill title, the partial-credit credentials, notifications and the retake.
 */
describe('portal: learning records, appeals, results and the retake', () => {
  let running: ExamDayPortal;
  let portal: Portal;
  let day: ExamDay;

  beforeAll(async () => {
    running = await startExamDayPortal();
    ({ portal, day } = running);
  });
  afterAll(() => stopExamDayPortal(running));

  const server = () => portal.ctx.app.getHttpServer();

  it('adds a learning record with its document, replaces the document and removes it, in Kazakh on a phone', async () => {
    const candidate = await newCandidate(portal.ctx);
    const context = await newContext(portal, 'kk', PHONE);
    const page = await context.newPage();
    await signIn(page, candidate, '/cabinet/learning');
    await page.getByText('Әзірге ештеңе жоқ.').waitFor();

    const form = page.locator('section[aria-labelledby="learning-add-heading"]');
    await form.getByLabel('Түрі').selectOption('informal_statement');
    await form.getByLabel('Не оқыдыңыз').fill('Қоңырау орталығында клиенттерге қызмет көрсету');
    await form.getByLabel('Кім берген').fill('«Байланыс» ЖШС');
    await form.getByLabel('Берілген күні').fill('2024-03-01');
    await form.locator('input[type=file]').setInputFiles({
      name: 'anyqtama.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('анықтама'),
    });
    await form.locator('strong').filter({ hasText: 'anyqtama' }).waitFor();
    await form.getByRole('button', { name: 'Қосу' }).click();
    const record = page.getByTestId('learning-record');
    await record.waitFor();
    expect(await record.innerText()).toContain('Қоңырау орталығында клиенттерге қызмет көрсету');
    expect(await record.innerText()).toContain('жұмыс орнында оқу, жұмыс беруші растаған');
    expect(await record.innerText()).toMatch(/орталықтың тексеруін күтуде/i);
    await checkPage(page, 'learning-kk');

    const mine = async () =>
      (
        await request(server())
          .get('/api/v1/candidates/me/learning')
          .set(...bearer(candidate))
          .expect(200)
      ).body as { id: string; kind: string; documentId: string }[];
    const [saved] = await mine();
    expect(saved.kind).toBe('informal_statement');

    // A new document replaces the record's: the centre checks it again.
    await record.getByRole('button', { name: 'Құжатты ауыстыру' }).click();
    await record.locator('input[type=file]').setInputFiles({
      name: 'anyqtama-2.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('анықтама, жаңа'),
    });
    await eventually(mine, (list) => list.length === 1 && list[0].documentId !== saved.documentId);

    await record.getByRole('button', { name: /^Жою/ }).click();
    await page.getByText('Әзірге ештеңе жоқ.').waitFor();
    expect(await mine()).toEqual([]);
    await context.close();
  });

  it('appeals against a refusal of admission with a document, and complains about the procedure, in Russian', async () => {
    const candidate = await newCandidate(portal.ctx);
    // No education or work record: the worker's check refuses admission.
    const application = (
      await request(server())
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' })
        .expect(201)
    ).body as { id: string };
    await request(server())
      .post(`/api/v1/applications/${application.id}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    await eventually(
      () =>
        request(server())
          .get(`/api/v1/applications/${application.id}`)
          .set(...bearer(candidate))
          .then((r) => (r.body as { status: string }).status),
      (status) => status === 'ineligible',
      60000,
    );

    const context = await newContext(portal, 'ru', DESKTOP);
    const page = await context.newPage();
    await signIn(page, candidate, `/cabinet/applications/${application.id}`);
    // The informal route says what it lacks and where to add it.
    await page.getByRole('link', { name: 'Открыть записи об обучении' }).waitFor();
    const admission = page.getByTestId('lodge-admission');
    await admission.waitFor();
    await admission
      .getByLabel('Почему отказ неверен')
      .fill('Диплом колледжа по специальности не был учтён при проверке');
    await admission.locator('input[type=file]').setInputFiles({
      name: 'diplom.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('диплом'),
    });
    await admission.getByTestId('upload-item').filter({ hasText: 'загружен' }).waitFor();
    await admission.getByRole('button', { name: 'Подать апелляцию' }).click();
    const appeal = page.getByTestId('appeal');
    await appeal.filter({ hasText: 'Апелляция на отказ в допуске' }).waitFor();
    expect(await appeal.first().innerText()).toMatch(/подана, ожидает комиссию/i);
    // One appeal per refusal: the form is gone.
    expect(await page.getByTestId('lodge-admission').count()).toBe(0);

    await page.getByRole('button', { name: 'Пожаловаться на процедуру' }).click();
    const complaint = page.getByTestId('lodge-procedural');
    await complaint
      .getByLabel('Что было нарушено в процедуре')
      .fill('Документы проверял сотрудник, консультировавший меня ранее');
    await complaint.getByRole('button', { name: 'Подать жалобу' }).click();
    await appeal.filter({ hasText: 'Жалоба на процедуру' }).waitFor();
    await checkPage(page, 'application-appeals-ru');

    const appeals = (
      await request(server())
        .get(`/api/v1/applications/${application.id}/appeals`)
        .set(...bearer(candidate))
        .expect(200)
    ).body as { kind: string; evidenceIds: string[]; status: string }[];
    expect(appeals.map((a) => a.kind).sort()).toEqual(['admission', 'procedural']);
    expect(appeals.find((a) => a.kind === 'admission')?.evidenceIds).toHaveLength(1);
    await context.close();
  });

  it('shows a partial decision’s results by skill title, its credentials and notification, and the retake once the wait is over, in Kazakh', async () => {
    const { applicationId, candidate, failed } = await assessedApplication(portal.ctx, day, 1);
    await signOffDecision(portal.ctx, day.manager, applicationId);
    await eventually(
      () =>
        request(server())
          .get(`/api/v1/applications/${applicationId}/credit-credentials`)
          .set(...bearer(candidate))
          .then((r) => r.body as unknown[]),
      (list) => Array.isArray(list) && list.length > 0,
      60000,
    );

    const context = await newContext(portal, 'kk', DESKTOP);
    const page = await context.newPage();
    await signIn(page, candidate, `/cabinet/applications/${applicationId}`);

    // Results name each skill by its title, never its id.
    const results = page.getByTestId('results');
    await results.waitFor({ timeout: 60000 });
    const failedTitle = (await request(server()).get(`/api/v1/skills/${failed[0]}`).expect(200)).body.title as string;
    await results.getByText(`${failedTitle}: тапсырылмады`, { exact: false }).waitFor();
    expect(await results.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // The partial-credit credentials, one per labour function with credited skills.
    const credits = page.getByTestId('credit-credentials');
    await credits.waitFor({ timeout: 60000 });
    const [credit] = await Promise.all([
      page.waitForEvent('download'),
      credits
        .getByRole('button', { name: /^Куәлікті жүктеп алу/ })
        .first()
        .click(),
    ]);
    const signed = JSON.parse(readFileSync(await credit.path(), 'utf8')) as { proof?: unknown; type: string[] };
    expect(signed.proof).toBeDefined();

    // The retake: not before the wait the decision granted is over.
    const retake = page.getByTestId('retake');
    await retake.waitFor();
    const apply = retake.getByRole('button', { name: 'Осы карточкаға қайта өтінім беру' });
    expect(await retake.innerText()).toMatch(/Қайта тапсыру \d{2}\.\d{2}\.\d{4} бастап мүмкін/);
    expect(await apply.isDisabled()).toBe(true);
    await checkPage(page, 'application-partial-kk');

    // The decision was signed 31 days ago: the wait is over, and so is the appeal window.
    await portal.ctx.dataSource.query(
      `UPDATE decision SET signed_at = signed_at - interval '31 days' WHERE application_id = $1 AND status = 'approved'`,
      [applicationId],
    );
    await page.reload();
    await page.getByText(/Шағымдану мерзімі .* аяқталды/).waitFor();
    await eventually(
      () => apply.isDisabled(),
      (disabled) => !disabled,
    );
    await apply.click();
    await page.waitForURL(
      (url) => /\/cabinet\/applications\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(applicationId),
    );
    await page.getByTestId('application-status').filter({ hasText: 'жоба' }).waitFor();

    // The notification of the signed decision, said in Kazakh with the card's name.
    await page.goto('/cabinet/notifications');
    await page.getByText('Өтініміңіз бойынша шешімге қол қойылды').first().waitFor({ timeout: 60000 });
    await checkPage(page, 'notifications-kk');
    await page.getByText('Өтініміңіз бойынша шешімге қол қойылды').first().click();
    await page.waitForURL(/\/cabinet\/applications\//);
    await context.close();
  });
});
