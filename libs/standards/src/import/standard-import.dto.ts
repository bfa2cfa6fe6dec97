import { fieldRule } from '@qualcert/shared';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class ImportStandardDto {
  @ApiProperty({ description: 'The standard’s text, as converted from the published PDF' })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000_000)
  text: string;

  @ApiPropertyOptional({ description: 'Where the text came from, e.g. its file name', example: 'kz-ps-2025.txt' })
  @IsOptional()
  @Matches(/^[^\\/\p{Cc}]{1,300}$/u, {
    message: fieldRule('fileName'),
  })
  sourceName?: string;

  @ApiPropertyOptional({
    description: 'Corrections, as in a corrections file (see docs/STANDARDS-IMPORT.md)',
    type: 'array',
    items: { type: 'object' },
  })
  @IsOptional()
  @IsArray()
  corrections?: unknown[];
}

export class ImportSummaryDto {
  @ApiProperty({ enum: ['created', 'unchanged'] }) status: string;
  @ApiProperty({ format: 'uuid' }) standardId: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty() contentHash: string;
  @ApiProperty() cards: number;
  @ApiProperty({ example: { mandatory: 27, additional: 11 } }) functions: { mandatory: number; additional: number };
  @ApiProperty({ example: { total: 157, recommended: 64, notRecommended: 93 } })
  skills: { total: number; recommended: number; notRecommended: number };
  @ApiProperty() abilities: number;
  @ApiProperty() knowledgeItems: number;
  @ApiProperty({ example: { structured: 10, needsReview: 0 } }) prerequisites: {
    structured: number;
    needsReview: number;
  };
  @ApiProperty({ type: 'array', items: { type: 'object' } }) warnings: {
    line: number;
    code: string;
    message: string;
  }[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) corrections: unknown[];
}

export class ExistingVersionDto {
  @ApiProperty({ format: 'uuid' }) standardId: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() version: number;
}

/** The import's summary before anything is stored. */
export class ImportPreviewDto extends OmitType(ImportSummaryDto, ['status', 'standardId', 'versionId', 'version']) {
  @ApiProperty({
    type: ExistingVersionDto,
    nullable: true,
    description: 'The version already holding this content: importing it would change nothing',
  })
  existingVersion: ExistingVersionDto | null;
}
