import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

/**
 * The baseline the API is measured against: a bare Node http server with a pg Pool of the API's
 * size, answering the benchmarked routes with the least work that still answers them correctly
 * (one indexed query each). What the API takes beyond this is the price of its framework, its
 * guards and its data access.
 *
 * Run as a process of its own: PORT, DATABASE_URL and (for the answer route) JWT_SECRET.
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const secret = process.env.JWT_SECRET ?? '';
const NUMBER = /^[A-Z0-9]{2,10}-\d{4}-\d{6}$/;
const VERIFY = /^\/api\/v1\/public\/certificates\/([^/?]+)\?code=([^&]*)$/;
const CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const ANSWER = /^\/api\/v1\/theory-tests\/([0-9a-f-]{36})\/answers\/(\d+)$/;

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function verify(number: string, code: string, res: ServerResponse): Promise<void> {
  const typed = code.toUpperCase().replace(/[\s-]/g, '');
  if (!NUMBER.test(number) || !CODE.test(typed)) return send(res, 400, { statusCode: 400, code: 'VALIDATION_FAILED' });
  const { rows } = await pool.query<{
    number: string;
    verification_code: string;
    status: string;
    holder_name: string;
    card: unknown;
    centre: unknown;
    functions: unknown[] | null;
    issued_on: string;
    valid_until: string;
    revoked_at: Date | null;
    revoke_reason: string | null;
  }>(
    `SELECT number, verification_code, status, holder_name, contents->'card' AS card, contents->'centre' AS centre,
            contents->'functions' AS functions, issued_on::text, valid_until::text, revoked_at, revoke_reason
       FROM certificate WHERE number = $1`,
    [number],
  );
  const row = rows[0];
  const stored = Buffer.from(row?.verification_code ?? '0000000000');
  if (!timingSafeEqual(stored, Buffer.from(typed)) || !row)
    return send(res, 404, { statusCode: 404, code: 'NOT_FOUND' });
  const today = new Date().toISOString().slice(0, 10);
  send(res, 200, {
    number: row.number,
    status: row.status === 'revoked' ? 'revoked' : row.valid_until < today ? 'expired' : 'valid',
    holderName: row.holder_name,
    card: row.card,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    centre: row.centre,
    functions: row.functions ?? [],
    ...(row.status === 'revoked' ? { revokedAt: row.revoked_at?.toISOString(), revokeReason: row.revoke_reason } : {}),
  });
}

/** An HS256 access token of the API: the signature and expiry checked, the claims returned. */
function bearer(req: IncomingMessage): { sub: string; sv: number } | null {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (!signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; sv: number; exp: number };
  return claims.exp * 1000 > Date.now() ? claims : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/**
 * Saving an answer in one statement: the account still active with the token's session version,
 * the test the caller's own and open, the options the question's own.
 */
async function saveAnswer(req: IncomingMessage, res: ServerResponse, testId: string, position: number): Promise<void> {
  const claims = bearer(req);
  if (!claims) return send(res, 401, { statusCode: 401, code: 'UNAUTHENTICATED' });
  const body = JSON.parse(await readBody(req)) as { optionIds?: unknown };
  if (!Array.isArray(body.optionIds) || !body.optionIds.every((o) => typeof o === 'string'))
    return send(res, 400, { statusCode: 400, code: 'VALIDATION_FAILED' });
  const answer = JSON.stringify([...new Set(body.optionIds)].sort());
  const { rowCount } = await pool.query(
    `UPDATE theory_test_item i SET answer_option_ids = $1::jsonb, answered_at = now()
       FROM theory_test t, app_user u
      WHERE i.test_id = $2 AND i.position = $3 AND i.option_labels @> $1::jsonb
        AND t.id = i.test_id AND t.candidate_id = $4 AND t.status = 'in_progress' AND t.deadline_at > now()
        AND u.id = t.candidate_id AND u.status = 'active' AND u.session_version = $5`,
    [answer, testId, position, claims.sub, claims.sv],
  );
  send(res, rowCount === 1 ? 204 : 409);
}

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  const handle = async (): Promise<void> => {
    if (path === '/ready') return send(res, 200, { ok: true });
    const verifyMatch = req.method === 'GET' ? VERIFY.exec(path) : null;
    if (verifyMatch) return verify(decodeURIComponent(verifyMatch[1]), decodeURIComponent(verifyMatch[2]), res);
    const answerMatch = req.method === 'PUT' ? ANSWER.exec(path) : null;
    if (answerMatch) return saveAnswer(req, res, answerMatch[1], Number(answerMatch[2]));
    send(res, 404, { statusCode: 404, code: 'NOT_FOUND' });
  };
  handle().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (!res.headersSent) send(res, 500, { statusCode: 500 });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
