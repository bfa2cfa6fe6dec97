import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { buildApiDocument } from '../../apps/api/src/app.setup';

/**
 * Every answer the e2e run gives (method, route, status, error code), one NDJSON line per distinct
 * answer, next to the OpenAPI document of the same code: scripts/check-api-answers.js then lists
 * what the document does not declare, so the document cannot fall behind the behaviour.
 */
export const ANSWERS_FILE = join(__dirname, '../../.jest/api-answers.ndjson');
export const DOCUMENT_FILE = join(__dirname, '../../.jest/openapi.json');

const recorded = new Set<string>();
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
    let code: string | undefined;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      if (res.statusCode >= 400 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        try {
          code = (JSON.parse(chunk.toString()) as { code?: string }).code;
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
      const line = JSON.stringify({ method: req.method, path, routed: Boolean(route), status: res.statusCode, code });
      if (recorded.has(line)) return;
      recorded.add(line);
      appendFileSync(ANSWERS_FILE, `${line}\n`);
    });
  });
}
