import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { buildApiDocument } from '../../apps/api/src/app.setup';
import { LANGUAGES, MESSAGES, negotiateLanguage, type Language } from '@qualcert/shared';

/**
 * Every answer the e2e run gives (method, route, status, error code), one NDJSON line per distinct
 * answer, next to the OpenAPI document of the same code: scripts/check-api-answers.js then lists
 * what the document does not declare, so the document cannot fall behind the behaviour.
 *
 * A request that names no language is sent with `Accept-Language: kk` (DEFAULT_TEST_LANGUAGE), and
 * each error answer records whether its message is a rendering of its code in the language the
 * request asked for (`localised`): the check lists those that are not, so every error path the
 * e2e tests touch is proven to speak Kazakh (and the others the language they ask for), down to
 * what it says of each field at fault (`details.fields[].messages`). A test
 * that needs a request with no Accept-Language at all sends the header empty.
 */
export const ANSWERS_FILE = join(__dirname, '../../.jest/api-answers.ndjson');
export const DOCUMENT_FILE = join(__dirname, '../../.jest/openapi.json');

export const DEFAULT_TEST_LANGUAGE: Language = 'kk';

const recorded = new Set<string>();

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Per language, the pattern of every message code: its template with any text for a parameter. */
const PATTERNS = new Map<Language, Map<string, RegExp>>(
  LANGUAGES.map((language) => [
    language,
    new Map(
      Object.entries(MESSAGES).map(([code, templates]) => [
        code,
        new RegExp(`^${escape(templates[language]).replace(/\\\{\w+\\\}/g, '[\\s\\S]*')}$`),
      ]),
    ),
  ]),
);

/** Whether a message is its error code's message (or one of its `CODE:variant`s) in the language. */
export function isRenderingOf(language: Language, code: string, message: string): boolean {
  for (const [key, pattern] of PATTERNS.get(language) ?? []) {
    if ((key === code || key.startsWith(`${code}:`)) && pattern.test(message)) return true;
  }
  return false;
}
/** The first message of a field at fault (`details.fields`) that is not a catalogue message in the language. */
export function unlocalisedFieldMessage(language: Language, details: unknown): string | undefined {
  const fields = (details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return undefined;
  // A field message (`field:…`), or a rule's explanation that names the field.
  const field = [...(PATTERNS.get(language) ?? [])];
  for (const f of fields as { messages?: unknown }[]) {
    for (const m of Array.isArray(f.messages) ? (f.messages as unknown[]) : []) {
      if (typeof m !== 'string' || !field.some(([, pattern]) => pattern.test(m))) return String(m);
    }
  }
  return undefined;
}

let documentWritten = false;

export function recordAnswers(app: INestApplication): void {
  mkdirSync(join(ANSWERS_FILE, '..'), { recursive: true });
  if (!documentWritten) {
    writeFileSync(DOCUMENT_FILE, JSON.stringify(buildApiDocument(app)));
    documentWritten = true;
  }
  const server = app.getHttpServer() as Server;
  // First of the server's listeners, so that the response's end is wrapped before any route runs.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    // A test that needs a request without the header sends it empty: it is then removed.
    if (req.headers['accept-language'] === '') delete req.headers['accept-language'];
    else req.headers['accept-language'] ??= DEFAULT_TEST_LANGUAGE;
    const language = negotiateLanguage(req.headers['accept-language']);
    let code: string | undefined;
    let localised: boolean | undefined;
    let unlocalised: string | undefined;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      if (res.statusCode >= 400 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        try {
          const body = JSON.parse(chunk.toString()) as { code?: string; message?: unknown; details?: unknown };
          code = body.code;
          if (typeof code === 'string' && typeof body.message === 'string') {
            unlocalised = unlocalisedFieldMessage(language, body.details);
            localised = isRenderingOf(language, code, body.message) && unlocalised === undefined;
          }
        } catch {
          code = undefined;
        }
      }
      return end(...args);
    }) as ServerResponse['end'];
    res.on('finish', () => {
      // Express sets the matched route's pattern; an answer given before routing keeps its path.
      // (A mounted router, such as the queue dashboard's, may match by a list of patterns: not an operation.)
      const pattern = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;
      const route = typeof pattern === 'string' ? pattern : undefined;
      const path = route ?? (req.url ?? '').split('?')[0];
      const answer = { method: req.method, path, routed: Boolean(route), status: res.statusCode, code };
      const line = JSON.stringify(
        localised === undefined ? answer : { ...answer, language, localised, ...(unlocalised ? { unlocalised } : {}) },
      );
      if (recorded.has(line)) return;
      recorded.add(line);
      appendFileSync(ANSWERS_FILE, `${line}\n`);
    });
  });
}
