import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { QUEUES, redisConnectionOptions } from '@qualcert/shared';
import { WorkerModule } from '../apps/worker/src/worker.module';

describe('worker', () => {
  let worker: INestApplicationContext;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    worker = await moduleRef.init();
  });
  afterAll(() => worker.close());

  it('boots, takes a job from its queue and reaches the database', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.system));
    const events = new QueueEvents(QUEUES.system, {
      connection: redisConnectionOptions(process.env.REDIS_URL as string),
      prefix: process.env.BULLMQ_PREFIX,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add('ping', {}, { jobId: `ping-${Date.now()}` });
      const result = await job.waitUntilFinished(events, 10000);
      expect(result).toEqual({ worker: process.pid, databaseTime: expect.any(String) });
    } finally {
      await events.close();
    }
  });
});
