import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { DomainException, UuidParamPipe, fieldError } from '@qualcert/shared';
import { CreateSessionDto, EnrolDto, EnrolmentDto, SaveAnswerDto, ExamSessionDto, TheoryTestDto } from './sessions.dto';
import { SessionsService } from './sessions.service';
import { TheoryTestsService } from './theory-tests.service';

const positionPipe = new ParseIntPipe({
  exceptionFactory: () => DomainException.validation([fieldError('position', 'field:wholeNumber')]),
});

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tests: TheoryTestsService,
  ) {}

  @Post('centres/:centreId/sessions')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Schedule an exam session of an active program',
    type: ExamSessionDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['ASSESSOR_NOT_ASSIGNABLE', 'NOT_ENOUGH_ASSESSORS', 'PROGRAM_NOT_ACTIVE'],
  })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('centreId', UuidParamPipe) centreId: string,
    @Body() dto: CreateSessionDto,
  ): Promise<ExamSessionDto> {
    return this.sessions.schedule(actor, centreId, dto);
  }

  @Get('centres/:centreId/sessions')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'The centre’s sessions (an assessor sees the ones assigned to them)',
    type: [ExamSessionDto],
    notFound: true,
  })
  list(@CurrentActor() actor: Actor, @Param('centreId', UuidParamPipe) centreId: string): Promise<ExamSessionDto[]> {
    return this.sessions.list(actor, centreId);
  }

  @Get('sessions/:id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'A session with its assessors and enrolments',
    type: ExamSessionDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ExamSessionDto> {
    return this.sessions.get(actor, id);
  }

  @Post('sessions/:id/enrolments')
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Enrol an eligible application (409 SESSION_FULL when no seat is left)',
    type: EnrolmentDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: [
      'ALREADY_ENROLLED',
      'ASSESSOR_NOT_ASSIGNABLE',
      'IDENTITY_UNCONFIRMED',
      'NOTHING_TO_EXAMINE',
      'NOT_ELIGIBLE',
      'RETAKE_TOO_EARLY',
      'SESSION_FULL',
    ],
  })
  enrol(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EnrolDto,
  ): Promise<EnrolmentDto> {
    return this.sessions.enrol(actor, id, dto.applicationId);
  }

  @Post('enrolments/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['admin', 'centre_manager', 'candidate'],
    summary: 'Withdraw from a session (frees the seat)',
    type: EnrolmentDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<EnrolmentDto> {
    return this.sessions.withdraw(actor, id);
  }

  @Get('me/enrolments')
  @Authenticated({ roles: ['candidate'], summary: 'Your sessions', type: [EnrolmentDto] })
  mine(@CurrentActor() actor: Actor): Promise<EnrolmentDto[]> {
    return this.sessions.myEnrolments(actor);
  }

  @Post('enrolments/:id/theory-test')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Start (or resume) your theory test during the session',
    type: TheoryTestDto,
    notFound: true,
    conflict: true,
    errors: ['SESSION_NOT_OPEN'],
  })
  start(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TheoryTestDto> {
    return this.tests.start(actor, id);
  }

  @Get('theory-tests/:id')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Your theory test: questions, your answers, time left (never the correct answers)',
    type: TheoryTestDto,
    notFound: true,
  })
  view(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TheoryTestDto> {
    return this.tests.view(actor, id);
  }

  @Put('theory-tests/:id/answers/:position')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Save one answer (409 TEST_CLOSED after the deadline)',
    status: 204,
    notFound: true,
    conflict: true,
    errors: ['TEST_CLOSED'],
  })
  async save(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('position', positionPipe) position: number,
    @Body() dto: SaveAnswerDto,
  ): Promise<void> {
    await this.tests.saveAnswer(actor, id, position, dto.optionIds);
  }

  @Post('theory-tests/:id/submit')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Submit your theory test; it is scored at once',
    type: TheoryTestDto,
    notFound: true,
    conflict: true,
    errors: ['TEST_CLOSED'],
  })
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TheoryTestDto> {
    return this.tests.submit(actor, id);
  }
}
