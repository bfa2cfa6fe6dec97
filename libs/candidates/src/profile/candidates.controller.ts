import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { RateLimited, UuidParamPipe } from '@qualcert/shared';
import {
  CandidateDetailDto,
  ConfirmIdentityDto,
  CreateEducationDto,
  CreateEmploymentDto,
  CreateLearningDto,
  EducationDto,
  EmploymentDto,
  LearningDto,
  ProfileDto,
  UpsertProfileDto,
  WithdrawIdentityConfirmationDto,
} from './candidates.dto';
import { CandidatesService } from './candidates.service';

@ApiTags('candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get('me/profile')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Your profile, with your experience per field',
    type: ProfileDto,
    notFound: true,
  })
  profile(@CurrentActor() actor: Actor): Promise<ProfileDto> {
    return this.candidates.getOwnProfile(actor);
  }

  @Put('me/profile')
  // Counted per account whatever the answer: each try of an ИИН costs one of PROFILE_CHANGES_PER_HOUR.
  @RateLimited('profile-change', { limit: 'PROFILE_CHANGES_PER_HOUR', by: 'user' })
  @Authenticated({
    roles: ['candidate'],
    summary: 'Create or update your profile (the ИИН is checked; PROFILE_CHANGES_PER_HOUR changes an hour)',
    type: ProfileDto,
    throttled: true,
    errors: ['INVALID_IIN'],
  })
  upsertProfile(@CurrentActor() actor: Actor, @Body() dto: UpsertProfileDto): Promise<ProfileDto> {
    return this.candidates.upsertProfile(actor, dto);
  }

  @Get('me/education')
  @Authenticated({ roles: ['candidate'], summary: 'Your education records', type: [EducationDto] })
  education(@CurrentActor() actor: Actor): Promise<EducationDto[]> {
    return this.candidates.listEducation(actor.userId);
  }

  @Post('me/education')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Add an education record with its document',
    type: EducationDto,
    status: 201,
    notFound: true,
  })
  addEducation(@CurrentActor() actor: Actor, @Body() dto: CreateEducationDto): Promise<EducationDto> {
    return this.candidates.addEducation(actor, dto);
  }

  @Put('me/education/:id')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Replace an education record (any change puts its document check back to pending)',
    type: EducationDto,
    notFound: true,
  })
  updateEducation(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateEducationDto,
  ): Promise<EducationDto> {
    return this.candidates.updateEducation(actor, id, dto);
  }

  @Delete('me/education/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Remove an education record (409 RECORD_IN_USE when an admitted application rests on it)',
    status: 204,
    notFound: true,
    conflict: true,
    errors: ['RECORD_IN_USE'],
  })
  removeEducation(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.candidates.removeRecord(actor, 'education', id);
  }

  @Get('me/employment')
  @Authenticated({ roles: ['candidate'], summary: 'Your employment records', type: [EmploymentDto] })
  employment(@CurrentActor() actor: Actor): Promise<EmploymentDto[]> {
    return this.candidates.listEmployment(actor.userId);
  }

  @Post('me/employment')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Add an employment record with its document (no future dates)',
    type: EmploymentDto,
    status: 201,
    notFound: true,
  })
  addEmployment(@CurrentActor() actor: Actor, @Body() dto: CreateEmploymentDto): Promise<EmploymentDto> {
    return this.candidates.addEmployment(actor, dto);
  }

  @Put('me/employment/:id')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Replace an employment record (any change puts its document check back to pending)',
    type: EmploymentDto,
    notFound: true,
  })
  updateEmployment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateEmploymentDto,
  ): Promise<EmploymentDto> {
    return this.candidates.updateEmployment(actor, id, dto);
  }

  @Delete('me/employment/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Remove an employment record (409 RECORD_IN_USE when an admitted application rests on it)',
    status: 204,
    notFound: true,
    conflict: true,
    errors: ['RECORD_IN_USE'],
  })
  removeEmployment(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.candidates.removeRecord(actor, 'employment', id);
  }

  @Get('me/learning')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Your learning records: courses, employer references, confirmed informal learning',
    type: [LearningDto],
  })
  learning(@CurrentActor() actor: Actor): Promise<LearningDto[]> {
    return this.candidates.listLearning(actor.userId);
  }

  @Post('me/learning')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Add a learning record with its document (it opens a card’s informal route)',
    type: LearningDto,
    status: 201,
    notFound: true,
  })
  addLearning(@CurrentActor() actor: Actor, @Body() dto: CreateLearningDto): Promise<LearningDto> {
    return this.candidates.addLearning(actor, dto);
  }

  @Put('me/learning/:id')
  @Authenticated({
    roles: ['candidate'],
    summary: 'Replace a learning record (any change puts its document check back to pending)',
    type: LearningDto,
    notFound: true,
  })
  updateLearning(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateLearningDto,
  ): Promise<LearningDto> {
    return this.candidates.updateLearning(actor, id, dto);
  }

  @Delete('me/learning/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({
    roles: ['candidate'],
    summary: 'Remove a learning record (409 RECORD_IN_USE when an admitted application rests on it)',
    status: 204,
    notFound: true,
    conflict: true,
  })
  removeLearning(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.candidates.removeRecord(actor, 'learning', id);
  }

  @Get(':id')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'assessor'],
    summary: 'A candidate who applied at your centre: profile (ИИН masked for assessors) and records with their checks',
    type: CandidateDetailDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CandidateDetailDto> {
    return this.candidates.getCandidate(actor, id);
  }

  @Post(':id/identity-confirmation')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary:
      'Confirm, having seen their identity document, that this account holds the ИИН it declares (one account per ИИН)',
    type: ProfileDto,
    notFound: true,
    conflict: true,
    errors: ['IDENTITY_CONFIRMED_ELSEWHERE'],
  })
  confirmIdentity(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ConfirmIdentityDto,
  ): Promise<ProfileDto> {
    return this.candidates.confirmIdentity(actor, id, dto);
  }

  @Post(':id/identity-confirmation/withdraw')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Withdraw an identity confirmation made in error, with the reason',
    type: ProfileDto,
    notFound: true,
    conflict: true,
    errors: ['INVALID_TRANSITION'],
  })
  withdrawIdentityConfirmation(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawIdentityConfirmationDto,
  ): Promise<ProfileDto> {
    return this.candidates.withdrawIdentityConfirmation(actor, id, dto);
  }
}
