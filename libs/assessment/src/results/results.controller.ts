import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { UuidParamPipe } from '@qualcert/shared';
import {
  ApplicationProgressDto,
  AssignReviewerDto,
  EnrolmentResultsDto,
  EvidenceReviewDto,
  RecordVerdictDto,
  ReviewDecisionDto,
} from './results.dto';
import { ResultsService } from './results.service';

@ApiTags('results')
@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Put('enrolments/:id/practical/:skillId')
  @Authenticated({
    roles: ['assessor'],
    summary: 'Record your practical verdict on an examined skill (until you sign)',
    type: EnrolmentResultsDto,
    notFound: true,
    conflict: true,
    errors: ['SKILL_NOT_EXAMINED', 'SHEET_SIGNED'],
  })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('skillId', UuidParamPipe) skillId: string,
    @Body() dto: RecordVerdictDto,
  ): Promise<EnrolmentResultsDto> {
    return this.results.recordVerdict(actor, id, skillId, dto);
  }

  @Post('enrolments/:id/practical/sign')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['assessor'],
    summary: 'Sign your sheet: your verdicts are locked',
    type: EnrolmentResultsDto,
    notFound: true,
    conflict: true,
    errors: ['SHEET_INCOMPLETE'],
  })
  sign(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<EnrolmentResultsDto> {
    return this.results.sign(actor, id);
  }

  @Get('enrolments/:id/results')
  @Authenticated({
    summary: 'Exam outcome per examined skill: theory share, verdicts, passed or not and why',
    type: EnrolmentResultsDto,
    notFound: true,
  })
  enrolmentResults(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<EnrolmentResultsDto> {
    return this.results.results(actor, id);
  }

  @Post('applications/:id/evidence-reviews')
  @Authenticated({
    roles: ['centre_manager'],
    summary: 'Assign an impartial assessor to review the claimed evidence',
    type: [EvidenceReviewDto],
    status: 201,
    notFound: true,
    conflict: true,
    errors: ['ASSESSOR_NOT_ASSIGNABLE', 'INVALID_TRANSITION'],
  })
  assign(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AssignReviewerDto,
  ): Promise<EvidenceReviewDto[]> {
    return this.results.assignReviewer(actor, id, dto.assessorId);
  }

  @Get('applications/:id/evidence-reviews')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'candidate'],
    summary: 'The evidence reviews of an application',
    type: [EvidenceReviewDto],
    notFound: true,
  })
  reviewsOf(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<EvidenceReviewDto[]> {
    return this.results.reviewsOf(actor, id);
  }

  @Get('evidence-reviews')
  @Authenticated({ roles: ['assessor'], summary: 'The evidence reviews assigned to you', type: [EvidenceReviewDto] })
  mine(@CurrentActor() actor: Actor): Promise<EvidenceReviewDto[]> {
    return this.results.myReviews(actor);
  }

  @Put('evidence-reviews/:id')
  @Authenticated({
    roles: ['assessor'],
    summary: 'Accept, reject, or ask once for more evidence',
    type: EvidenceReviewDto,
    notFound: true,
    conflict: true,
    errors: ['CRITERIA_NOT_MET', 'MORE_EVIDENCE_ALREADY_REQUESTED', 'REVIEW_DECIDED'],
  })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReviewDecisionDto,
  ): Promise<EvidenceReviewDto> {
    return this.results.decide(actor, id, dto);
  }

  @Get('applications/:id/progress')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'candidate'],
    summary: 'Where every skill the application needs stands',
    type: ApplicationProgressDto,
    notFound: true,
  })
  progress(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ApplicationProgressDto> {
    return this.results.applicationProgress(actor, id);
  }
}
