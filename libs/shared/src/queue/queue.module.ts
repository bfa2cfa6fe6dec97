import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig, redisConnectionOptions } from '../config/app-config';

/**
 * How long finished jobs stay in Redis. Completed jobs are kept briefly for dashboards; failed
 * ones longer, so that an admin can inspect and retry them.
 */
export const JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/** The BullMQ connection shared by every queue, under this deployment's key prefix. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.BULLMQ_PREFIX,
        connection: { ...redisConnectionOptions(config.REDIS_URL), maxRetriesPerRequest: null },
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          ...JOB_RETENTION,
        },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
