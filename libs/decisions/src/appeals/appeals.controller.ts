import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import {
  AppealDto,
  AssignPanelDto,
  LodgeAppealDto,
  LodgeApplicationAppealDto,
  PanelVoteDto,
  ReassessSkillDto,
} from './appeals.dto';
import { AppealsService } from './appeals.service';

@ApiTags('appeals')
@Controller()
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post('decisions/:id/appeals')
  @Authenticated({
    roles: ['candidate'],
    summary: "Appeal a signed decision within the decision's window, naming the contested skills",
    type: AppealDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['APPEAL_EXISTS', 'APPEAL_WINDOW_CLOSED', 'INVALID_TRANSITION'],
  })
  lodge(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: LodgeAppealDto,
  ): Promise<AppealDto> {
    return this.appeals.lodge(actor, id, dto.contestedSkillIds, dto.grounds);
  }

  @Post('applications/:id/appeals')
  @Authenticated({
    roles: ['candidate'],
    summary:
      'Appeal the refusal of admission (kind admission: the application is ineligible, within the window from the refusal) ' +
      'or complain about the procedure (kind procedural), with the reasons and one’s own evidence files as documents',
    type: AppealDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['APPEAL_EXISTS', 'APPEAL_WINDOW_CLOSED', 'INVALID_TRANSITION'],
  })
  lodgeForApplication(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: LodgeApplicationAppealDto,
  ): Promise<AppealDto> {
    return this.appeals.lodgeForApplication(actor, id, dto);
  }

  @Get('applications/:id/appeals')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    summary: 'The appeals on an application, newest first',
    type: [AppealDto],
    notFound: true,
  })
  forApplication(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AppealDto[]> {
    return this.appeals.forApplication(actor, id);
  }

  @Get('appeals/panels')
  @Authenticated({ roles: ['assessor'], summary: 'The appeals the assessor sits on', type: [AppealDto] })
  panels(@CurrentActor() actor: Actor): Promise<AppealDto[]> {
    return this.appeals.panelsOf(actor);
  }

  @Get('appeals/:id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    summary: 'An appeal with its panel, votes and re-assessments',
    type: AppealDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AppealDto> {
    return this.appeals.get(actor, id);
  }

  @Post('appeals/:id/panel')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['centre_manager'],
    summary: 'Name the panel: two or more impartial assessors who took no part in the application',
    type: AppealDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION', 'PANEL_NOT_IMPARTIAL'],
  })
  assignPanel(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AssignPanelDto,
  ): Promise<AppealDto> {
    return this.appeals.assignPanel(actor, id, dto.assessorIds);
  }

  @Post('appeals/:id/votes')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['assessor'],
    summary:
      "A panel member's vote: uphold what was contested, or the appeal's remedy (reassess, admit, sustain); the majority decides",
    type: AppealDto,
    notFound: true,
    conflict: true,
    errors: ['NOT_ON_PANEL'],
  })
  vote(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PanelVoteDto,
  ): Promise<AppealDto> {
    return this.appeals.vote(actor, id, dto.vote, dto.reason);
  }

  @Put('appeals/:id/reassessments/:skillId')
  @Authenticated({
    roles: ['assessor'],
    summary:
      "A panel member's verdict on one contested skill (once each; the panel's majority credits), with the re-examination behind it",
    type: AppealDto,
    notFound: true,
    conflict: true,
    errors: ['NOT_ON_PANEL', 'INVALID_TRANSITION', 'RE_EXAMINATION_CONTRADICTS', 'RE_EXAMINATION_REQUIRED'],
  })
  reassess(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('skillId', UuidParamPipe) skillId: string,
    @Body() dto: ReassessSkillDto,
  ): Promise<AppealDto> {
    return this.appeals.reassess(actor, id, skillId, dto);
  }
}
