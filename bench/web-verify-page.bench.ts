import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { certificateVerificationUrl } from '@qualcert/certificates';
import { Pool } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/chromium';
import { seedCertificates } from './support/certificates';
import { productionEnv, ROOT, startApi } from './support/processes';
import { check, fail, median, requireBenchDatabase, targetsText, workDir, writeResult } from './support/results';
import { importSeedStandard } from './support/seed';

/**
 * The public verification page a certificate's QR code opens (/verify/{number}?code=…), loaded in
 * Debian's headless Chromium from the API's production build serving the built portal: the time
 * from the navigation's start to the verdict on the page and its handlers attached (the portal's
 * `qualcert:verdict` performance mark), over LOADS visits with an empty cache (a first scan of the
 * QR code) and as many with the cache of earlier visits. No network or CPU throttling: the budget
 * is "interactive within 1 s on the quiet machine" (docs/WEB.md).
 */
const REGISTRY = 1_000;
const LOADS = 25;
const WARMUP_LOADS = 3;
const BUDGET_MS = 1000;
const VERDICT_MARK = 'qualcert:verdict';

interface Load {
  verdictMs: number;
  firstContentfulPaintMs: number | null;
  domContentLoadedMs: number;
  transferredKb: number;
}

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (x: number): number => Math.round(x * 10) / 10;

/** One visit: a fresh page (in a fresh context for an empty cache), timed by the page's own clock. */
async function visit(
  browser: Browser,
  url: string,
  context?: Awaited<ReturnType<Browser['newContext']>>,
): Promise<Load> {
  const own = context ?? (await browser.newContext({ locale: 'kk-KZ', viewport: { width: 390, height: 844 } }));
  const page = await own.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    // The page's policy allows no eval, so no waitForFunction: wait for the verdict, then read the
    // mark (set in the effect right after that render) through the debugger protocol.
    await page.locator('[data-testid="verdict"]').waitFor({ timeout: 30_000 });
    for (let i = 0; i < 100; i += 1) {
      if (await page.evaluate(`performance.getEntriesByName(${JSON.stringify(VERDICT_MARK)}).length > 0`)) break;
      await page.waitForTimeout(20);
    }
    // Run in the page (a string: this program is compiled without the DOM's types).
    return await page.evaluate<Load>(`(() => {
      const verdict = performance.getEntriesByName(${JSON.stringify(VERDICT_MARK)})[0];
      const navigation = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const resources = performance.getEntriesByType('resource');
      const bytes = [navigation, ...resources].reduce((sum, r) => sum + (r.transferSize || 0), 0);
      return {
        verdictMs: verdict.startTime,
        firstContentfulPaintMs: paint ? paint.startTime : null,
        domContentLoadedMs: navigation.domContentLoadedEventEnd,
        transferredKb: bytes / 1024,
      };
    })()`);
  } finally {
    await page.close();
    if (!context) await own.close();
  }
}

function summary(loads: Load[]) {
  const verdict = loads.map((l) => l.verdictMs);
  const paints = loads.map((l) => l.firstContentfulPaintMs).filter((x): x is number => x !== null);
  return {
    loads: loads.length,
    verdictMs: {
      median: round(median(verdict)),
      p95: round(percentile(verdict, 95)),
      max: round(Math.max(...verdict)),
    },
    firstContentfulPaintMs: paints.length
      ? { median: round(median(paints)), p95: round(percentile(paints, 95)) }
      : null,
    domContentLoadedMs: { median: round(median(loads.map((l) => l.domContentLoadedMs))) },
    transferredKb: { median: round(median(loads.map((l) => l.transferredKb))) },
  };
}

async function main(): Promise<void> {
  const databaseUrl = requireBenchDatabase();
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is missing: npm run bench builds it');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const work = workDir('web-verify-page');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  await importSeedStandard(databaseUrl);
  await seedCertificates(pool, REGISTRY);
  // A valid certificate, as its QR code carries it.
  const {
    rows: [certificate],
  } = await pool.query<{ number: string; verification_code: string }>(
    `SELECT number, verification_code FROM certificate WHERE status = 'valid' AND valid_until > current_date
      ORDER BY issued_on DESC LIMIT 1`,
  );
  const env = { ...productionEnv(work.path), DATABASE_URL: databaseUrl, PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' };
  const { api, url: apiUrl } = await startApi(work.path, env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const url = certificateVerificationUrl(apiUrl, certificate.number, certificate.verification_code);
    // The first visits warm the API (its JIT, the pool) and the disk cache, not the browser's.
    for (let i = 0; i < WARMUP_LOADS; i += 1) await visit(browser, url);
    const cold: Load[] = [];
    for (let i = 0; i < LOADS; i += 1) cold.push(await visit(browser, url));
    const shared = await browser.newContext({ locale: 'kk-KZ', viewport: { width: 390, height: 844 } });
    await visit(browser, url, shared);
    const warm: Load[] = [];
    for (let i = 0; i < LOADS; i += 1) warm.push(await visit(browser, url, shared));
    await shared.close();

    const first = summary(cold);
    const again = summary(warm);
    const targets = [
      check('empty cache p95', first.verdictMs.p95, 'ms', '<', BUDGET_MS),
      check('cached p95', again.verdictMs.p95, 'ms', '<', BUDGET_MS),
    ];
    const chromiumVersion = browser.version();
    writeResult('web-verify-page', {
      page: '/verify/{number}?code=… of a valid certificate (phone viewport 390×844, Kazakh)',
      measured: `navigation start → the ${VERDICT_MARK} mark (verdict rendered, handlers attached)`,
      browser: `Chromium ${chromiumVersion}, headless, no throttling`,
      emptyCache: first,
      cached: again,
      targets,
    });
    process.stdout.write(
      `web verify page (Chromium ${chromiumVersion}, ${LOADS} loads each): empty cache median ${first.verdictMs.median} ms, ` +
        `p95 ${first.verdictMs.p95} ms (${first.transferredKb.median} KB transferred); cached median ${again.verdictMs.median} ms, ` +
        `p95 ${again.verdictMs.p95} ms — ${targetsText(targets)}\n`,
    );
  } finally {
    await browser.close();
    await api.stop();
    await pool.end();
  }
  work.cleanup();
}

main().catch(fail);
