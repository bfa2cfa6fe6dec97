import { INestApplicationContext } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { NotificationEmailService } from '@qualcert/notifications';
import { startExamDayApp } from './utils/exam-day-app';
import { assessedApplication, signOffDecision } from './utils/exam-day';
import { eventually } from './utils/fixtures';
import { TestContext } from './utils/test-app';
import type { ExamDay } from './utils/exam-day';

interface Received {
  to: string[];
  raw: string;
}

/** The UTF-8 text of a header's encoded words (=?UTF-8?B?…?=), joined. */
function decodeHeader(raw: string, name: string): string {
  const match = new RegExp(`^${name}: ((?:.*)(?:\\r\\n[ \\t].*)*)`, 'im').exec(raw);
  const value = (match?.[1] ?? '').replace(/\r\n[ \t]/g, ' ');
  const words = [...value.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)];
  return words.length > 0 ? Buffer.concat(words.map((w) => Buffer.from(w[1], 'base64'))).toString('utf8') : value;
}

/** The text body of a single-part message sent with base64 transfer encoding. */
function decodeBody(raw: string): string {
  const [, body = ''] = raw.split(/\r\n\r\n/, 2).length === 2 ? raw.split(/\r\n\r\n/) : ['', ''];
  return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
}

describe('notifications by e-mail (SMTP)', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let day: ExamDay;
  let smtp: SMTPServer;
  const received: Received[] = [];
  // Addresses whose first delivery the server refuses with a temporary error.
  const refuseOnce = new Set<string>();
  const saved = process.env.SMTP_URL;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuseOnce.delete(address.address)) {
          const error = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as { port: number };
    // Read when the app's and the worker's configuration is loaded.
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    ({ ctx, worker, day } = await startExamDayApp({ worker: true }));
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
  });

  it('e-mails the candidate in Kazakh and Russian when the decision is signed and the certificate issued, each once, though the server refused the first', async () => {
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    refuseOnce.add(candidate.email);
    const decisionId = await signOffDecision(ctx, day.manager, applicationId);

    // Two notifications: the decision signed, then the certificate issued; the first send of
    // whichever came first was refused and retried.
    const mails = await eventually(
      () => Promise.resolve(received.filter((m) => m.to.includes(candidate.email))),
      (m) => m.length >= 2,
      30000,
    );
    expect(refuseOnce.has(candidate.email)).toBe(false);
    expect(mails.map((m) => decodeHeader(m.raw, 'Subject')).sort()).toEqual(
      [
        'qualcert: Өтінішіңіз бойынша шешімге қол қойылды / Решение по вашему заявлению подписано',
        'qualcert: Сертификатыңыз берілді / Ваш сертификат выдан',
      ].sort(),
    );
    const mail = mails.find((m) => decodeHeader(m.raw, 'Subject').includes('Решение'));
    const text = decodeBody(mail?.raw ?? '');
    expect(text).toContain('Сәлеметсіз бе!');
    expect(text).toContain('Здравствуйте!');
    expect(text).toContain(`/cabinet/applications/${applicationId}`);
    // The server has the mail once the send's DATA is accepted; the job marks the row after that.
    const [row] = await eventually(
      () =>
        ctx.dataSource.query<{ id: string; emailed_at: Date | null }[]>(
          `SELECT id, emailed_at FROM notification WHERE subject_id = $1 AND user_id = $2`,
          [decisionId, candidate.id],
        ),
      (rows) => rows[0]?.emailed_at != null,
      10000,
    );
    expect(row.emailed_at).not.toBeNull();
    expect(mail?.raw).toMatch(new RegExp(`^Message-ID: <notification-${row.id}@qualcert>`, 'im'));

    // The send job run again, twice at once: nothing more is sent.
    const emails = worker.get(NotificationEmailService);
    const again = { notificationId: row.id, outboxEventId: '0' };
    expect(await Promise.all([emails.send(again), emails.send(again)])).toEqual(['already_sent', 'already_sent']);
    expect(received.filter((m) => m.to.includes(candidate.email))).toHaveLength(2);
  });
});
