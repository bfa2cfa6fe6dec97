import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CentresModule } from '@qualcert/centres';
import { IdentityModule } from '@qualcert/identity';
import { ALL_QUEUES, QueueModule } from '@qualcert/shared';
import { CentreFailedJobsController, FailedJobsController } from './failed-jobs.controller';
import { FailedJobsService } from './failed-jobs.service';
import { QueueDashboardController } from './queue-dashboard.controller';

@Module({
  imports: [
    IdentityModule,
    CentresModule,
    QueueModule,
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  controllers: [FailedJobsController, CentreFailedJobsController, QueueDashboardController],
  providers: [FailedJobsService],
})
export class FailedJobsModule {}
