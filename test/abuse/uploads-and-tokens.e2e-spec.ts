import { createHmac, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { App } from 'supertest/types';
import { exeFile, pdfFile, pngFile } from '../utils/files';
import { bearer, newCandidate, TestSession } from '../utils/fixtures';
import { createTestApp, TestContext } from '../utils/test-app';

const UPLOADS_PER_MINUTE = 40;
const meta = { type: 'course_certificate', issuer: 'Учебный центр', issueDate: '2024-05-20' };

/** Abuse of the upload route and of access tokens. */
describe('abuse: uploads and tokens', () => {
  let ctx: TestContext;
  let server: App;
  let candidate: TestSession;

  const upload = (data: Buffer, name: string, session: TestSession = candidate) => {
    let req = request(server)
      .post('/api/v1/evidence')
      .set(...bearer(session))
      .attach('file', data, name);
    for (const [k, v] of Object.entries(meta)) req = req.field(k, v);
    return req;
  };
  const stored = async (session: TestSession) =>
    Number(
      (
        await ctx.dataSource.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM evidence_file WHERE candidate_id = $1', [
          session.id,
        ])
      )[0].n,
    );

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
    it('refuses files whose content is not PDF, JPEG or PNG, whatever they are called', async () => {
      const cases: [Buffer, string][] = [
        [exeFile(), 'certificate.pdf'],
        [Buffer.from('<html><script>alert(1)</script></html>'), 'certificate.pdf'],
        [Buffer.from('PK\u0003\u0004 zip archive'), 'scan.png'],
        [Buffer.from('%!PS-Adobe-3.0 postscript'), 'scan.pdf'],
        [Buffer.from([0xff, 0xd8]), 'truncated.jpg'],
      ];
      for (const [data, name] of cases) {
        const res = await upload(data, name);
        expect([415, 422]).toContain(res.status);
        expect(['UNSUPPORTED_FILE_TYPE', 'FILE_EMPTY']).toContain(res.body.code);
      }
      expect(await stored(candidate)).toBe(0);
    });

    it('stores a polyglot as what its first bytes say, and serves it as an attachment never sniffed', async () => {
      // A PNG with a ZIP archive and an HTML page appended: valid as all three.
      const polyglot = Buffer.concat([
        pngFile(),
        Buffer.from('<html><script>alert(document.cookie)</script></html>'),
        Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18)),
      ]);
      const res = await upload(polyglot, 'photo.html').expect(201);
      expect(res.body).toMatchObject({ mime: 'image/png' });
      expect(res.body.fileName).toBe('photo.png');
      const download = await request(server)
        .get(`/api/v1/evidence/${res.body.id}/download`)
        .set(...bearer(candidate))
        .expect(200);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    });

    it('neutralises hostile file names: paths, control and direction characters, header injection, length', async () => {
      const names = [
        '../../../../etc/passwd.pdf',
        'C:\\Windows\\System32\\evil.pdf',
        'invoice\u202Efdp.exe',
        'a\r\nSet-Cookie: session=stolen.pdf',
        'nul\u0000byte.pdf',
        `${'я'.repeat(600)}.pdf`,
        'CON.pdf',
        '"quoted"; filename=other.pdf',
        '....pdf',
      ];
      for (const name of names) {
        const res = await upload(pdfFile(name), name);
        if (['\r', '\n', '"', '\u0000'].some((c) => name.includes(c)) && res.status === 400) {
          // The name broke the multipart framing itself: refused with the error shape, not stored.
          expect(typeof res.body.code).toBe('string');
          continue;
        }
        expect([res.status, name]).toEqual([201, name]);
        const fileName: string = res.body.fileName;
        expect(fileName).toMatch(/\.pdf$/);
        for (const c of ['/', '\\', '\r', '\n', '\u0000', '\u202E', '"']) expect(fileName).not.toContain(c);
        expect(fileName.length).toBeLessThanOrEqual(255);
        expect(fileName).not.toMatch(/^\.|^con\.pdf$/i);
        const download = await request(server)
          .get(`/api/v1/evidence/${res.body.id}/download`)
          .set(...bearer(candidate))
          .expect(200);
        expect(download.headers['set-cookie']).toBeUndefined();
        expect(download.headers['content-disposition']).not.toMatch(/[\r\n]/);
      }
    });

    it('refuses an oversize file and a second file in one request, storing nothing', async () => {
      const other = await newCandidate(ctx);
      const big = Buffer.concat([pdfFile(), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
      expect((await upload(big, 'big.pdf', other).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
      let twice = request(server)
        .post('/api/v1/evidence')
        .set(...bearer(other))
        .attach('file', pdfFile('one'), 'one.pdf')
        .attach('file', pdfFile('two'), 'two.pdf');
      for (const [k, v] of Object.entries(meta)) twice = twice.field(k, v);
      const res = await twice;
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await stored(other)).toBe(0);
    });

    it('takes a flood of parallel uploads within the limit, then answers 429, never a 5xx', async () => {
      const flooder = await newCandidate(ctx);
      // The count is per minute: start the burst well inside one.
      while (Date.now() % 60_000 > 45_000) await new Promise((resolve) => setTimeout(resolve, 500));
      const files = Array.from({ length: 30 }, (_, i) => pdfFile(`flood ${i}`));
      const answers = await Promise.all(files.map((f, i) => upload(f, `flood-${i}.pdf`, flooder)));
      expect(answers.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
      // pdfFile adds randomness to every file, so all 30 are distinct and each is stored once.
      expect(await stored(flooder)).toBe(30);

      const beyond = await Promise.all(
        Array.from({ length: 15 }, (_, i) => upload(pdfFile(`more ${i}`), `more-${i}.pdf`, flooder)),
      );
      const statuses = beyond.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(UPLOADS_PER_MINUTE - 30);
      const refused = beyond.filter((r) => r.status === 429);
      expect(refused).toHaveLength(45 - UPLOADS_PER_MINUTE);
      expect(refused[0].body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
      expect(await stored(flooder)).toBe(UPLOADS_PER_MINUTE);
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
      const claimed = ctx.app.get(JwtService).sign({ sub: candidate.id, role: 'admin', sv: 0 });
      await request(server).get('/api/v1/users').set('Authorization', `Bearer ${claimed}`).expect(403);
    });
  });
});
