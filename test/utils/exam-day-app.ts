import { INestApplicationContext } from '@nestjs/common';
import type { App } from 'supertest/types';
import { ExamDay, prepareExamDay } from './exam-day';
import { createTestApp, TestContext } from './test-app';
import { startWorker } from './worker';

export interface ExamDayApp {
  ctx: TestContext;
  server: App;
  day: ExamDay;
}

interface ExamDayAppOptions {
  /** prepareExamDay's program settings. */
  settings?: Parameters<typeof prepareExamDay>[1];
  offerAdditional?: boolean;
  /** Start the worker too (before the day is prepared). */
  worker?: boolean;
}

/**
 * What most e2e files set up before their tests: the HTTP app, the worker if asked for, and a
 * centre ready to examine (prepareExamDay). Each file closes what it was given.
 */
export async function startExamDayApp(
  options: ExamDayAppOptions & { worker: true },
): Promise<ExamDayApp & { worker: INestApplicationContext }>;
export async function startExamDayApp(options?: ExamDayAppOptions & { worker?: false }): Promise<ExamDayApp>;
export async function startExamDayApp(
  options: ExamDayAppOptions = {},
): Promise<ExamDayApp & { worker?: INestApplicationContext }> {
  const ctx = await createTestApp();
  const worker = options.worker ? await startWorker() : undefined;
  const server = ctx.app.getHttpServer() as App;
  const day = await prepareExamDay(ctx, options.settings, { offerAdditional: options.offerAdditional });
  return { ctx, server, day, ...(worker ? { worker } : {}) };
}
