import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CertificateIssuer, CertificateProcessor } from '@qualcert/certificates';
import { FILE_STORAGE, FileStorage, QUEUES } from '@qualcert/shared';
import { assessedApplication, ExamDay, issuedCertificate, publicPath, signOffDecision } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, eventually, newSession, TestSession } from './utils/fixtures';
import { HeldRow, lockWaiters, withQueuePaused } from './utils/races';
import { TestContext } from './utils/test-app';

describe('certificates: issued, downloaded, verified, revoked', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;

  /** An application examined, decided and signed off; returns it once its certificate exists. */
  async function certified() {
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    const decisionId = await signOffDecision(ctx, day.manager, applicationId);
    const certificate = await issuedCertificate(ctx, candidate, applicationId);
    return {
      applicationId,
      candidate,
      decisionId,
      certificate,
    };
  }

  beforeAll(async () => {
    ({ ctx, worker, server, day } = await startExamDayApp({ worker: true }));
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('walks apply → exam → decision → sign-off → certificate → public verification → revocation', async () => {
    const { candidate, certificate } = await certified();
    // Numbered in the year of its issue day (the row's, not the test's clock: a run may cross New Year).
    const [{ code, year }] = await ctx.dataSource.query(
      `SELECT c.code, to_char(cert.issued_on, 'YYYY') AS year
         FROM certificate cert JOIN centre c ON c.id = cert.centre_id WHERE cert.id = $1`,
      [certificate.id],
    );
    expect(certificate.number).toMatch(new RegExp(`^${code}-${year}-\\d{6}$`));
    // The holder reads the verification code printed beside the number, and the URL its QR code carries.
    expect(certificate.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(certificate.verificationUrl).toBe(
      `${process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000'}/verify/${certificate.number}?code=${certificate.verificationCode}`,
    );

    const pdf = await request(server)
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(...bearer(candidate))
      .buffer(true)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const credential = (
      await request(server)
        .get(`/api/v1/certificates/${certificate.id}/credential`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body;
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    // No ИИН, whole or masked; a UUID's last group may be twelve digits, so a hyphen before them is no ИИН.
    expect(JSON.stringify(credential)).not.toMatch(/(?<![\w-])\d{12}(?![\w-])|\*{4}/);
    expect(credential.id).toBe(`urn:uuid:${certificate.id}`);
    expect(credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });

    const publicView = (await request(server).get(publicPath(certificate)).expect(200)).body;
    expect(publicView).toMatchObject({ number: certificate.number, status: 'valid' });
    // The credited functions and skills, as the certificate lists them, for the public page.
    expect(publicView.functions.length).toBeGreaterThan(0);
    expect(publicView.functions[0]).toEqual({
      title: expect.any(String),
      kind: expect.stringMatching(/^(mandatory|additional)$/),
      skills: expect.arrayContaining([{ id: expect.any(String), title: expect.any(String) }]),
    });
    expect(Object.keys(publicView).sort()).toEqual([
      'card',
      'centre',
      'functions',
      'holderName',
      'issuedOn',
      'number',
      'status',
      'validUntil',
    ]);
    const valid = (await request(server).post('/api/v1/public/credentials/verify').send(credential).expect(200)).body;
    expect(valid).toMatchObject({ verified: true, failed: [] });

    const tampered = { ...credential, validUntil: '2099-12-31T23:59:59Z' };
    const forged = (await request(server).post('/api/v1/public/credentials/verify').send(tampered).expect(200)).body;
    expect(forged).toMatchObject({ verified: false, checks: { signature: 'invalid' } });

    await request(server)
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(...bearer(day.manager))
      .send({ reason: 'Выявлено нарушение процедуры оценки' })
      .expect(200);
    const revoked = (await request(server).get(publicPath(certificate)).expect(200)).body;
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 'Выявлено нарушение процедуры оценки' });
    const afterRevocation = (
      await request(server).post('/api/v1/public/credentials/verify').send(credential).expect(200)
    ).body;
    expect(afterRevocation).toMatchObject({
      verified: false,
      failed: ['status'],
      checks: { signature: 'valid', status: 'revoked' },
    });
  });

  it('issues one certificate, with one number, when two workers race on the decision, and when the job runs again', async () => {
    const certificates = worker.get(CertificateIssuer);
    const lastNumber = async () =>
      (
        await ctx.dataSource.query(
          `SELECT COALESCE(MAX(last), 0)::int AS last FROM certificate_sequence
            WHERE centre_id = $1 AND year = EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC')`,
          [day.centreId],
        )
      )[0].last as number;
    const before = await lastNumber();
    // The sign-off's own job waits in the paused queue while two issuances race.
    const { decisionId, outcomes } = await withQueuePaused(worker, CertificateProcessor, async () => {
      const { applicationId } = await assessedApplication(ctx, day);
      const decisionId = await signOffDecision(ctx, day.manager, applicationId);
      const held = await HeldRow.hold('decision', decisionId);
      let racing: Promise<string[]>;
      try {
        racing = Promise.all([certificates.issue(decisionId), certificates.issue(decisionId)]);
        await lockWaiters(ctx.dataSource, 2);
      } finally {
        await held.release();
      }
      return { decisionId, outcomes: await racing };
    });
    expect([...outcomes].sort()).toEqual(['issued', 'skipped']);
    const rows = await ctx.dataSource.query('SELECT number FROM certificate WHERE decision_id = $1', [decisionId]);
    expect(rows).toHaveLength(1);
    // One number taken, the next one: none skipped by the one that lost.
    expect(await lastNumber()).toBe(before + 1);
    expect(Number(rows[0].number.split('-')[2])).toBe(before + 1);
    // The sign-off's job, run once the queue resumes, and the same job again: both skip.
    const [event] = await eventually(
      () =>
        ctx.dataSource.query<{ id: string }[]>(
          `SELECT id FROM outbox_event WHERE event_type = 'decision.approved'
              AND payload->>'decisionId' = $1 AND dispatched_at IS NOT NULL`,
          [decisionId],
        ),
      (found) => found.length === 1,
    );
    const queue = worker.get<Queue>(getQueueToken(QUEUES.certificates));
    const job = await eventually(
      () => queue.getJob(`certificate-${decisionId}-${event.id}`),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.returnvalue).toBe('skipped');
    expect(await certificates.issue(decisionId)).toBe('skipped');
    expect(await ctx.dataSource.query('SELECT number FROM certificate WHERE decision_id = $1', [decisionId])).toEqual(
      rows,
    );
    expect(await lastNumber()).toBe(before + 1);
  });

  it('renders a PDF missing after the issuing commit: on download, or when the job runs again', async () => {
    const { candidate, decisionId, certificate } = await certified();
    const storage = worker.get<FileStorage>(FILE_STORAGE);
    const download = async () =>
      (
        await request(server)
          .get(`/api/v1/certificates/${certificate.id}/pdf`)
          .set(...bearer(candidate))
          .buffer(true)
          .expect(200)
      ).body as Buffer;
    const [{ pdf_key: key }] = await ctx.dataSource.query('SELECT pdf_key FROM certificate WHERE id = $1', [
      certificate.id,
    ]);
    expect(key).toBe(`certificates/${decisionId}-${certificate.verificationCode.toLowerCase()}`);
    // The worker renders it just after the certificate's row commits.
    await eventually(() => storage.exists(key), Boolean);
    const original = await storage.get(key);

    // The worker stopped between the commit and the render: the holder downloads first.
    await storage.delete(key);
    expect(await download()).toEqual(original);
    expect(await storage.exists(key)).toBe(true);

    // Or the retried job comes first: it finds the certificate issued and renders what is missing.
    await storage.delete(key);
    expect(await worker.get(CertificateIssuer).issue(decisionId)).toBe('skipped');
    expect(await storage.get(key)).toEqual(original);
  });

  it('numbers certificates of one centre and year without gaps or repeats', async () => {
    const first = await certified();
    const second = await certified();
    const seq = (n: string) => Number(n.split('-')[2]);
    expect(seq(second.certificate.number)).toBe(seq(first.certificate.number) + 1);
  });

  it('expires certificates past their validity on a schedule, audited once each, and says so publicly', async () => {
    const { certificate } = await certified();
    const queue = worker.get<Queue>(getQueueToken(QUEUES.certificates));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((j) => j.key)).toContain('expire-certificates');
    // Time passes: the certificate's last valid day was yesterday.
    // Days are counted in UTC (the job's today), whatever the database's time zone.
    await ctx.dataSource.query(
      `UPDATE certificate SET valid_until = (now() AT TIME ZONE 'UTC')::date - 1 WHERE id = $1`,
      [certificate.id],
    );
    const [{ due }] = await ctx.dataSource.query(
      `SELECT COUNT(*)::int AS due FROM certificate WHERE status = 'valid' AND valid_until < (now() AT TIME ZONE 'UTC')::date`,
    );
    expect(await worker.get(CertificateIssuer).expireDue()).toBe(due);
    const [row] = await ctx.dataSource.query('SELECT status FROM certificate WHERE id = $1', [certificate.id]);
    expect(row.status).toBe('expired');
    const view = (await request(server).get(publicPath(certificate)).expect(200)).body;
    expect(view.status).toBe('expired');
    // The expiry's audit record: by the system, from valid to expired, naming the number.
    const audited = () =>
      ctx.dataSource.query(
        `SELECT actor_id, actor_role, entity_type, before, after FROM audit_log
          WHERE action = 'certificate.expired' AND entity_id = $1`,
        [certificate.id],
      );
    expect(await audited()).toEqual([
      {
        actor_id: null,
        actor_role: 'system',
        entity_type: 'certificate',
        before: { status: 'valid' },
        after: { status: 'expired', number: certificate.number },
      },
    ]);
    // The next run finds nothing of it to expire, and records nothing more.
    await worker.get(CertificateIssuer).expireDue();
    expect(await audited()).toHaveLength(1);
  });

  it('shows a certificate past its last valid day as expired on the public page before the expiry job has run', async () => {
    const { certificate } = await certified();
    await ctx.dataSource.query(
      `UPDATE certificate SET valid_until = (now() AT TIME ZONE 'UTC')::date - 1 WHERE id = $1`,
      [certificate.id],
    );
    // Held from a connection of the test's own, the row cannot be expired by the hourly job meanwhile.
    const held = await HeldRow.hold('certificate', certificate.id);
    try {
      const view = (await request(server).get(publicPath(certificate)).expect(200)).body;
      expect(view).toMatchObject({ number: certificate.number, status: 'expired' });
      const [row] = await ctx.dataSource.query('SELECT status FROM certificate WHERE id = $1', [certificate.id]);
      expect(row.status).toBe('valid');
    } finally {
      await held.release();
    }
  });

  it('keeps certificates to their holder, their centre and admins; answers unknown numbers with 404', async () => {
    const { certificate } = await certified();
    const stranger: TestSession = await newSession(ctx, 'candidate');
    await request(server)
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(...bearer(stranger))
      .expect(404);
    await request(server)
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(...bearer(stranger))
      .send({ reason: 'Попытка отзыва' })
      .expect(403);
    await request(server).get('/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4').expect(404);
    const bad = await request(server).get('/api/v1/public/certificates/not-a-number?code=7K3QM-Z9XA4').expect(400);
    expect(bad.body.details.fields[0].field).toBe('number');
  });

  it('signs again, and renders again, a certificate issued before verification codes', async () => {
    const { candidate, decisionId, certificate } = await certified();
    // As the migration leaves such a certificate: no credential (the old one named the masked
    // ИИН) and a PDF key that names the code, under which nothing is stored yet.
    await ctx.dataSource.query(
      `UPDATE certificate SET credential = NULL, pdf_key = 'certificates/' || decision_id || '-migrated' WHERE id = $1`,
      [certificate.id],
    );
    const [credential, again] = await Promise.all(
      [candidate, day.manager].map(async (who) =>
        request(server)
          .get(`/api/v1/certificates/${certificate.id}/credential`)
          .set(...bearer(who))
          .expect(200)
          .then((r) => r.body),
      ),
    );
    // Two readers at once: one signature is kept and both get it.
    expect(again).toEqual(credential);
    expect(credential.credentialStatus.type).toBe('BitstringStatusListEntry');
    expect(JSON.stringify(credential)).not.toMatch(/\*{4}/);
    const [row] = await ctx.dataSource.query('SELECT credential FROM certificate WHERE id = $1', [certificate.id]);
    expect(row.credential).toEqual(credential);
    expect(
      (await request(server).post('/api/v1/public/credentials/verify').send(credential).expect(200)).body,
    ).toMatchObject({ verified: true });
    const pdf = await request(server)
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(...bearer(candidate))
      .buffer(true)
      .expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await worker.get<FileStorage>(FILE_STORAGE).exists(`certificates/${decisionId}-migrated`)).toBe(true);
  });
});
