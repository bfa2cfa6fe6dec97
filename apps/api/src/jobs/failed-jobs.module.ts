import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueModule, QUEUES } from '@qualcert/shared';
import { FailedJobsController } from './failed-jobs.controller';
import { FailedJobsService } from './failed-jobs.service';
import { QueueDashboardController } from './queue-dashboard.controller';

@Module({
  imports: [
    QueueModule,
    BullModule.registerQueue(
      { name: QUEUES.eligibility },
      { name: QUEUES.theoryDeadline },
      { name: QUEUES.decisions },
      { name: QUEUES.certificates },
      { name: QUEUES.notifications },
      { name: QUEUES.system },
    ),
  ],
  controllers: [FailedJobsController, QueueDashboardController],
  providers: [FailedJobsService],
})
export class FailedJobsModule {}
