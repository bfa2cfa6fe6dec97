import { Queue } from 'bullmq';
import { redisConnectionOptions } from '@qualcert/shared';

/**
 * Runs `use` with a queue of the test's deployment (its Redis and prefix), opened for the call
 * and closed afterwards, for a test that looks at jobs from outside the worker.
 */
export async function withQueue<T>(name: string, use: (queue: Queue) => Promise<T>): Promise<T> {
  const queue = new Queue(name, {
    connection: redisConnectionOptions(String(process.env.REDIS_URL)),
    prefix: process.env.BULLMQ_PREFIX,
  });
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}
