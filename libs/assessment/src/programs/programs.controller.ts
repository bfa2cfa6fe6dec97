import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import {
  CreateProgramDto,
  CreateQuestionDto,
  CreateTaskDto,
  ImportedQuestionsDto,
  ImportQuestionsDto,
  ListQuestionsQueryDto,
  ProgramDto,
  ProgramSettingsDto,
  QuestionDto,
  QuestionInputDto,
} from './programs.dto';
import { ProgramsService } from './programs.service';
import { QuestionsService } from './questions.service';

const MANAGERS = ['admin', 'centre_manager'] as const;

/** The item bank export: POST …/questions/import reads the same shape back. */
const QUESTION_EXPORT_SCHEMA = {
  type: 'object',
  required: ['cardId', 'questions'],
  properties: {
    cardId: { type: 'string', format: 'uuid' },
    questions: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

@ApiTags('programs')
@Controller()
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly questions: QuestionsService,
  ) {}

  @Post('centres/:centreId/programs')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Create the centre’s qualification program for a card (a draft)',
    type: ProgramDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['CENTRE_NOT_ACCREDITED', 'PROGRAM_EXISTS'],
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('centreId', UuidParamPipe) centreId: string,
    @Body() dto: CreateProgramDto,
  ): Promise<ProgramDto> {
    return this.programs.create(actor, centreId, dto);
  }

  @Get('centres/:centreId/programs')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'The centre’s programs, every version',
    type: [ProgramDto],
    notFound: true,
  })
  list(@CurrentActor() actor: Actor, @Param('centreId', UuidParamPipe) centreId: string): Promise<ProgramDto[]> {
    return this.programs.list(actor, centreId);
  }

  @Get('programs/:id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'A program with its tasks and whether it covers every mandatory skill',
    type: ProgramDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ProgramDto> {
    return this.programs.get(actor, id);
  }

  @Patch('programs/:id')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Change settings (an active program gets a new draft version)',
    type: ProgramDto,
    notFound: true,
    conflict: true,
    errors: ['PROGRAM_EXISTS'],
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ProgramSettingsDto,
  ): Promise<ProgramDto> {
    return this.programs.update(actor, id, dto);
  }

  @Post('programs/:id/tasks')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Add a practical task for a skill (drafts only)',
    type: ProgramDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['PROGRAM_NOT_EDITABLE'],
  })
  addTask(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateTaskDto,
  ): Promise<ProgramDto> {
    return this.programs.addTask(actor, id, dto);
  }

  @Delete('programs/:id/tasks/:taskId')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Remove a practical task (drafts only)',
    type: ProgramDto,
    notFound: true,
    conflict: true,
    errors: ['PROGRAM_NOT_EDITABLE'],
  })
  removeTask(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('taskId', UuidParamPipe) taskId: string,
  ): Promise<ProgramDto> {
    return this.programs.removeTask(actor, id, taskId);
  }

  @Post('programs/:id/activate')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Activate a draft that covers every mandatory skill (422 PROGRAM_NOT_READY lists what is missing)',
    type: ProgramDto,
    notFound: true,
    conflict: true,
    errors: ['PROGRAM_NOT_EDITABLE', 'PROGRAM_NOT_READY', 'PROGRAM_SETTINGS_TOO_STRICT'],
  })
  activate(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ProgramDto> {
    return this.programs.activate(actor, id);
  }

  @Post('centres/:centreId/questions')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Add a question to the centre’s item bank for a card',
    type: QuestionDto,
    status: 201,
    notFound: true,
    errors: ['CONFLICT', 'QUESTION_INVALID'],
  })
  createQuestion(
    @CurrentActor() actor: Actor,
    @Param('centreId', UuidParamPipe) centreId: string,
    @Body() dto: CreateQuestionDto,
  ): Promise<QuestionDto> {
    return this.questions.create(actor, centreId, dto);
  }

  @Get('centres/:centreId/questions')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'The item bank for a card (current versions, with answers)',
    type: [QuestionDto],
    notFound: true,
  })
  listQuestions(
    @CurrentActor() actor: Actor,
    @Param('centreId', UuidParamPipe) centreId: string,
    @Query() query: ListQuestionsQueryDto,
  ): Promise<QuestionDto[]> {
    return this.questions.list(actor, centreId, query);
  }

  @Post('centres/:centreId/questions/import')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Import questions as JSON (all or nothing)',
    type: ImportedQuestionsDto,
    status: 201,
    notFound: true,
    errors: ['CONFLICT', 'QUESTION_INVALID'],
  })
  importQuestions(
    @CurrentActor() actor: Actor,
    @Param('centreId', UuidParamPipe) centreId: string,
    @Body() dto: ImportQuestionsDto,
  ) {
    return this.questions.importQuestions(actor, centreId, dto);
  }

  @Get('centres/:centreId/questions/export')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Export the item bank for a card as JSON, in the import format',
    schema: QUESTION_EXPORT_SCHEMA,
    notFound: true,
  })
  exportQuestions(
    @CurrentActor() actor: Actor,
    @Param('centreId', UuidParamPipe) centreId: string,
    @Query() query: ListQuestionsQueryDto,
  ) {
    return this.questions.exportQuestions(actor, centreId, query.cardId);
  }

  @Put('questions/:id')
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Revise a question: a new version (tests keep the version they were given)',
    type: QuestionDto,
    notFound: true,
    errors: ['QUESTION_INVALID'],
  })
  revise(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: QuestionInputDto,
  ): Promise<QuestionDto> {
    return this.questions.update(actor, id, dto);
  }

  @Post('questions/:id/retire')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: [...MANAGERS],
    summary: 'Retire a question (questions are never deleted)',
    type: QuestionDto,
    notFound: true,
  })
  retire(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<QuestionDto> {
    return this.questions.retire(actor, id);
  }
}
