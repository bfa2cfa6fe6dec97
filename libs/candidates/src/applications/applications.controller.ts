import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import {
  ApplicationDto,
  ApplicationsPageDto,
  CreateApplicationDto,
  ListApplicationsQueryDto,
  OverrideEligibilityDto,
} from './applications.dto';
import { ApplicationsService } from './applications.service';

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Authenticated({
    roles: ['candidate'],
    summary: 'Apply for a card at an accredited centre (a draft)',
    type: ApplicationDto,
    status: 201,
    notFound: true,
    conflict: true,
    errors: [
      'APPLICATION_EXISTS',
      'CARD_NEEDS_REVIEW',
      'CENTRE_NOT_ACCREDITED',
      'FUNCTION_NOT_OFFERED',
      'PROFILE_REQUIRED',
      'RETAKE_TOO_EARLY',
    ],
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApplicationDto): Promise<ApplicationDto> {
    return this.applications.apply(actor, dto);
  }

  @Get()
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    summary:
      'Applications: your own, your centre’s, or all for an admin; filtered by state, card, pathway and the days of submission',
    type: ApplicationsPageDto,
    errors: ['PERIOD_REVERSED'],
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListApplicationsQueryDto): Promise<ApplicationsPageDto> {
    return this.applications.list(actor, query);
  }

  @Get(':id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor', 'candidate'],
    summary: 'One application with its eligibility result',
    type: ApplicationDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ApplicationDto> {
    return this.applications.get(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Submit: the eligibility check runs in the background',
    type: ApplicationDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ApplicationDto> {
    return this.applications.submit(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Withdraw the application; frees its seat, and after an assessment result the retake wait applies',
    type: ApplicationDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ApplicationDto> {
    return this.applications.withdraw(actor, id);
  }

  @Post(':id/eligibility-override')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['centre_manager'],
    summary: 'Admit an ineligible candidate, with a written justification',
    type: ApplicationDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  override(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: OverrideEligibilityDto,
  ): Promise<ApplicationDto> {
    return this.applications.overrideEligibility(actor, id, dto.justification);
  }
}
