import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestContext } from './utils/test-app';

/** The API process serves the built portal at / without shadowing any of its own routes. */
describe('the portal served by the API', () => {
  let ctx: TestContext;
  let directory: string;
  const previous = process.env.PORTAL_DIR;

  beforeAll(async () => {
    // A stand-in for dist/web, so the test does not depend on the portal having been built.
    directory = mkdtempSync(join(tmpdir(), 'qualcert-portal-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>portal</title><div id="root"></div>');
    writeFileSync(join(directory, 'assets', 'index-Ab12Cd34.js'), 'console.log("portal")');
    writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    process.env.PORTAL_DIR = directory;
    ctx = await createTestApp();
  });

  afterAll(async () => {
    await ctx?.close();
    if (previous === undefined) delete process.env.PORTAL_DIR;
    else process.env.PORTAL_DIR = previous;
    rmSync(directory, { recursive: true, force: true });
  });

  const html = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('answers the home page and any page of the app with index.html, revalidated on every visit', async () => {
    for (const path of ['/', '/verify/DEMO-2026-000001?code=7K3QM-Z9XA4', '/cabinet/applications/x', '/catalogue']) {
      const res = await request(ctx.app.getHttpServer()).get(path).set(html).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets cached for a year, and a missing asset is a 404, not the page', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/assets/index-Ab12Cd34.js').expect(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const missing = await request(ctx.app.getHttpServer()).get('/assets/gone-00000000.js').set(html);
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
    await request(ctx.app.getHttpServer()).get('/favicon.svg').expect(200);
  });

  it('leaves /api, /health, /metrics and /admin/queues to the API, even for a browser', async () => {
    const server = ctx.app.getHttpServer();
    const unknown = await request(server).get('/api/v1/nowhere').set(html).expect(404);
    expect(unknown.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const standards = await request(server).get('/api/v1/standards').set(html).expect(200);
    expect(Array.isArray(standards.body)).toBe(true);
    await request(server).get('/api/docs-json').set(html).expect(200).expect('content-type', /json/);
    const health = await request(server).get('/health').set(html);
    expect(health.headers['content-type']).toMatch(/json/);
    const metrics = await request(server).get('/metrics').set(html);
    expect(metrics.text).not.toContain('<div id="root">');
    const dashboard = await request(server).get('/admin/queues').set(html);
    expect(dashboard.status).toBe(401);
  });

  it('answers a client that does not ask for HTML with the API’s 404, not the page', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/standards').set('Accept', 'application/json').expect(404);
    expect(res.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});
