import { ChildProcess, spawn } from 'node:child_process';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, eventually, newAccreditedCentre, newCandidate, newSession } from './utils/fixtures';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

/**
 * A Redis of this test's own, which it stops and starts again: submissions made while Redis is
 * down are committed with their outbox event and checked once it is back.
 */
class ThrowawayRedis {
  private process: ChildProcess | null = null;
  readonly port = 20000 + Math.floor(Math.random() * 20000);

  async start(): Promise<void> {
    if (this.process) return;
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await eventually(
      () => this.ping(),
      (ok) => ok,
      10000,
    );
  }

  async stop(): Promise<void> {
    const running = this.process;
    if (!running) return;
    this.process = null;
    if (running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(this.port), 'ping']);
      let out = '';
      probe.stdout.on('data', (d: Buffer) => (out += d.toString()));
      probe.on('exit', () => resolve(out.includes('PONG')));
    });
  }
}

describe('outbox: nothing submitted is left unchecked, even when Redis is down', () => {
  const redis = new ThrowawayRedis();
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  const previousRedisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    await redis.start();
    process.env.REDIS_URL = `redis://127.0.0.1:${redis.port}/0`;
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
  });
  afterAll(async () => {
    // Running again (the test restarted it), so that the worker can close its connections.
    await redis.start();
    await worker.close();
    await ctx.close();
    await redis.stop();
    process.env.REDIS_URL = previousRedisUrl;
  });

  it('commits submissions while Redis is down and checks them when it returns', async () => {
    const summary = await importSeed(ctx.app);
    const cards = await request(server).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200);
    const cardId = cards.body.items[0].id;
    const admin = await newSession(ctx, 'admin');
    const centre = await newAccreditedCentre(ctx, admin, [cardId]);
    const candidates = [await newCandidate(ctx), await newCandidate(ctx)];
    const applications: string[] = [];
    for (const candidate of candidates) {
      await request(server)
        .post('/api/v1/candidates/me/education')
        .set(...bearer(candidate))
        .send({ level: 'tvet_worker', institution: 'Колледж', graduationYear: 2015, documentRef: 'ТКБ 1' })
        .expect(201);
      const app = await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: centre.id, cardId, pathway: 'assessment' })
        .expect(201);
      applications.push(app.body.id);
    }

    await redis.stop();
    for (const [i, candidate] of candidates.entries()) {
      const res = await request(server)
        .post(`/api/v1/applications/${applications[i]}/submit`)
        .set(...bearer(candidate))
        .expect(200);
      expect(res.body.status).toBe('submitted');
    }
    const pending = await ctx.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM outbox_event WHERE dispatched_at IS NULL AND payload->>'applicationId' = ANY($1)`,
      [applications],
    );
    expect(pending[0].n).toBe(2);
    // Redis stays down a while: the relay keeps the events and tries again.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await redis.start();
    for (const [i, candidate] of candidates.entries()) {
      const app = await eventually(
        () =>
          request(server)
            .get(`/api/v1/applications/${applications[i]}`)
            .set(...bearer(candidate))
            .then((r) => r.body),
        (a) => a.status !== 'submitted',
        30000,
      );
      expect(app.status).toBe('eligible');
    }
    const left = await ctx.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM outbox_event WHERE dispatched_at IS NULL AND payload->>'applicationId' = ANY($1)`,
      [applications],
    );
    expect(left[0].n).toBe(0);
  });
});
