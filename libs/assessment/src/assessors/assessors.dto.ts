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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Trimmed, fieldRule } from '@qualcert/shared';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SetAssessorProfileDto {
  @ApiProperty({ minimum: 1, maximum: 8, description: 'The assessor’s own ОРК level' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8)
  orkLevel: number;

  @ApiProperty({ example: 'Управление контакт-центрами' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  field: string;
}

export class AccreditAssessorDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  cardIds: string[];

  @ApiProperty({ format: 'date' })
  @Matches(DATE, { message: fieldRule('date') })
  validFrom: string;

  @ApiProperty({ format: 'date' })
  @Matches(DATE, { message: fieldRule('date') })
  validTo: string;
}

export class DeclareConflictDto {
  @ApiProperty({ enum: ['candidate', 'employer'] })
  @IsIn(['candidate', 'employer'])
  kind: 'candidate' | 'employer';

  @ApiPropertyOptional({ format: 'uuid', description: 'For kind=candidate: one who applied to one of your centres' })
  @ValidateIf((d: DeclareConflictDto) => d.kind === 'candidate')
  @IsUUID()
  candidateId?: string;

  @ApiPropertyOptional({
    description: 'For kind=employer: every candidate who worked there is in conflict',
    example: 'ТОО «Колл-центр Плюс»',
  })
  @ValidateIf((d: DeclareConflictDto) => d.kind === 'employer')
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  employer?: string;

  @ApiProperty({ example: 'Работал в этой организации до 2023 года' })
  @Trimmed()
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
}

export class CloseConflictDto {
  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
}

export class AssignabilityQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cardId: string;

  @ApiPropertyOptional({ description: 'Comma-separated candidate ids to check conflicts against' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,199}$/i, { message: fieldRule('uuidList') })
  candidateIds?: string;
}

export class AssessorAccreditationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date' }) validTo: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status: string;
}

export class ConflictDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['candidate', 'employer'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) candidateId: string | null;
  @ApiProperty({ nullable: true, type: String }) employer: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) closedReason: string | null;
  @ApiProperty() createdAt: Date;
}

export class AssessorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: Number }) orkLevel: number | null;
  @ApiProperty({ nullable: true, type: String }) field: string | null;
  @ApiProperty({ type: [AssessorAccreditationDto] }) accreditations: AssessorAccreditationDto[];
  @ApiProperty({ type: [ConflictDto] }) conflicts: ConflictDto[];
}

export class RefusalDto {
  @ApiProperty({
    enum: ['NOT_ACCREDITED_FOR_CARD', 'ORK_LEVEL_TOO_LOW', 'CONFLICT_WITH_CANDIDATE', 'CONFLICT_WITH_EMPLOYER'],
  })
  rule: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional() candidateId?: string;
  @ApiPropertyOptional() employer?: string;
}

export class AssignabilityDto {
  @ApiProperty() assignable: boolean;
  @ApiProperty({ type: [RefusalDto] }) refusals: RefusalDto[];
}
