import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';

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

/**
 * Serves the built portal at `/`: hashed assets (their names change with their content) cached for
 * a year, everything else revalidated, and any other page of the app answered with index.html so
 * that a deep link or a reload lands in the app's router. Without a built portal the API runs alone.
 */
export function mountPortal(app: NestExpressApplication, directory = portalDirectory()): boolean {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  const portalOnly =
    (handler: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      SERVER_PATHS.test(req.path) ? next() : handler(req, res, next);

  app.use(
    '/assets',
    express.static(join(directory, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  app.use(portalOnly(express.static(directory, { index: false, maxAge: 0 })));
  app.use(
    portalOnly((req: Request, res: Response, next: NextFunction) => {
      // Only a browser asking for a page gets the app; an API client gets the API's own 404.
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.accepts(['text/html']) || !wantsHtml(req)) {
        return next();
      }
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', PORTAL_CSP);
      res.setHeader('Referrer-Policy', 'same-origin');
      res.send(index);
    }),
  );
  return true;
}

/** True when the client lists text/html explicitly (browsers do; `Accept: *\/*` clients get the API's answers). */
function wantsHtml(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}
