import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { EVIDENCE_TYPES } from '../entities/evidence-file.entity';
import { Trimmed, fieldRule } from '@qualcert/shared';

/** The form fields sent with the file (multipart/form-data). */
export class UploadEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_TYPES })
  @IsIn(EVIDENCE_TYPES)
  type: (typeof EVIDENCE_TYPES)[number];

  @ApiProperty({ description: 'Who issued the document', example: 'Учебный центр «Digital Skills»' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  issuer: string;

  @ApiProperty({ format: 'date', example: '2024-05-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: fieldRule('date') })
  issueDate: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ enum: EVIDENCE_TYPES }) type: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: 'Sanitised; the extension is that of the detected type' }) fileName: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'], description: 'Detected from the content' })
  mime: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: Date;
}

export class UploadResultDto extends EvidenceDto {
  @ApiProperty({ description: 'True when this candidate had already uploaded the same file: it is stored once' })
  duplicate: boolean;
}

export class CreateClaimDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  evidenceId: string;

  @ApiProperty({ type: [String], description: 'Skills of the application’s card that the file proves' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  skillIds: string[];
}

export class SkillPlanDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ enum: ['mandatory', 'additional'] }) functionKind: string;
  @ApiProperty() functionNumber: number;
  @ApiProperty() functionTitle: string;
  @ApiProperty() skillNumber: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['recommended', 'not_recommended'] }) recognition: string;
  @ApiProperty({ enum: ['evidence_review', 'exam'], description: 'Where this skill will be judged' }) route: string;
  @ApiProperty({ description: 'Why it goes there' }) reason: string;
  @ApiProperty({ type: [String], description: 'Evidence claimed for the skill' }) evidenceIds: string[];
}
