import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { QuestionsRepository } from './programs/questions.repository';
import { TheoryDeadlineProcessor, TheoryDeadlineSweeper } from './sessions/theory-deadline.processor';
import { ProgressRepository } from './results/progress.repository';
import { ProgressService } from './results/progress.service';
import { SessionsRepository } from './sessions/sessions.repository';
import { TheoryTestsRepository } from './sessions/theory-tests.repository';
import { TheoryTestsService } from './sessions/theory-tests.service';

/** The assessment context's queue processors, for the worker process. */
@Module({
  imports: [CardOutlineModule, BullModule.registerQueue({ name: QUEUES.theoryDeadline })],
  providers: [
    TheoryTestsService,
    TheoryTestsRepository,
    SessionsRepository,
    QuestionsRepository,
    ProgressRepository,
    ProgressService,
    TheoryDeadlineProcessor,
    TheoryDeadlineSweeper,
  ],
  exports: [BullModule, TheoryTestsService],
})
export class AssessmentWorkerModule {}
