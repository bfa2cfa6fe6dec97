import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trimmed } from '@qualcert/shared';

export class RecordVerdictDto {
  @ApiProperty({ enum: ['competent', 'not_yet_competent'] })
  @IsIn(['competent', 'not_yet_competent'])
  verdict: 'competent' | 'not_yet_competent';

  @ApiProperty({ type: [String], description: 'Abilities of the skill the assessor observed' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  abilitiesObserved: string[];

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  comment: string;
}

export class AssignReviewerDto {
  @ApiProperty({ format: 'uuid', description: 'An assessor of the centre who passes the impartiality rules' })
  @IsUUID()
  assessorId: string;
}

export class CriteriaDto {
  @ApiProperty() @IsBoolean() valid: boolean;
  @ApiProperty() @IsBoolean() sufficient: boolean;
  @ApiProperty() @IsBoolean() authentic: boolean;
  @ApiProperty() @IsBoolean() current: boolean;
}

export class ReviewDecisionDto {
  @ApiProperty({ enum: ['accept', 'reject', 'request_more'], description: 'request_more: once per review' })
  @IsIn(['accept', 'reject', 'request_more'])
  decision: 'accept' | 'reject' | 'request_more';

  @ApiProperty({ type: CriteriaDto, description: 'Accepting needs all four' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CriteriaDto)
  criteria?: CriteriaDto;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  comment: string;
}

export class VerdictDto {
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ enum: ['competent', 'not_yet_competent'] }) verdict: string;
  @ApiProperty() signed: boolean;
  @ApiProperty() comment: string;
}

export class SkillResultDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ nullable: true, type: Number }) theoryShare: number | null;
  @ApiProperty({ type: [VerdictDto] }) verdicts: VerdictDto[];
  @ApiProperty({ enum: ['pending', 'passed', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: Boolean }) theoryPassed: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) practicalPassed: boolean | null;
  @ApiProperty({ description: 'The explanations’ messages, in the language of the request (Accept-Language)' })
  reason: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'The reason as [{ code, params, message }] (the message in the language of the request): theory (THEORY_MET, THEORY_OVERALL_BELOW_PASS_MARK, ' +
      'THEORY_SKILL_BELOW_FLOOR, THEORY_PENDING) then practical (PRACTICAL_MAJORITY, PRACTICAL_NO_MAJORITY, PRACTICAL_PENDING)',
  })
  explanations: { code: string; params: Record<string, unknown>; message: string }[];
}

export class EnrolmentResultsDto {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ description: 'The overall theory pass mark, 0..1' }) passMark: number;
  @ApiProperty({ description: 'The per-skill theory floor, 0..1' }) skillFloor: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The whole test’s share, 0..1; null until submitted' })
  overallShare: number | null;
  @ApiProperty() assessorsInSession: number;
  @ApiProperty({ type: [SkillResultDto] }) skills: SkillResultDto[];
}

export class EvidenceReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ enum: ['pending', 'more_requested', 'accepted', 'rejected'] }) status: string;
  @ApiProperty({ type: CriteriaDto, nullable: true }) criteria: CriteriaDto | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: Date }) moreRequestedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
}

export class SkillProgressDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({
    enum: ['evidence', 'exam', 'carried'],
    description: 'carried: credited by an earlier partial decision for the card, still valid; not examined again',
  })
  route: string;
  @ApiProperty({ enum: ['pending', 'credited_by_evidence', 'passed', 'failed', 'carried'] }) outcome: string;
}

export class ApplicationProgressDto {
  @ApiProperty() status: string;
  @ApiProperty({ description: 'Every skill the application needs has an outcome' }) complete: boolean;
  @ApiProperty({ type: [SkillProgressDto] }) skills: SkillProgressDto[];
  @ApiProperty({ type: [String], description: 'Skills still to be examined' }) examSkillIds: string[];
}
