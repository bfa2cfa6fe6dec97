import { createHmac, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import request from 'supertest';
import type { App } from 'supertest/types';
import { rateLimitKey, redisConnectionOptions } from '@qualcert/shared';
import { exeFile, pdfFile, pngFile } from '../utils/files';
import { bearer, newCandidate, TestSession } from '../utils/fixtures';
import { evidenceFields, filePart, filePartWithParams, MultipartPart, postMultipart } from '../utils/multipart';
import { createTestApp, TestContext } from '../utils/test-app';

const UPLOADS_PER_MINUTE = 40;

/** What the API must make of a hostile name: the name it stores and offers back, or one refusal. */
type NameOutcome = { stored: string; disposition: string } | { refused: object };

const fileRequired = {
  refused: {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Кейбір өрістер қате толтырылған.',
    details: { fields: [{ field: 'file', messages: ['файл міндетті'] }] },
  },
};
const malformedPart = {
  refused: { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Сұрауды оқу мүмкін болмады.' },
};
/** A stored name and its download header, the extended value written out by hand. */
const named = (name: string, extended = name) => ({
  stored: name,
  disposition: `attachment; filename="${name}"; filename*=UTF-8''${extended}`,
});

/** Abuse of the upload route and of access tokens. */
describe('abuse: uploads and tokens', () => {
  let ctx: TestContext;
  let server: App;
  let candidate: TestSession;

  const upload = (data: Buffer, name: string, session: TestSession = candidate) =>
    postMultipart(server, '/api/v1/evidence', session.accessToken, [...evidenceFields(), filePart(data, name)]);
  const rowsOf = (session: TestSession) =>
    ctx.dataSource.query<{ id: string; file_name: string; storage_key: string; sha256: string }[]>(
      'SELECT id, file_name, storage_key, sha256 FROM evidence_file WHERE candidate_id = $1 ORDER BY created_at',
      [session.id],
    );
  /** The files in the candidate's storage folder (temporary files included: a failed write leaves none). */
  const filesOf = (session: TestSession): string[] => {
    try {
      return readdirSync(join(String(process.env.STORAGE_DISK_PATH), 'evidence', session.id)).sort();
    } catch {
      return [];
    }
  };

  const previousLimit = process.env.EVIDENCE_UPLOADS_PER_MINUTE;

  beforeAll(async () => {
    process.env.EVIDENCE_UPLOADS_PER_MINUTE = String(UPLOADS_PER_MINUTE);
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    candidate = await newCandidate(ctx);
  });
  afterAll(async () => {
    await ctx.close();
    if (previousLimit === undefined) delete process.env.EVIDENCE_UPLOADS_PER_MINUTE;
    else process.env.EVIDENCE_UPLOADS_PER_MINUTE = previousLimit;
  });

  describe('uploads', () => {
    it('refuses files whose content is not PDF, JPEG or PNG, whatever they are called, storing nothing', async () => {
      const unsupported = {
        statusCode: 415,
        code: 'UNSUPPORTED_FILE_TYPE',
        message: 'Бұл файл түрі қабылданбайды: PDF, JPEG не PNG жүктеңіз.',
        details: { fields: [{ field: 'file', messages: ['PDF, JPEG немесе PNG файлы емес'] }] },
      };
      const cases: [Buffer, string, object][] = [
        [exeFile(), 'certificate.pdf', unsupported],
        [Buffer.from('<html><script>alert(1)</script></html>'), 'certificate.pdf', unsupported],
        [Buffer.from('PK\u0003\u0004 zip archive'), 'scan.png', unsupported],
        [Buffer.from('%!PS-Adobe-3.0 postscript'), 'scan.pdf', unsupported],
        [Buffer.from([0xff, 0xd8]), 'truncated.jpg', unsupported],
        [
          Buffer.alloc(0),
          'empty.pdf',
          {
            statusCode: 422,
            code: 'FILE_EMPTY',
            message: 'Файл бос.',
            details: { fields: [{ field: 'file', messages: ['файл бос'] }] },
          },
        ],
      ];
      const session = await newCandidate(ctx);
      for (const [data, name, refusal] of cases) {
        const res = await upload(data, name, session);
        expect([name, res.status, res.body]).toEqual([name, refusal['statusCode' as keyof object], refusal]);
      }
      expect(await rowsOf(session)).toEqual([]);
      expect(filesOf(session)).toEqual([]);
    });

    it('stores a polyglot as what its first bytes say, and serves it as an attachment never sniffed', async () => {
      // A PNG with a ZIP archive and an HTML page appended: valid as all three.
      const polyglot = Buffer.concat([
        pngFile(),
        Buffer.from('<html><script>alert(document.cookie)</script></html>'),
        Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18)),
      ]);
      const res = await upload(polyglot, 'photo.html').expect(201);
      expect(res.body).toMatchObject({ mime: 'image/png', fileName: 'photo.png' });
      const download = await request(server)
        .get(`/api/v1/evidence/${res.body.id}/download`)
        .set(...bearer(candidate))
        .expect(200);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="photo.png"; filename*=UTF-8''photo.png`,
      );
    });

    it('neutralises hostile file names sent as raw bytes: paths, control and direction characters, header injection, length', async () => {
      const session = await newCandidate(ctx);
      // Each name goes on the wire exactly as written between the quotes of filename="…" (raw), as
      // a browser escapes it (%22, %0D, %0A), or in RFC 5987's filename*=.
      const raw = (name: string | Buffer) => (data: Buffer) => filePart(data, name);
      const extended = (encoded: string) => (data: Buffer) => filePartWithParams(data, `; filename*=UTF-8''${encoded}`);
      const cases: [string, (data: Buffer) => MultipartPart, NameOutcome][] = [
        ['unix path traversal', raw('../../etc/passwd'), named('passwd.pdf')],
        ['windows path traversal', raw('..\\..\\win.ini'), named('win.ini.pdf')],
        ['windows absolute path', raw('C:\\Windows\\System32\\evil.pdf'), named('evil.pdf')],
        ['traversal in filename*', extended('..%2F..%2Fetc%2Fpasswd'), named('passwd.pdf')],
        // A raw CR LF ends the part's header: the disposition's quote never closes, the part is no file.
        ['raw CR LF header injection', raw('a\r\nSet-Cookie: session=stolen.pdf'), fileRequired],
        ['raw LF header injection', raw('a\nSet-Cookie: session=stolen.pdf'), malformedPart],
        [
          'CR LF as a browser escapes it',
          raw('a%0D%0ASet-Cookie: session=stolen.pdf'),
          named('aSet-Cookie session=stolen.pdf', 'aSet-Cookie%20session%3Dstolen.pdf'),
        ],
        [
          'CR LF and NUL in filename*',
          extended('a%0D%0ASet-Cookie%3A%20x%00y.pdf'),
          named('aSet-Cookie xy.pdf', 'aSet-Cookie%20xy.pdf'),
        ],
        ['raw quotes closing the parameter', raw('"quoted"; filename=other.pdf'), fileRequired],
        [
          'quotes as a browser escapes them',
          raw('%22quoted%22; filename=other.pdf'),
          {
            stored: 'quoted; filename=other.pdf',
            disposition: `attachment; filename="quoted; filename=other.pdf"; filename*=UTF-8''quoted%3B%20filename%3Dother.pdf`,
          },
        ],
        [
          'backslash-escaped quotes',
          raw('\\"quoted\\"; filename=other.pdf'),
          {
            stored: 'quoted; filename=other.pdf',
            disposition: `attachment; filename="quoted; filename=other.pdf"; filename*=UTF-8''quoted%3B%20filename%3Dother.pdf`,
          },
        ],
        ['raw NUL byte', raw('nul\u0000byte.pdf'), malformedPart],
        [
          'a 600-letter Cyrillic name',
          raw(`${'я'.repeat(600)}.pdf`),
          {
            stored: `${'я'.repeat(116)}.pdf`,
            disposition: `attachment; filename="${'_'.repeat(116)}.pdf"; filename*=UTF-8''${'%D1%8F'.repeat(116)}.pdf`,
          },
        ],
        // Beyond the 16 KiB a part's header may have.
        ['a 20,000-character name', raw(`${'a'.repeat(20000)}.pdf`), malformedPart],
        ['right-to-left override', raw('invoice\u202Efdp.exe'), named('invoicefdp.pdf')],
        ['a Windows device name', raw('CON.pdf'), named('CON_.pdf')],
        ['dots only', raw('....pdf'), named('file.pdf')],
        ['a directory only', raw('../'), fileRequired],
        ['markup', raw('<script>alert(1)</script>.pdf'), named('script.pdf')],
        [
          'an apostrophe, parentheses and stars',
          raw("O'Brien (копия) *1*.pdf"),
          {
            stored: "O'Brien (копия) 1.pdf",
            disposition: `attachment; filename="O'Brien (_____) 1.pdf"; filename*=UTF-8''O%27Brien%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29%201.pdf`,
          },
        ],
        [
          'bytes that are not UTF-8',
          raw(Buffer.from([0xff, 0xfe, 0x41, 0x2e, 0x65, 0x78, 0x65])),
          {
            stored: '\uFFFD\uFFFDA.pdf',
            disposition: `attachment; filename="__A.pdf"; filename*=UTF-8''%EF%BF%BD%EF%BF%BDA.pdf`,
          },
        ],
      ];
      const accepted: { file_name: string; sha256: string }[] = [];
      const storedRows = async () => (await rowsOf(session)).map(({ file_name, sha256 }) => ({ file_name, sha256 }));
      for (const [label, part, outcome] of cases) {
        const data = pdfFile(label);
        const res = await postMultipart(server, '/api/v1/evidence', session.accessToken, [
          ...evidenceFields(),
          part(data),
        ]);
        expect([label, res.headers['set-cookie']]).toEqual([label, undefined]);
        if ('refused' in outcome) {
          expect([label, res.status, res.body]).toEqual([label, 400, outcome.refused]);
        } else {
          expect([label, res.status, res.body.fileName]).toEqual([label, 201, outcome.stored]);
          accepted.push({ file_name: outcome.stored, sha256: res.body.sha256 });
          // As stored: the row's name, and the file under a key made of the owner and the content only.
          const [row] = await ctx.dataSource.query<{ file_name: string; storage_key: string }[]>(
            'SELECT file_name, storage_key FROM evidence_file WHERE id = $1',
            [res.body.id],
          );
          expect([label, row]).toEqual([
            label,
            { file_name: outcome.stored, storage_key: `evidence/${session.id}/${res.body.sha256}` },
          ]);
          const download = await request(server)
            .get(`/api/v1/evidence/${res.body.id}/download`)
            .set(...bearer(session))
            .buffer(true)
            .expect(200);
          expect([label, download.headers['content-disposition'], download.headers['set-cookie']]).toEqual([
            label,
            outcome.disposition,
            undefined,
          ]);
          expect(Buffer.compare(download.body as Buffer, data)).toBe(0);
        }
        // Every case: the candidate's rows are exactly those accepted so far (a refusal stored nothing).
        expect([label, await storedRows()]).toEqual([label, accepted]);
      }
      // Nothing was written anywhere but under the content's hash.
      expect(filesOf(session)).toEqual(accepted.map((a) => a.sha256).sort());
    });

    it('refuses an oversize file and a second file in one request, storing nothing', async () => {
      const other = await newCandidate(ctx);
      const big = Buffer.concat([pdfFile(), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
      expect((await upload(big, 'big.pdf', other).expect(413)).body).toEqual({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Файл тым үлкен.',
      });
      const twice = await postMultipart(server, '/api/v1/evidence', other.accessToken, [
        ...evidenceFields(),
        filePart(pdfFile('one'), 'one.pdf'),
        filePart(pdfFile('two'), 'two.pdf'),
      ]);
      expect([twice.status, twice.body]).toEqual([
        400,
        { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Сұрауды оқу мүмкін болмады.' },
      ]);
      expect(await rowsOf(other)).toEqual([]);
      expect(filesOf(other)).toEqual([]);
    });

    it('takes a flood of parallel uploads within the limit, then answers 429, never a 5xx', async () => {
      const flooder = await newCandidate(ctx);
      // The candidate's minute opens with the first upload, whatever the clock says: no waiting.
      const files = Array.from({ length: 30 }, (_, i) => pdfFile(`flood ${i}`));
      const answers = await Promise.all(files.map((f, i) => upload(f, `flood-${i}.pdf`, flooder)));
      expect(answers.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
      // pdfFile adds randomness to every file, so all 30 are distinct and each is stored once.
      expect(await rowsOf(flooder)).toHaveLength(30);

      const beyond = await Promise.all(
        Array.from({ length: 15 }, (_, i) => upload(pdfFile(`more ${i}`), `more-${i}.pdf`, flooder)),
      );
      expect(beyond.filter((r) => r.status === 201)).toHaveLength(UPLOADS_PER_MINUTE - 30);
      const refused = beyond.filter((r) => r.status === 429);
      expect(refused).toHaveLength(45 - UPLOADS_PER_MINUTE);
      // The count is the one key of the candidate's window; Retry-After is what is left of it.
      const redis = new Redis(redisConnectionOptions(String(process.env.REDIS_URL)));
      try {
        const key = rateLimitKey(String(process.env.BULLMQ_PREFIX), 'evidence-upload', `user:${flooder.id}`);
        expect(await redis.get(key)).toBe('45');
        const left = await redis.pttl(key);
        for (const r of refused) {
          const retryAfter = Number(r.headers['retry-after']);
          expect(r.body).toEqual({
            statusCode: 429,
            code: 'TOO_MANY_REQUESTS',
            message: 'Тым көп әрекет. Біраз күтіп, қайталаңыз.',
            details: { retryAfterSeconds: retryAfter },
          });
          expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(left / 1000));
          expect(retryAfter).toBeLessThanOrEqual(60);
        }
      } finally {
        redis.disconnect();
      }
      expect(await rowsOf(flooder)).toHaveLength(UPLOADS_PER_MINUTE);
      expect(filesOf(flooder)).toHaveLength(UPLOADS_PER_MINUTE);
      // Another candidate is not held back by the flooder's count.
      const other = await newCandidate(ctx);
      await upload(pdfFile('calm'), 'calm.pdf', other).expect(201);
    });
  });

  describe('tokens', () => {
    const me = (token: string) => request(server).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('refuses alg none, another algorithm, another key, a stranger and a tampered payload', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: candidate.id, role: 'admin', sv: 0, iat: now, exp: now + 600 };
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
      expect((await me(none).expect(401)).body.code).toBe('UNAUTHENTICATED');
      // HS512 with the right secret is still refused: only HS256 is accepted.
      const secret = String(process.env.JWT_SECRET ?? '');
      const hs512 = new JwtService({ secret: secret || 'x'.repeat(40) }).sign(claims, { algorithm: 'HS512' });
      await me(hs512).expect(401);
      const otherKey = new JwtService({ secret: 'another secret of at least thirty-two characters' }).sign(claims);
      await me(otherKey).expect(401);
      const stranger = ctx.app.get(JwtService).sign({ sub: randomUUID(), role: 'admin', sv: 0 });
      await me(stranger).expect(401);
      // A real token with its payload changed to admin: the signature no longer matches.
      const [header, , signature] = candidate.accessToken.split('.');
      await me(`${header}.${b64(claims)}.${signature}`).expect(401);
      // A signature computed with an empty key.
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
      const emptyKey = createHmac('sha256', '').update(unsigned).digest('base64url');
      await me(`${unsigned}.${emptyKey}`).expect(401);
      // The real one still works, and says what it is.
      expect((await me(candidate.accessToken).expect(200)).body.role).toBe('candidate');
    });

    it('does not let a token claim a role its account does not have', async () => {
      // The candidate's own session, so that only the role claimed differs from a real token.
      const { sid } = ctx.app.get(JwtService).decode<{ sid: string }>(candidate.accessToken);
      const claimed = ctx.app.get(JwtService).sign({ sub: candidate.id, role: 'admin', sv: 0, sid });
      await request(server).get('/api/v1/users').set('Authorization', `Bearer ${claimed}`).expect(403);
    });
  });
});
