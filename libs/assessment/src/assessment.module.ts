import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { CardOutlineModule } from '@qualcert/standards';
import { AssessorsController } from './assessors/assessors.controller';
import { AssessorsRepository } from './assessors/assessors.repository';
import { AssessorsService } from './assessors/assessors.service';
import { ProgramsController } from './programs/programs.controller';
import { ProgramsRepository } from './programs/programs.repository';
import { ProgramsService } from './programs/programs.service';
import { QuestionsRepository } from './programs/questions.repository';
import { QuestionsService } from './programs/questions.service';
import { ProgressRepository } from './results/progress.repository';
import { ProgressService } from './results/progress.service';
import { EvidenceRequestsModule } from './results/evidence-requests.module';
import { ResultsController } from './results/results.controller';
import { ResultsRepository } from './results/results.repository';
import { ResultsService } from './results/results.service';
import { AssessmentWithdrawalModule } from './sessions/assessment-withdrawal.module';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { TheoryTestsRepository } from './sessions/theory-tests.repository';
import { TheoryTestsService } from './sessions/theory-tests.service';

@Module({
  imports: [IdentityModule, CardOutlineModule, AssessmentWithdrawalModule, EvidenceRequestsModule],
  controllers: [AssessorsController, ProgramsController, SessionsController, ResultsController],
  providers: [
    AssessorsService,
    AssessorsRepository,
    ProgramsService,
    ProgramsRepository,
    QuestionsService,
    QuestionsRepository,
    SessionsService,
    SessionsRepository,
    TheoryTestsService,
    TheoryTestsRepository,
    ProgressRepository,
    ProgressService,
    ResultsService,
    ResultsRepository,
  ],
  exports: [AssessorsService, ProgramsService, QuestionsService, SessionsService, TheoryTestsService, ProgressService],
})
export class AssessmentModule {}
