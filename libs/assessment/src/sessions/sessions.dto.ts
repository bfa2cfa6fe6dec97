import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { checkFastFirst, Trimmed } from '@qualcert/shared';

export class CreateSessionDto {
  @ApiProperty({ format: 'uuid', description: 'An active program of the centre' })
  @IsUUID()
  programId: string;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  startsAt: Date;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  endsAt: Date;

  @ApiPropertyOptional({ description: 'The address; omitted for an online session' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  place?: string;

  @ApiProperty({ minimum: 1, maximum: 500 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  capacity: number;

  @ApiProperty({ type: [String], description: 'At least the program’s number of assessors' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  assessorIds: string[];
}

export class EnrolDto {
  @ApiProperty({ format: 'uuid', description: 'An eligible application of the centre for the session’s card' })
  @IsUUID()
  applicationId: string;
}

export class SaveAnswerDto {
  @ApiProperty({
    type: [String],
    description: 'The chosen options, by the ids this test shows (its own, random per test); empty to clear',
  })
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  optionIds: string[];
}

/**
 * The answer save is the candidates' hottest route: a well-formed body skips class-validator.
 * `optionIds` alone, a list of at most 8 strings of at most 32 UTF-16 units (class-validator
 * counts a surrogate pair as one character, so it accepts all of these); anything else goes the
 * class-validator way and is answered as before.
 */
export function saveAnswerFastCheck(value: unknown): SaveAnswerDto | undefined {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'optionIds') return;
  const ids = (value as { optionIds: unknown }).optionIds;
  if (!Array.isArray(ids) || ids.length > 8) return;
  for (const id of ids as unknown[]) if (typeof id !== 'string' || id.length > 32) return;
  const dto = new SaveAnswerDto();
  dto.optionIds = [...(ids as string[])];
  return dto;
}
checkFastFirst(SaveAnswerDto, saveAnswerFastCheck);

export class EnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ type: [String] }) examinedSkillIds: string[];
  @ApiProperty({ enum: ['enrolled', 'withdrawn'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The theory test, once started' }) theoryTestId:
    string | null;
}

export class ExamSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty() online: boolean;
  @ApiProperty() capacity: number;
  @ApiProperty() enrolledCount: number;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status: string;
  @ApiProperty({ type: [String] }) assessorIds: string[];
  @ApiProperty({ type: [EnrolmentDto] }) enrolments: EnrolmentDto[];
}

export class TestOptionDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
}

export class TestItemDto {
  @ApiProperty() position: number;
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ enum: ['single', 'multiple'] }) type: string;
  @ApiProperty() text: string;
  @ApiProperty({
    type: [TestOptionDto],
    description: 'In this candidate’s order; the ids are this test’s own, random per test',
  })
  options: TestOptionDto[];
  @ApiProperty({ type: [String], nullable: true }) answer: string[] | null;
}

export class ShareDto {
  @ApiProperty() correct: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'correct / total, 0..1' }) share: number;
}

export class SkillShareDto extends ShareDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
}

export class TestScoreDto {
  @ApiProperty({ type: [SkillShareDto] }) perSkill: SkillShareDto[];
  @ApiProperty({ type: ShareDto }) overall: ShareDto;
}

export class TheoryTestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ enum: ['in_progress', 'submitted'] }) status: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty() deadlineAt: Date;
  @ApiProperty({ description: 'Seconds left, by the server’s clock' }) secondsLeft: number;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['candidate', 'deadline'] }) submittedBy: string | null;
  @ApiProperty({ type: [TestItemDto], description: 'Correct answers are never shown here' }) items: TestItemDto[];
  @ApiProperty({ nullable: true, type: TestScoreDto, description: 'Per skill and overall, once submitted' })
  score: TestScoreDto | null;
}
