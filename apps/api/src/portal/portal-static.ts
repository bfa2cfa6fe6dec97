import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths the API process answers itself; the portal never shadows them. */
const SERVER_PATHS = /^\/(api|health|metrics|admin\/queues)(\/|$)/;

/**
 * The portal's security headers: scripts and styles from this origin only (Mantine sets inline
 * style attributes and one style element, hence 'unsafe-inline' for styles alone), never framed.
 */
const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  // Staff view candidates' PDFs and images in the page: fetched with the token, shown from a blob: URL.
  'frame-src blob:',
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the built portal is: `dist/web` of the working directory, or PORTAL_DIR. */
export function portalDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PORTAL_DIR || join(process.cwd(), 'dist', 'web'));
}

/** Every file of the portal outside assets/, by its URL path (`/favicon.svg`); the build fixes them. */
function rootFiles(directory: string): Set<string> {
  const files = readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
    .filter((path) => !path.startsWith('/assets/') && path !== '/index.html');
  return new Set(files);
}

/**
 * Serves the built portal at `/`: hashed assets (their names change with their content) cached for
 * a year, everything else revalidated, and any other page of the app answered with index.html so
 * that a deep link or a reload lands in the app's router. Without a built portal the API runs alone.
 * It is a plugin of its own, so its file server decorates only its own routes.
 */
export function mountPortal(fastify: FastifyInstance, directory = portalDirectory()): boolean {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  const files = rootFiles(directory);
  void fastify.register(async (portal) => {
    // A missing asset is the API's 404, not the page.
    await portal.register(fastifyStatic, {
      root: join(directory, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
    // Fastify routes the API's own paths first: this route gets only what nothing else matched.
    portal.get('/*', (request, reply) => {
      const path = request.url.split('?', 1)[0];
      if (SERVER_PATHS.test(path)) return reply.callNotFound();
      if (files.has(path)) return reply.sendFile(path.slice(1), directory, { maxAge: 0 });
      // Only a browser asking for a page gets the app; an API client gets the API's own 404.
      if (!wantsHtml(request.headers.accept)) return reply.callNotFound();
      return reply
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Cache-Control', 'no-cache')
        .header('Content-Security-Policy', PORTAL_CSP)
        .header('Referrer-Policy', 'same-origin')
        .send(index);
    });
  });
  return true;
}

/**
 * True when the client lists text/html explicitly, and not with q=0 (browsers do; `Accept: *\/*`
 * clients get the API's answers).
 */
function wantsHtml(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((range) => /^\s*text\/html\s*(;|$)/i.test(range) && !/;\s*q=0(\.0*)?\s*(;|$)/.test(range));
}
