import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { INestApplicationContext } from '@nestjs/common';
import { ExamDay, prepareExamDay } from '../utils/exam-day';
import { createTestApp, TestContext } from '../utils/test-app';
import { startWorker } from '../utils/worker';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

export { CHROMIUM, CHROMIUM_ARGS };
const ROOT = join(__dirname, '..', '..');
/** Screenshots for a reviewer to look at; git-ignored. */
export const SCREENSHOTS = join(ROOT, 'test', 'browser', 'screenshots');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Portal {
  ctx: TestContext;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real API (as main.ts configures it, serving the built portal) listening on a free port, and
 * Chromium. PUBLIC_BASE_URL is this server, so the URLs in certificates open its pages.
 */
export async function startPortal(): Promise<Portal> {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web/index.html is missing: run npm run build before the browser tests');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  // The port is known only once listening; the base URL the certificates carry is set before the
  // app reads its configuration, so listen on a free port found first.
  const port = await freePort();
  // The worker started after this (startWorker) prints the same base URL in PDFs and credentials.
  const previous = process.env.PUBLIC_BASE_URL;
  process.env.PUBLIC_BASE_URL = `http://127.0.0.1:${port}`;
  const ctx = await createTestApp();
  await ctx.app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await ctx.close();
      if (previous === undefined) delete process.env.PUBLIC_BASE_URL;
      else process.env.PUBLIC_BASE_URL = previous;
    },
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A browser context in a language (the portal's saved choice) at a size. bypassCSP lets the test
 * inject axe-core into pages whose policy allows no inline script.
 */
export async function newContext(
  portal: Portal,
  language: 'kk' | 'ru' | 'en',
  viewport = DESKTOP,
): Promise<BrowserContext> {
  const context = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    viewport,
    locale: { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' }[language],
    bypassCSP: true,
    acceptDownloads: true,
  });
  // The first page's language; a choice made later in the header persists over it, as for a person.
  await context.addInitScript((lang) => {
    if (!window.localStorage.getItem('qualcert.language')) window.localStorage.setItem('qualcert.language', lang);
  }, language);
  return context;
}

/**
 * The page if it still draws frames, else a new page of the same context at the same address.
 * Headless Chromium has been seen to stop drawing frames on a long-used page: requestAnimationFrame
 * never fires again, so no click (it waits for the element to be stable across frames) or screenshot
 * on it can complete, while its script still runs. That is the browser's state, not the portal's; a
 * new page of the same session does not carry it. Said on stderr when it happens.
 */
export async function drawingPage(page: Page): Promise<Page> {
  if (await drawsFrames(page)) return page;
  const url = page.url();
  const state = await withTimeout(
    page.evaluate(() => ({ visibility: document.visibilityState, focused: document.hasFocus() })),
    5000,
  ).catch((error: Error) => ({ error: error.message }));
  process.stderr.write(`browser: ${url} draws no frames (${JSON.stringify(state)}); going on in a new page\n`);
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  await page.close();
  return fresh;
}

/** Whether an animation frame comes within five seconds (a page that draws gets one in 16 ms). */
async function drawsFrames(page: Page): Promise<boolean> {
  const frame = page.evaluate(
    () =>
      new Promise<boolean>((done) => {
        const timer = setTimeout(() => done(false), 5000);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          done(true);
        });
      }),
  );
  return withTimeout(frame, 10000).catch(() => false);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}]`)
            .join(', ')}`,
      );
  });
  if (violations.length) throw new Error(`${name}: accessibility violations\n${violations.join('\n')}`);
}
interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Fails when the page asked for a translation key that a language does not have. */
export async function expectNoMissingKeys(page: Page, name: string): Promise<void> {
  const missing = await page.evaluate(() => [
    ...((window as unknown as { __missingTranslationKeys?: Set<string> }).__missingTranslationKeys ?? []),
  ]);
  if (missing.length) throw new Error(`${name}: missing translation keys ${missing.join(', ')}`);
}

/** Screenshot at the page's size (full page), for a reviewer. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const label = size && size.width <= PHONE.width ? 'phone' : 'desktop';
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
}

/**
 * Every check a page gets, at the desktop size and on a phone (390 × 844) whichever it was opened
 * at: accessible, no missing translation, no horizontal scroll; a screenshot of each for a reviewer.
 * The page is left at the size it had.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  const sizes = original.width <= PHONE.width ? [PHONE, DESKTOP] : [DESKTOP, PHONE];
  try {
    for (const size of sizes) {
      await page.setViewportSize(size);
      // Whatever the new layout puts under the pointer is not hovered: each run checks the same state.
      await page.mouse.move(0, 0);
      // Two frames: the layout for the new size is done and painted.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await screenshot(page, name);
      await expectNoMissingKeys(page, name);
      await expectAccessible(page, `${name} at ${size.width}×${size.height}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) throw new Error(`${name}: the page is ${overflow}px wider than the ${size.width}px window`);
    }
  } finally {
    await page.setViewportSize(original);
  }
}

/** Signs in through the sign-in page (any language: the fields are found by their type). */
export async function signIn(page: Page, user: { email: string; password: string }, next = '/staff'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator('main input[type=email]').fill(user.email);
  await page.locator('main input[type=password]').fill(user.password);
  await page.locator('main button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === next);
}

/** The page's main heading, once the page has loaded. */
export async function heading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 30000 });
}

/** What a suite of browser tests about an exam day runs against. */
export interface ExamDayPortal {
  portal: Portal;
  worker: INestApplicationContext;
  day: ExamDay;
}

/** The portal, a worker, and a centre ready for an exam day (utils/exam-day). */
export async function startExamDayPortal(): Promise<ExamDayPortal> {
  const portal = await startPortal();
  const worker = await startWorker();
  return { portal, worker, day: await prepareExamDay(portal.ctx) };
}

/** Stops what startExamDayPortal started, as far as it got. */
export async function stopExamDayPortal(running: Partial<ExamDayPortal> | undefined): Promise<void> {
  await running?.worker?.close();
  await running?.portal?.close();
}
