import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { EDUCATION_LEVELS } from '../prerequisites/prerequisite-rules';
import { PageQueryDto, fieldRule } from '@qualcert/shared';

export class ListCardsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Version number of the standard; the latest when omitted', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ description: 'ОРК level', minimum: 1, maximum: 8 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8)
  orkLevel?: number;

  @ApiPropertyOptional({
    description: 'НКЗ occupation code or its prefix, e.g. 4224-5-003 or 4224',
    example: '4224-5-003',
  })
  @IsOptional()
  @Matches(/^\d{4}(-\d(-\d{3})?)?$/, { message: fieldRule('occupationCode') })
  occupationCode?: string;

  @ApiPropertyOptional({ description: 'Text searched in the card name and its other names' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}

export class OkedCodeDto {
  @ApiProperty({ example: '62.02' }) code: string;
  @ApiProperty() name: string;
}

export class ImportWarningDto {
  @ApiProperty({ description: 'Line of the source text (0 when not tied to a line)' }) line: number;
  @ApiProperty({ example: 'CARD_MISNUMBERED' }) code: string;
  @ApiProperty() message: string;
}

export class AppliedCorrectionDto {
  @ApiProperty({ example: 'card 2, mandatory function 1, skill 3' }) target: string;
  @ApiProperty({ example: 'title' }) field: string;
  @ApiProperty() asParsed: string;
  @ApiProperty() shouldRead: string;
  @ApiProperty() applied: boolean;
  @ApiPropertyOptional() reason?: string;
}

export class StandardVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Version number within the standard, from 1' }) version: number;
  @ApiProperty({ description: 'SHA-256 of the text and the corrections applied: the version identity' })
  contentHash: string;
  @ApiProperty({ description: 'SHA-256 of the text alone' }) textHash: string;
  @ApiProperty() sourceName: string;
  @ApiProperty({ nullable: true, type: String, example: '394/НҚ' }) orderNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) orderDate: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedBy: string | null;
  @ApiProperty({ type: [OkedCodeDto] }) okedCodes: OkedCodeDto[];
  @ApiProperty() importedAt: Date;
  @ApiProperty() cardCount: number;
  @ApiProperty() warningCount: number;
}

export class StandardVersionDetailDto extends StandardVersionDto {
  @ApiProperty({ type: [ImportWarningDto] }) warnings: ImportWarningDto[];
  @ApiProperty({ type: [AppliedCorrectionDto] }) corrections: AppliedCorrectionDto[];
}

export class StandardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [StandardVersionDto], description: 'Newest first' }) versions: StandardVersionDto[];
}

export class StandardDetailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [StandardVersionDetailDto], description: 'Newest first' })
  versions: StandardVersionDetailDto[];
}

export class VersionRefDto {
  @ApiProperty({ format: 'uuid' }) standardId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() version: number;
  @ApiProperty() contentHash: string;
}

export class CardSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in the standard' }) number: number;
  @ApiProperty({ nullable: true, type: Number, description: 'As printed (the source may misnumber)' })
  printedNumber: number | null;
  @ApiProperty({ nullable: true, type: String, example: '4224-5' }) groupCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: '4224-5-003' }) occupationCode: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: 1, maximum: 8 }) orkLevel: number;
  @ApiProperty({ nullable: true, type: String }) orkSublevel: string | null;
  @ApiProperty({ enum: ['structured', 'needs_review', 'confirmed'] }) prerequisiteStatus: string;
}

export class CardsPageDto {
  @ApiProperty({ type: VersionRefDto }) standard: VersionRefDto;
  @ApiProperty({ type: [CardSummaryDto] }) items: CardSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CatalogueItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty() text: string;
}

export class SkillDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position within its function' }) number: number;
  @ApiProperty({ description: 'As printed (the source may misnumber)' }) printedNumber: number;
  @ApiProperty() title: string;
  @ApiProperty({
    enum: ['recommended', 'not_recommended'],
    description: 'Whether the skill may be credited on evidence',
  })
  recognition: string;
  @ApiProperty({ type: [CatalogueItemDto] }) abilities: CatalogueItemDto[];
  @ApiProperty({ type: [CatalogueItemDto] }) knowledge: CatalogueItemDto[];
}

export class LabourFunctionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['mandatory', 'additional'] }) kind: string;
  @ApiProperty({ description: 'Position within its kind' }) number: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: [SkillDto] }) skills: SkillDto[];
}

export class PrerequisiteRouteDto {
  @ApiProperty({ enum: ['formal', 'informal'] }) kind: string;
  @ApiProperty({ enum: EDUCATION_LEVELS, nullable: true, type: String }) minEducation: string | null;
  @ApiProperty() minExperienceMonths: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'A code of GET /fields; experience in it or in any narrower field counts. Null: any field, or none needed',
  })
  experienceField: string | null;
  @ApiProperty({
    description:
      'Informal route: the candidate needs a learning record (non-formal course, employer reference, informal-learning ' +
      'statement confirmed by an employer) with a document',
  })
  requiresLearningEvidence: boolean;
  @ApiProperty({ description: 'The words of the card this route was read from' }) sourceText: string;
}

export class PrerequisitesDto {
  @ApiProperty({ enum: ['structured', 'needs_review', 'confirmed'] }) status: string;
  @ApiProperty({ description: 'Original text: education level' }) educationLevelText: string;
  @ApiProperty({ description: 'Original text: experience requirement' }) experienceText: string;
  @ApiProperty({ description: 'Original text: non-formal and informal learning' }) informalText: string;
  @ApiProperty({ type: [PrerequisiteRouteDto], description: 'Alternatives: any route that holds suffices' })
  routes: PrerequisiteRouteDto[];
  @ApiProperty({ type: [String] }) reviewReasons: string[];
}

export class CodedNameDto {
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() name: string;
}

export class RelatedProfessionDto {
  @ApiProperty({ nullable: true, type: Number }) orkLevel: number | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() name: string;
}

export class CardDetailDto extends CardSummaryDto {
  @ApiProperty({ type: VersionRefDto }) standard: VersionRefDto;
  @ApiProperty({ nullable: true, type: String }) qualificationReference: string | null;
  @ApiProperty({ nullable: true, type: String }) specialty: string | null;
  @ApiProperty({ nullable: true, type: String }) qualification: string | null;
  @ApiProperty({ type: [CodedNameDto] }) otherNames: CodedNameDto[];
  @ApiProperty() mainGoal: string;
  @ApiProperty({ type: [String] }) personalCompetencies: string[];
  @ApiProperty({ type: [String] }) technicalStandards: string[];
  @ApiProperty({ type: [RelatedProfessionDto] }) relatedProfessions: RelatedProfessionDto[];
  @ApiProperty({ type: PrerequisitesDto }) prerequisites: PrerequisitesDto;
  @ApiProperty({ type: [LabourFunctionDto], description: 'Mandatory first, in the order of the card' })
  functions: LabourFunctionDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'Warnings about the recognition pathway on this card, [{ code, params, message }]: EVERY_SKILL_EXAMINED ' +
      'when no skill of the card is recommended for recognition (the pathway is offered, every skill is examined)',
  })
  recognitionWarnings: { code: string; params: Record<string, unknown>; message: string }[];
}

export class SkillContextFunctionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['mandatory', 'additional'] }) kind: string;
  @ApiProperty() number: number;
  @ApiProperty() title: string;
}

export class SkillContextCardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) occupationCode: string | null;
  @ApiProperty() orkLevel: number;
}

export class SkillDetailDto extends SkillDto {
  @ApiProperty({ type: SkillContextFunctionDto }) function: SkillContextFunctionDto;
  @ApiProperty({ type: SkillContextCardDto }) card: SkillContextCardDto;
  @ApiProperty({ type: VersionRefDto }) standard: VersionRefDto;
}

export class FieldNamesDto {
  @ApiProperty({ example: 'колл-орталық' }) kk: string;
  @ApiProperty({ example: 'колл-центр' }) ru: string;
  @ApiProperty({ example: 'call centre' }) en: string;
}

export class FieldOfActivityDto {
  @ApiProperty({ example: 'call_centre', description: 'Stable; employment records and card rules refer to it' })
  code: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'remote_information_consulting',
    description: 'The broader field this one is part of; experience here counts there too (never the reverse)',
  })
  parentCode: string | null;
  @ApiProperty({ type: FieldNamesDto, description: 'As they read inside a sentence' }) names: FieldNamesDto;
}
