import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@qualcert/shared';
import { EligibilityCheckService } from './applications/eligibility-check.service';
import { EligibilityProcessor } from './applications/eligibility.processor';

/** The candidates context's queue processors, for the worker process. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.eligibility })],
  providers: [EligibilityCheckService, EligibilityProcessor],
  exports: [BullModule],
})
export class CandidatesWorkerModule {}
