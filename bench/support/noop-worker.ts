import { Worker } from 'bullmq';
import { loadConfig, redisConnectionOptions } from '@qualcert/shared';

/**
 * BullMQ's own cost: a worker whose processor does nothing, on the queue named by the first
 * argument, with the app's processors' concurrency (BullMQ's default of 1, as workerOptions()
 * leaves it). Run as a process of its own, like the app's workers. Logs "worker ready".
 */
const config = loadConfig();
const worker = new Worker(process.argv[2], () => Promise.resolve(), {
  prefix: config.BULLMQ_PREFIX,
  connection: { ...redisConnectionOptions(config.REDIS_URL), maxRetriesPerRequest: null },
  concurrency: Number(process.argv[3] ?? 1),
});
void worker.waitUntilReady().then(() => process.stdout.write('{"msg":"worker ready"}\n'));
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
