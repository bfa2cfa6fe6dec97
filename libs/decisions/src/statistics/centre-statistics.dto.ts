import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, PATHWAYS } from '@qualcert/candidates';
import { IsoDay } from '@qualcert/shared';
import { APPEAL_KINDS } from '../rules/appeal-rule';

export class CentreStatisticsQueryDto {
  @ApiProperty({ format: 'date', description: 'The first day of the period (UTC), inclusive', example: '2026-01-01' })
  @IsoDay()
  from: string;

  @ApiProperty({ format: 'date', description: 'The last day of the period (UTC), inclusive', example: '2026-12-31' })
  @IsoDay()
  to: string;
}

export class CountByPathwayDto {
  @ApiProperty({ enum: PATHWAYS }) pathway: string;
  @ApiProperty() count: number;
}

export class CountByStatusDto {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty() count: number;
}

export class CountByEligibilityDto {
  @ApiProperty({
    enum: ['eligible', 'awaiting_documents', 'ineligible', 'needs_review', 'not_checked'],
    description: 'The outcome of the application’s latest eligibility check; not_checked: none yet',
  })
  outcome: string;
  @ApiProperty() count: number;
}

export class CardApplicationsDto {
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty() cardName: string;
  @ApiProperty() orkLevel: number;
  @ApiProperty({ description: 'Applications submitted in the period' }) count: number;
  @ApiProperty({ description: 'Of them, on the recognition pathway' }) recognition: number;
}

export class ApplicationsStatisticsDto {
  @ApiProperty({ description: 'Applications submitted in the period (by their latest submission)' })
  submitted: number;
  @ApiProperty({ description: 'Of them, admitted by a manager’s written override' }) overridden: number;
  @ApiProperty({ type: [CountByPathwayDto] }) byPathway: CountByPathwayDto[];
  @ApiProperty({ type: [CountByStatusDto], description: 'Where they stand now' }) byStatus: CountByStatusDto[];
  @ApiProperty({ type: [CardApplicationsDto] }) byCard: CardApplicationsDto[];
  @ApiProperty({ type: [CountByEligibilityDto] }) eligibility: CountByEligibilityDto[];
}

export class CardExamsDto {
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty() cardName: string;
  @ApiProperty() orkLevel: number;
  @ApiProperty({ description: 'Candidates who passed every examined skill' }) passed: number;
  @ApiProperty({ description: 'Candidates who failed a skill, with none pending' }) failed: number;
  @ApiProperty({ description: 'Candidates whose exam is not complete (a test or a sheet missing)' }) pending: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'passed / (passed + failed), in [0, 1]; null when no exam is complete',
  })
  passRate: number | null;
}

export class SkillStatisticsDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ enum: ['mandatory', 'additional'] }) functionKind: string;
  @ApiProperty() functionNumber: number;
  @ApiProperty() skillNumber: number;
  @ApiProperty({ description: 'As the standard gives it' }) title: string;
  @ApiProperty({ description: 'Exam outcomes of the skill: passed' }) passed: number;
  @ApiProperty() failed: number;
  @ApiProperty() pending: number;
  @ApiProperty({ type: Number, nullable: true, description: 'passed / (passed + failed); null when none is known' })
  passRate: number | null;
  @ApiProperty({ description: 'Evidence reviews of the skill accepted in the period' }) evidenceAccepted: number;
  @ApiProperty() evidenceRejected: number;
}

export class ExamsStatisticsDto {
  @ApiProperty({ type: [CardExamsDto], description: 'Exams of sessions that started in the period' })
  cards: CardExamsDto[];
  @ApiProperty({ type: [SkillStatisticsDto], description: 'Per skill, in the standard’s order within each card' })
  skills: SkillStatisticsDto[];
}

export class CreditsStatisticsDto {
  @ApiProperty({ description: 'Skills credited on evidence (reviews accepted in the period)' }) onEvidence: number;
  @ApiProperty({ description: 'Skills passed at exams of the period' }) atExam: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'onEvidence / (onEvidence + atExam), in [0, 1]; null when neither',
  })
  recognitionShare: number | null;
}

export class AssessorWorkloadDto {
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Exam sessions of the period the assessor sat on' }) sessions: number;
  @ApiProperty({ description: 'Candidates enrolled in those sessions' }) candidates: number;
  @ApiProperty({ description: 'Practical sheets signed in the period' }) sheetsSigned: number;
  @ApiProperty({ description: 'Evidence reviews decided in the period' }) reviewsDecided: number;
  @ApiProperty({ description: 'Evidence reviews assigned and not yet decided (now)' }) reviewsOpen: number;
  @ApiProperty({ description: 'Appeal panel votes cast in the period' }) panelVotes: number;
}

export class DecisionCountDto {
  @ApiProperty({ enum: ['awarded', 'partial', 'not_awarded'] }) outcome: string;
  @ApiProperty() count: number;
}

export class DecisionsStatisticsDto {
  @ApiProperty({ type: [DecisionCountDto], description: 'Decisions signed in the period, by outcome' })
  signed: DecisionCountDto[];
  @ApiProperty({ description: 'Computed decisions returned by a manager, computed in the period' }) returned: number;
}

export class AppealCountDto {
  @ApiProperty({ enum: APPEAL_KINDS }) kind: string;
  @ApiProperty({
    enum: ['pending', 'upheld', 'resolved', 'admitted', 'sustained'],
    description:
      'pending: not heard to the end; upheld: the decision, refusal or procedure stands; resolved: a new ' +
      'decision replaced the contested one; admitted: the refused application was admitted; sustained: the complaint was well founded',
  })
  outcome: string;
  @ApiProperty() count: number;
}

export class CentreStatisticsDto {
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: ApplicationsStatisticsDto }) applications: ApplicationsStatisticsDto;
  @ApiProperty({ type: ExamsStatisticsDto }) exams: ExamsStatisticsDto;
  @ApiProperty({ type: CreditsStatisticsDto, description: 'Recognition of prior learning against the exam' })
  credits: CreditsStatisticsDto;
  @ApiProperty({ type: [AssessorWorkloadDto] }) workload: AssessorWorkloadDto[];
  @ApiProperty({ type: DecisionsStatisticsDto }) decisions: DecisionsStatisticsDto;
  @ApiProperty({ type: [AppealCountDto], description: 'Appeals lodged in the period' }) appeals: AppealCountDto[];
}
