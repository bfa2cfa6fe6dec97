import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { APPLICATION_STATUSES, PATHWAYS } from './application-state';
import { Trimmed, PageQueryDto } from '@qualcert/shared';

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'A centre accredited for the card' })
  @IsUUID()
  centreId: string;

  @ApiProperty({ format: 'uuid', description: 'A profession card of a published standard version' })
  @IsUUID()
  cardId: string;

  @ApiProperty({
    enum: PATHWAYS,
    description: 'assessment: every skill at an exam; recognition: evidence for recommended skills',
  })
  @IsIn(PATHWAYS)
  pathway: (typeof PATHWAYS)[number];
}

export class OverrideEligibilityDto {
  @ApiProperty({
    description: 'Why the candidate is admitted despite the failed check (kept in the audit trail)',
    minLength: 20,
  })
  @Trimmed()
  @IsString()
  @MinLength(20)
  @MaxLength(2000)
  justification: string;
}

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: (typeof APPLICATION_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  centreId?: string;
}

export class EligibilityConditionDto {
  @ApiProperty({ enum: ['education', 'experience', 'learning_evidence'] }) kind: string;
  @ApiProperty() holds: boolean;
  @ApiProperty({ description: 'e.g. "needs 12 months in …, has 7"' }) message: string;
}

export class EligibilityRouteDto {
  @ApiProperty() index: number;
  @ApiProperty({ enum: ['formal', 'informal'] }) kind: string;
  @ApiProperty() holds: boolean;
  @ApiProperty() sourceText: string;
  @ApiProperty({ type: [EligibilityConditionDto] }) conditions: EligibilityConditionDto[];
}

export class EligibilityResultDto {
  @ApiProperty({ enum: ['eligible', 'ineligible', 'needs_review'] }) outcome: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [EligibilityRouteDto], description: 'Every route of the card; any route that holds suffices' })
  routes: EligibilityRouteDto[];
}

export class EligibilityOverrideDto {
  @ApiProperty({ format: 'uuid' }) byUserId: string;
  @ApiProperty() justification: string;
  @ApiProperty() at: string;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ format: 'uuid' }) standardVersionId: string;
  @ApiProperty({ enum: PATHWAYS }) pathway: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({ type: EligibilityResultDto, nullable: true }) eligibility: EligibilityResultDto | null;
  @ApiProperty({ nullable: true, type: Date }) eligibilityCheckedAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: EligibilityOverrideDto,
    description: 'Set when a centre manager admitted the candidate',
  })
  eligibilityOverride: EligibilityOverrideDto | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({
    description:
      'Centre staff and admins only, when reading applications: another account declares the candidate’s ИИН. Until a centre confirms this one (POST /candidates/{id}/identity-confirmation) the application is not enrolled and its decision not signed (docs/CANDIDATES.md)',
  })
  iinAlsoDeclaredElsewhere?: boolean;
  @ApiPropertyOptional({
    description: 'Centre staff and admins only: a centre confirmed the candidate’s identity document',
  })
  identityConfirmed?: boolean;
}

export class ApplicationsPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
