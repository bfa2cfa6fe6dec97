import { INestApplicationContext } from '@nestjs/common';
import { Workbook } from 'exceljs';
import request from 'supertest';
import type { App } from 'supertest/types';
import { assessedApplication, ExamDay, issuedCertificate, signOffDecision } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, newSession, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

/** Reads a binary answer (a spreadsheet) as a Buffer. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('the register of certificates: filtered pages and spreadsheets', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;
  let otherManager: TestSession;
  const numbers: string[] = [];

  beforeAll(async () => {
    ({ ctx, worker, server, day } = await startExamDayApp({ worker: true }));
    otherManager = await newSession(ctx, 'centre_manager', []);
    for (let i = 0; i < 2; i += 1) {
      const { applicationId, candidate } = await assessedApplication(ctx, day);
      await signOffDecision(ctx, day.manager, applicationId);
      numbers.push((await issuedCertificate(ctx, candidate, applicationId)).number);
    }
    const [revoked] = await ctx.dataSource.query<{ id: string }[]>('SELECT id FROM certificate WHERE number = $1', [
      numbers[1],
    ]);
    await request(server)
      .post(`/api/v1/certificates/${revoked.id}/revoke`)
      .set(...bearer(day.manager))
      .send({ reason: 'Выдан по ошибке в данных кандидата' })
      .expect(200);
    // Two candidates examined and certified by the worker: longer than a test's default.
  }, 180_000);
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  const page = (who: { accessToken: string }, query: Record<string, string | number>) =>
    request(server)
      .get('/api/v1/certificates/register')
      .query(query)
      .set(...bearer(who))
      .expect(200)
      .then(
        (r) =>
          r.body as {
            items: { number: string; status: string; cardName: string; centreCode: string }[];
            total: number;
          },
      );

  it('filters by centre, card, status, dates and text, a page at a time', async () => {
    const all = await page(day.manager, { centreId: day.centreId });
    expect(all.total).toBe(2);
    expect(all.items.map((r) => r.number).sort()).toEqual([...numbers].sort());
    expect(all.items[0].cardName).toBeTruthy();
    expect((await page(day.admin, { cardId: day.cardId, status: 'revoked', q: numbers[1] })).items).toEqual([
      expect.objectContaining({ number: numbers[1], status: 'revoked' }),
    ]);
    expect((await page(day.admin, { centreId: day.centreId, status: 'valid' })).items.map((r) => r.number)).toEqual([
      numbers[0],
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await page(day.manager, { issuedFrom: '2000-01-01', issuedTo: '2000-12-31' })).total).toBe(0);
    expect((await page(day.manager, { issuedTo: '2999-12-31', issuedFrom: today.slice(0, 4) + '-01-01' })).total).toBe(
      2,
    );
    const first = await page(day.manager, { centreId: day.centreId, limit: 1, offset: 0 });
    const second = await page(day.manager, { centreId: day.centreId, limit: 1, offset: 1 });
    expect([first.total, first.items.length, second.items.length]).toEqual([2, 1, 1]);
    expect(first.items[0].number).not.toBe(second.items[0].number);
  });

  it('shows a manager their own centres only, whatever centre they ask for', async () => {
    expect((await page(otherManager, {})).total).toBe(0);
    expect((await page(otherManager, { centreId: day.centreId })).total).toBe(0);
  });

  it('exports the same rows as xlsx and csv', async () => {
    const xlsx = await request(server)
      .get('/api/v1/certificates/register/export')
      .query({ format: 'xlsx', centreId: day.centreId })
      .set(...bearer(day.manager))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Номер');
    expect([2, 3].map((n) => sheet.getRow(n).getCell(1).value).sort()).toEqual([...numbers].sort());
    expect(sheet.rowCount).toBe(3);

    const csv = await request(server)
      .get('/api/v1/certificates/register/export')
      .query({ format: 'csv', centreId: day.centreId, status: 'revoked' })
      .set(...bearer(day.manager))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Номер,Владелец,ИИН/);
    expect(lines[1]).toContain(numbers[1]);
    expect(lines[1]).toContain('Выдан по ошибке в данных кандидата');
  });

  it('refuses an unknown format and a malformed filter by the field', async () => {
    const res = await request(server)
      .get('/api/v1/certificates/register/export')
      .query({ format: 'pdf' })
      .set(...bearer(day.manager))
      .expect(400);
    expect(res.body.details.fields[0].field).toBe('format');
    await request(server)
      .get('/api/v1/certificates/register')
      .query({ status: 'lost' })
      .set(...bearer(day.admin))
      .expect(400);
  });
});
