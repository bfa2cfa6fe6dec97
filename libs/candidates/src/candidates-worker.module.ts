import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@qualcert/shared';
import { AdmissionService } from './applications/admission.service';
import { ApplicationsRepository } from './applications/applications.repository';
import { EligibilityCheckService } from './applications/eligibility-check.service';
import { EligibilityProcessor } from './applications/eligibility.processor';
import { RecordsRepository } from './records/records.repository';

/** The candidates context's queue processors, for the worker process. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.eligibility })],
  providers: [
    EligibilityCheckService,
    EligibilityProcessor,
    AdmissionService,
    ApplicationsRepository,
    RecordsRepository,
  ],
  exports: [BullModule],
})
export class CandidatesWorkerModule {}
