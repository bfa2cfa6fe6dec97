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
import { PROGRAM_STATUSES, QUESTION_TYPES } from './program.entities';
import { Trimmed } from '@qualcert/shared';

export class ProgramSettingsDto {
  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  questionsPerSkill?: number;

  @ApiPropertyOptional({ default: 60, minimum: 5, maximum: 600 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(600)
  timeLimitMinutes?: number;

  @ApiPropertyOptional({
    default: 70,
    minimum: 1,
    maximum: 100,
    description: 'The overall theory pass mark: share of the whole test to answer correctly, %',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  passMarkPercent?: number;

  @ApiPropertyOptional({
    default: 50,
    minimum: 0,
    maximum: 100,
    description:
      'The per-skill floor: share of each skill’s questions to answer correctly, %, with the overall mark met. ' +
      'Activation refuses a floor under which one wrong answer fails a skill (questionsPerSkill × (100 − floor) < 100).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  skillFloorPercent?: number;

  @ApiPropertyOptional({ default: 2, minimum: 1, maximum: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  assessorsPerSession?: number;

  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: 240 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(240)
  certificateValidityMonths?: number;

  @ApiPropertyOptional({
    default: 12,
    minimum: 1,
    maximum: 120,
    description: 'How long credited skills stay valid for a retake',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  creditValidityMonths?: number;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  appealWindowDays?: number;

  @ApiPropertyOptional({ default: 30, minimum: 0, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  retakeWaitDays?: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    default: [],
    description:
      'Additional functions of the card the centre assesses; candidates may choose among them when applying. ' +
      'Readiness then covers their skills too',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  additionalFunctionIds?: string[];
}

export class CreateProgramDto extends ProgramSettingsDto {
  @ApiProperty({ format: 'uuid', description: 'A card the centre is accredited for' })
  @IsUUID()
  cardId: string;
}

export class CreateTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  skillId: string;

  @ApiProperty({ example: 'Обработать входящее обращение клиента по сценарию с жалобой на качество связи' })
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  text: string;

  @ApiProperty({ type: [String], description: 'Abilities of the skill the task observes' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  abilityIds: string[];
}

export class PracticalTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) abilityIds: string[];
}

export class ReadinessDto {
  @ApiProperty() ready: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      '[{ skillId, reasons: [{ code, params, message }] }] for every skill it examines (mandatory and offered ' +
      'additional) not yet covered; SKILL_HAS_NO_TASK { skill, title }, SKILL_HAS_TOO_FEW_QUESTIONS { skill, title, ' +
      'questions, needed }; the message in the language of the request (Accept-Language)',
  })
  missing: { skillId: string; reasons: { code: string; params: Record<string, unknown>; message: string }[] }[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      '[{ code, params, message, fields }]: settings the program cannot be activated with ' +
      '(SETTINGS_ONE_WRONG_ANSWER_FAILS_SKILL: questionsPerSkill × (100 − skillFloorPercent) < 100)',
  })
  settings: { code: string; params: Record<string, unknown>; message: string; fields: string[] }[];
}

export class ProgramDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ format: 'uuid' }) standardVersionId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: string;
  @ApiProperty() questionsPerSkill: number;
  @ApiProperty() timeLimitMinutes: number;
  @ApiProperty({ description: 'Overall theory pass mark, %' }) passMarkPercent: number;
  @ApiProperty({ description: 'Per-skill floor, %' }) skillFloorPercent: number;
  @ApiProperty() assessorsPerSession: number;
  @ApiProperty() certificateValidityMonths: number;
  @ApiProperty() creditValidityMonths: number;
  @ApiProperty() appealWindowDays: number;
  @ApiProperty() retakeWaitDays: number;
  @ApiProperty({ type: [String], description: 'The additional functions offered' }) additionalFunctionIds: string[];
  @ApiProperty({ type: [PracticalTaskDto] }) tasks: PracticalTaskDto[];
  @ApiProperty({ type: ReadinessDto }) readiness: ReadinessDto;
  @ApiProperty({ nullable: true, type: Date }) activatedAt: Date | null;
}

export class QuestionInputDto {
  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type: (typeof QUESTION_TYPES)[number];

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(5)
  @MaxLength(4000)
  text: string;

  @ApiProperty({ type: [String], minItems: 2, maxItems: 8 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(1000, { each: true })
  options: string[];

  @ApiProperty({
    type: [Number],
    description: 'Positions (from 0) of the correct options; exactly one for single choice',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(7, { each: true })
  correctOptions: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(4000)
  explanation?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A knowledge item of the skill' })
  @IsOptional()
  @IsUUID()
  knowledgeItemId?: string;
}

export class CreateQuestionDto extends QuestionInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cardId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  skillId: string;
}

export class ImportQuestionDto extends QuestionInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  skillId: string;
}

export class ImportQuestionsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cardId: string;

  @ApiProperty({ type: [ImportQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ImportQuestionDto)
  questions: ImportQuestionDto[];
}

export class ListQuestionsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cardId: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  skillId?: string;

  @ApiPropertyOptional({ enum: ['active', 'retired'] })
  @IsOptional()
  @IsIn(['active', 'retired'])
  status?: 'active' | 'retired';
}

export class QuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ enum: ['active', 'retired'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) options: string[];
  @ApiProperty({ type: [Number] }) correctOptions: number[];
  @ApiProperty({ nullable: true, type: String }) explanation: string | null;
  @ApiProperty({ nullable: true, type: String }) knowledgeItemId: string | null;
}

export class ImportedQuestionsDto {
  @ApiProperty({ description: 'How many questions were stored' }) imported: number;
  @ApiProperty({ type: [QuestionDto] }) questions: QuestionDto[];
}
