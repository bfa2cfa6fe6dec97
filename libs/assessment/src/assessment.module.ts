import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { AssessorsController } from './assessors/assessors.controller';
import { AssessorsService } from './assessors/assessors.service';
import { CentresController } from './centres/centres.controller';
import { ProgramsController } from './programs/programs.controller';
import { ProgramsService } from './programs/programs.service';
import { QuestionsService } from './programs/questions.service';
import { CentresService } from './centres/centres.service';

@Module({
  imports: [IdentityModule],
  controllers: [CentresController, AssessorsController, ProgramsController],
  providers: [CentresService, AssessorsService, ProgramsService, QuestionsService],
  exports: [CentresService, AssessorsService, ProgramsService, QuestionsService],
})
export class AssessmentModule {}
