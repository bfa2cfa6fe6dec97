import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { TheoryDeadlineProcessor, TheoryDeadlineSweeper } from './sessions/theory-deadline.processor';
import { ProgressRepository } from './results/progress.repository';
import { ProgressService } from './results/progress.service';
import { TheoryTestsService } from './sessions/theory-tests.service';

/** The assessment context's queue processors, for the worker process. */
@Module({
  imports: [CardOutlineModule, BullModule.registerQueue({ name: QUEUES.theoryDeadline })],
  providers: [TheoryTestsService, ProgressRepository, ProgressService, TheoryDeadlineProcessor, TheoryDeadlineSweeper],
  exports: [BullModule, TheoryTestsService],
})
export class AssessmentWorkerModule {}
