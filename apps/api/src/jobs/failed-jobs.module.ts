import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ALL_QUEUES, QueueModule } from '@qualcert/shared';
import { FailedJobsController } from './failed-jobs.controller';
import { FailedJobsService } from './failed-jobs.service';
import { QueueDashboardController } from './queue-dashboard.controller';

@Module({
  imports: [QueueModule, BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })))],
  controllers: [FailedJobsController, QueueDashboardController],
  providers: [FailedJobsService],
})
export class FailedJobsModule {}
