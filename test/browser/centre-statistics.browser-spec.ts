import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { assessedApplication, enrolledCandidate, ExamDay, signOffDecision } from '../utils/exam-day';
import { QUEUES } from '@qualcert/shared';
import { bearer, newSession } from '../utils/fixtures';
import {
  checkPage,
  ExamDayPortal,
  newContext,
  PHONE,
  Portal,
  signIn,
  startExamDayPortal,
  stopExamDayPortal,
} from './browser-support';

/** The report and each of its charts, drawn. */
async function reportShown(page: Page, charts: number): Promise<void> {
  await page.getByTestId('statistics-report').waitFor({ timeout: 30000 });
  await page.waitForFunction((n) => document.querySelectorAll('figure svg.recharts-surface').length >= n, charts);
  await page.mouse.move(0, 0);
}

/**
 * The centre's statistics page on a known set-up (two candidates examined today, one failing a
 * mandatory skill, one not yet examined; both decisions signed, one appealed): reached from the
 * manager's overview, in Kazakh, Russian (a reversed period refused in words) and English on a
 * phone, its tables saying the numbers and its charts drawn; every language checked at both sizes.
 */
describe('portal: the centre’s statistics and its applications', () => {
  let running: ExamDayPortal;
  let portal: Portal;
  let worker: INestApplicationContext;
  let day: ExamDay;

  beforeAll(async () => {
    running = await startExamDayPortal();
    ({ portal, worker, day } = running);
    const ctx = portal.ctx;
    const passed = await assessedApplication(ctx, day);
    const failed = await assessedApplication(ctx, day, 1);
    const pending = await enrolledCandidate(ctx, day);
    await signOffDecision(ctx, day.manager, passed.applicationId);
    const partial = await signOffDecision(ctx, day.manager, failed.applicationId);
    await request(ctx.app.getHttpServer())
      .post(`/api/v1/decisions/${partial}/appeals`)
      .set(...bearer(failed.candidate))
      .send({ contestedSkillIds: [day.mandatory[0].id], grounds: 'Практическое задание оценено без учёта записи' })
      .expect(201);
    // A workflow job about the centre's work that failed after its retries (a name its queue does not know).
    const queue = worker.get<Queue>(getQueueToken(QUEUES.eligibility));
    await queue.add('no-such-job', { applicationId: pending.applicationId, submission: 1 }, { attempts: 1 });
    // Written directly as eligible by the fixtures: given their submission now.
    await ctx.dataSource.query(
      `UPDATE application SET submitted_at = now(), eligibility = '{"outcome": "eligible"}'::jsonb WHERE id = ANY($1::uuid[])`,
      [[passed.applicationId, failed.applicationId, pending.applicationId]],
    );
    // A recognition application refused at first and admitted by the manager, two skills credited on evidence.
    const candidate = await newSession(ctx, 'candidate');
    const [recognition] = await ctx.dataSource.query<{ id: string }[]>(
      `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission,
                                submitted_at, eligibility, eligibility_override)
       SELECT gen_random_uuid(), $1, $2, c.id, c.standard_version_id, 'recognition', 'eligible', 1, now(),
              '{"outcome": "ineligible"}'::jsonb, jsonb_build_object('byUserId', $4::text, 'justification', 'Опыт подтверждён', 'at', now())
         FROM profession_card c WHERE c.id = $3
       RETURNING id`,
      [candidate.id, day.centreId, day.cardId, day.manager.id],
    );
    for (const skill of day.skills.slice(0, 2)) {
      await ctx.dataSource.query(
        `INSERT INTO evidence_review (id, application_id, skill_id, assessor_id, status, decided_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'accepted', now())`,
        [recognition.id, skill.id, day.assessors[0].id],
      );
    }
  });

  afterAll(() => stopExamDayPortal(running));

  it('is opened from the overview and shows the period’s numbers as tables and charts, in three languages', async () => {
    const path = `/staff/centres/${day.centreId}/statistics`;

    // Kazakh: from the manager's overview, the year so far.
    const kk = await newContext(portal, 'kk');
    const page = await kk.newPage();
    await signIn(page, day.manager);
    // The overview shows the centre's failed job (the worker fails it at once).
    await page.getByTestId('centre-failed-jobs').getByText('eligibility · no-such-job').waitFor({ timeout: 30000 });
    await checkPage(page, 'staff-dashboard-manager-kk');
    await page.getByRole('link', { name: 'Орталық статистикасы' }).click();
    await page.waitForURL((url) => url.pathname === path);
    await page.getByRole('heading', { level: 1, name: 'Орталық статистикасы' }).waitFor();
    await reportShown(page, 5);
    const card = page.getByTestId('exam-card-row');
    expect(await card.count()).toBe(1);
    // Passed, failed, not complete, and the pass rate: 1 of 2.
    const cells = await card.locator('td').allInnerTexts();
    expect(cells.slice(1, 4)).toEqual(['1', '1', '1']);
    expect(cells[4]).toMatch(/^50\s?%$/);
    expect(await page.getByTestId('exam-skill-row').count()).toBe(day.skills.length);
    expect(await page.getByTestId('workload-row').count()).toBe(2);
    await checkPage(page, 'staff-statistics-kk');
    await kk.close();

    // Russian: a period that ends before it starts is refused in words; a preset puts it right.
    const ru = await newContext(portal, 'ru');
    const ruPage = await ru.newPage();
    await signIn(ruPage, day.manager, path);
    await reportShown(ruPage, 5);
    await ruPage.getByLabel('С', { exact: true }).fill('2030-01-01');
    await ruPage.getByText('Начало периода позже его конца.').waitFor();
    await ruPage.getByRole('button', { name: 'Последние 30 дней' }).click();
    await reportShown(ruPage, 5);
    expect(await ruPage.getByTestId('appeals-table').innerText()).toContain('ещё не решена');
    await checkPage(ruPage, 'staff-statistics-ru');
    await ru.close();

    // English, on a phone: a year with nothing in it says so.
    const en = await newContext(portal, 'en', PHONE);
    const enPage = await en.newPage();
    await signIn(enPage, day.manager, path);
    await reportShown(enPage, 5);
    await checkPage(enPage, 'staff-statistics-en');
    await enPage.getByLabel('From', { exact: true }).fill('2020-01-01');
    await enPage.getByLabel('To', { exact: true }).fill('2020-12-31');
    await enPage.getByText('Nothing in this period.').first().waitFor();
    await en.close();
  });

  it('filters the centre’s applications by state, card, pathway and days, each asked of the API, in Russian', async () => {
    const context = await newContext(portal, 'ru');
    const page = await context.newPage();
    const path = `/staff/centres/${day.centreId}/applications`;
    await signIn(page, day.manager, path);
    await page.getByRole('heading', { level: 1, name: 'Заявки' }).waitFor();
    const rows = page.getByTestId('application-row');
    const shown = (n: number, total: number) => page.getByText(`Показано: ${n} из ${total}`).waitFor();
    await shown(4, 4);
    await page.getByLabel('Путь').selectOption('recognition');
    await shown(1, 1);
    expect(await rows.innerText()).toContain('признание результатов обучения');
    await page.getByLabel('Путь').selectOption('assessment');
    await shown(3, 3);
    await page.getByLabel('Квалификация (карточка профессии)').selectOption(day.cardId);
    await page.getByLabel('Состояние').selectOption('decided');
    await shown(2, 2);
    expect(page.url()).toContain(`card=${day.cardId}`);
    // Days: a period before today has none of them; one that starts after it ends is refused on its field.
    await page.getByLabel('С', { exact: true }).fill('2020-01-01');
    await page.getByLabel('По', { exact: true }).fill('2020-12-31');
    await shown(0, 0);
    await page.getByLabel('С', { exact: true }).fill('2021-01-01');
    await page.getByText('Начало периода позже его конца.').waitFor();
    expect(await rows.count()).toBe(0);
    await page.getByLabel('По', { exact: true }).fill('');
    await shown(2, 2);
    await page.mouse.move(0, 0);
    await checkPage(page, 'staff-applications-filtered-ru');
    await context.close();
  });
  it('lets an assessor declare their conflicts of interest and close one, in Kazakh on a phone', async () => {
    const context = await newContext(portal, 'kk', PHONE);
    const page = await context.newPage();
    await signIn(page, day.assessors[0]);
    await page.getByTestId('staff-menu').getByRole('link', { name: 'Менің мүдделер қақтығыстарым' }).click();
    await page.getByRole('heading', { level: 1, name: 'Мүдделер қақтығысы туралы мәлімдемелерім' }).waitFor();
    // Too short a reason is refused on its field.
    await page.getByLabel('Жұмыс беруші').fill('ТОО «Колл-центр Плюс»');
    await page.getByLabel('Себебі').fill('Иә');
    await page.getByRole('button', { name: 'Мәлімдеу' }).click();
    await page.locator('.mantine-InputWrapper-error').first().waitFor();
    await page.getByLabel('Себебі').fill('2023 жылға дейін осы ұйымда жұмыс істедім');
    await page.getByRole('button', { name: 'Мәлімдеу' }).click();
    const rows = page.getByTestId('conflict-row');
    await rows.filter({ hasText: 'ТОО «Колл-центр Плюс»' }).waitFor();
    // A candidate of the centre, chosen from those who applied there.
    await page.getByLabel('Кіммен').selectOption('candidate');
    const candidate = page.getByLabel('Үміткер');
    await candidate.locator('option').nth(1).waitFor({ state: 'attached' });
    await candidate.selectOption({ index: 1 });
    await page.getByLabel('Себебі').fill('Үміткер менің туысым');
    await page.getByRole('button', { name: 'Мәлімдеу' }).click();
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    // The employer's declaration closed with a reason: kept, and said closed.
    const employer = rows.filter({ hasText: 'ТОО «Колл-центр Плюс»' });
    await employer.getByLabel('Неге енді күшінде емес').fill('Ұйым 2024 жылы жабылды');
    await employer.getByRole('button', { name: 'Жабу' }).click();
    await employer.getByText('Жабылды: Ұйым 2024 жылы жабылды').waitFor();
    expect(await rows.count()).toBe(2);
    await page.mouse.move(0, 0);
    await checkPage(page, 'staff-conflicts-kk');
    await context.close();
  });
});
