import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trimmed } from '@qualcert/shared';
import { APPEAL_STATUSES } from './appeal.entity';

export class LodgeAppealDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Skills of the card the decision did not credit' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  contestedSkillIds: string[];

  @ApiProperty({ description: 'Why the candidate contests the decision' })
  @Trimmed()
  @IsString()
  @MinLength(20)
  @MaxLength(8000)
  grounds: string;
}

export class LodgeApplicationAppealDto {
  @ApiProperty({
    enum: ['admission', 'procedural'],
    description:
      'admission: against the refusal of admission (the application is ineligible); procedural: a complaint about the procedure',
  })
  @IsIn(['admission', 'procedural'])
  kind: 'admission' | 'procedural';

  @ApiProperty({ description: 'Why the candidate appeals: the reason of the complaint' })
  @Trimmed()
  @IsString()
  @MinLength(20)
  @MaxLength(8000)
  grounds: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    default: [],
    description: 'The appeal’s documents: evidence files the candidate uploaded (POST /evidence)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class AssignPanelDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'At least two assessors of the centre who took no part in the application',
  })
  @IsUUID('all', { each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(7)
  assessorIds: string[];
}

export class PanelVoteDto {
  @ApiProperty({
    enum: ['uphold', 'reassess', 'admit', 'sustain'],
    description:
      'uphold: what was contested stands; or the remedy of the appeal’s kind: reassess (decision), admit (admission), sustain (procedural)',
  })
  @IsIn(['uphold', 'reassess', 'admit', 'sustain'])
  vote: 'uphold' | 'reassess' | 'admit' | 'sustain';

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reason: string;
}

export class ReTheoryDto {
  @ApiProperty({ description: 'Questions answered right in the re-test' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(200)
  correct: number;

  @ApiProperty({ description: 'Questions asked in the re-test' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  total: number;
}

export class RePracticalDto {
  @ApiProperty({ enum: ['competent', 'not_yet_competent'] })
  @IsIn(['competent', 'not_yet_competent'])
  verdict: 'competent' | 'not_yet_competent';
}

export class ReExaminationDto {
  @ApiPropertyOptional({ type: ReTheoryDto, description: 'A theory re-test of the skill before the panel' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReTheoryDto)
  theory?: ReTheoryDto;

  @ApiPropertyOptional({ type: RePracticalDto, description: 'A practical task observed by the panel member' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RePracticalDto)
  practical?: RePracticalDto;
}

export class ReassessSkillDto {
  @ApiProperty({ enum: ['passed', 'failed'], description: 'This panel member’s verdict; the majority decides' })
  @IsIn(['passed', 'failed'])
  result: 'passed' | 'failed';

  @ApiProperty({ description: 'What the panel member examined and found' })
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  note: string;

  @ApiPropertyOptional({
    type: ReExaminationDto,
    description:
      'The re-examination behind the verdict: required to pass a skill not recommended for recognition ' +
      '(422 RE_EXAMINATION_REQUIRED), and must bear the verdict out (422 RE_EXAMINATION_CONTRADICTS)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReExaminationDto)
  reExamination?: ReExaminationDto;
}

export class PanelMemberDto {
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ enum: ['uphold', 'reassess', 'admit', 'sustain'], nullable: true, type: String }) vote: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: Date }) votedAt: Date | null;
}

export class ReassessmentDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ enum: ['passed', 'failed'] }) result: string;
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: ReExaminationDto, nullable: true }) reExamination: ReExaminationDto | null;
  @ApiProperty() recordedAt: Date;
}

export class SkillResolutionDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ enum: ['pending', 'credited', 'not_credited'] }) status: string;
  @ApiProperty({ description: 'Members who recorded passed' }) passed: number;
  @ApiProperty({ description: 'Members who recorded a verdict' }) recorded: number;
  @ApiProperty({ description: 'Members of the panel' }) members: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      '{ code, params, message }: PANEL_SKILL_MAJORITY_CREDITS, PANEL_SKILL_NO_MAJORITY (a tie), PANEL_SKILL_PENDING',
  })
  explanation: { code: string; params: Record<string, unknown>; message: string };
}

export class AppealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: ['decision', 'admission', 'procedural'] }) kind: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The contested decision (decision appeals)',
  })
  decisionId: string | null;
  @ApiProperty({ type: [String] }) contestedSkillIds: string[];
  @ApiProperty() grounds: string;
  @ApiProperty({ type: [String], description: 'The candidate’s evidence files named as documents' })
  evidenceIds: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'The refused submission (admission appeals)' })
  applicationSubmission: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The last day the appeal could be lodged (UTC); null for a complaint about an application under way',
  })
  deadline: string | null;
  @ApiProperty({ enum: APPEAL_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Date }) heardAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The decision computed after re-assessment' })
  newDecisionId: string | null;
  @ApiProperty({ type: [PanelMemberDto] }) panel: PanelMemberDto[];
  @ApiProperty({ type: [ReassessmentDto], description: 'Every member’s verdict per contested skill' })
  reassessments: ReassessmentDto[];
  @ApiProperty({
    type: [SkillResolutionDto],
    description: 'The panel’s majority per contested skill (decision appeals)',
  })
  skillResolutions: SkillResolutionDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
