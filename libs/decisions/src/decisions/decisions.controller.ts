import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { QueuedDto, UuidParamPipe } from '@qualcert/shared';
import { DecisionDto, ReturnDecisionDto } from './decisions.dto';
import { DecisionsService } from './decisions.service';

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('applications/:id/decisions')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'candidate'],
    summary: 'The decisions on an application, newest first, with their reasoning',
    type: [DecisionDto],
    notFound: true,
  })
  list(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DecisionDto[]> {
    return this.decisions.list(actor, id);
  }

  @Post('applications/:id/decisions')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated({
    roles: ['centre_manager'],
    summary: 'Ask for a new decision after one was returned (computed by the worker)',
    status: 202,
    type: QueuedDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  async request(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<QueuedDto> {
    await this.decisions.requestComputation(actor, id);
    return { status: 'queued', outcome: `/api/v1/applications/${id}/decisions` };
  }

  @Post('decisions/:id/approve')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['centre_manager'],
    summary: 'Sign off a decision (not by a manager who checked the application’s documents)',
    type: DecisionDto,
    notFound: true,
    conflict: true,
    errors: ['IDENTITY_UNCONFIRMED', 'INVALID_TRANSITION'],
  })
  approve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DecisionDto> {
    return this.decisions.approve(actor, id);
  }

  @Post('decisions/:id/return')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['centre_manager'],
    summary: 'Return a decision with a reason',
    type: DecisionDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  returnDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReturnDecisionDto,
  ): Promise<DecisionDto> {
    return this.decisions.returnDecision(actor, id, dto.reason);
  }
}
