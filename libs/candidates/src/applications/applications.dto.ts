import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { EDUCATION_LEVELS } from '@qualcert/standards';
import { RECORD_VERDICTS } from '../eligibility/eligibility';
import { RECORD_KINDS } from '../records/record-facts';
import { APPLICATION_STATUSES, PATHWAYS } from './application-state';
import { IsoDay, Trimmed, PageQueryDto } from '@qualcert/shared';
import { RecordCheckDto } from '../profile/candidates.dto';

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

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    default: [],
    description:
      'Additional labour functions of the card to be assessed on too (optional; mandatory ones always are). ' +
      'Only functions the centre’s active program offers (its additionalFunctionIds): otherwise 409 FUNCTION_NOT_OFFERED',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  additionalFunctionIds?: string[];
}

export class WarningDto {
  @ApiProperty({ description: 'Stable code, e.g. EVERY_SKILL_EXAMINED' }) code: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty({ description: 'In the language of the request (Accept-Language)' }) message: string;
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

  @ApiPropertyOptional({ format: 'uuid', description: 'A profession card' })
  @IsOptional()
  @IsUUID()
  cardId?: string;

  @ApiPropertyOptional({ enum: PATHWAYS })
  @IsOptional()
  @IsIn(PATHWAYS)
  pathway?: (typeof PATHWAYS)[number];

  @ApiPropertyOptional({
    format: 'date',
    description:
      'Submitted on or after this day (UTC): the day of the latest submission, or of the creation for a draft',
  })
  @IsOptional()
  @IsoDay()
  submittedFrom?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Submitted on or before this day (UTC); a period that starts after it ends is PERIOD_REVERSED',
  })
  @IsOptional()
  @IsoDay()
  submittedTo?: string;
}

const CONDITION_CODES = [
  'education_not_required',
  'education_met',
  'education_not_met',
  'experience_not_required',
  'experience_met',
  'experience_short',
  'learning_met',
  'learning_missing',
];

export class EligibilityConditionParamsDto {
  @ApiPropertyOptional({
    enum: EDUCATION_LEVELS,
    nullable: true,
    type: String,
    description: 'education: the level needed (null: none)',
  })
  requiredLevel?: string | null;
  @ApiPropertyOptional({
    enum: EDUCATION_LEVELS,
    nullable: true,
    type: String,
    description: 'education: the highest level among the declared records',
  })
  declaredLevel?: string | null;
  @ApiPropertyOptional({
    enum: EDUCATION_LEVELS,
    nullable: true,
    type: String,
    description: 'education: the highest level among the confirmed records',
  })
  confirmedLevel?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'experience: the field asked for (a code of GET /fields; its narrower fields count too); null: any',
  })
  field?: string | null;
  @ApiPropertyOptional({ description: 'experience: months needed' }) monthsRequired?: number;
  @ApiPropertyOptional({ description: 'experience: months on the declared records' }) months?: number;
  @ApiPropertyOptional({ description: 'experience: months on the confirmed records alone' }) confirmedMonths?: number;
  @ApiProperty({
    type: [String],
    description: 'Records that count on what was declared (with a document, not rejected): the jobs that counted',
  })
  recordIds: string[];
  @ApiProperty({ type: [String], description: 'Of those, the ones a centre confirmed; the rest await the check' })
  confirmedRecordIds: string[];
  @ApiProperty({ type: [String], description: 'Records that would count but whose document was rejected' })
  rejectedRecordIds: string[];
  @ApiProperty({ type: [String], description: 'Records that would count but carry no document' })
  undocumentedRecordIds: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'How each record named above reads in messages, by id (absent on results kept from before)',
  })
  labels?: Record<string, string>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Why the centre rejected each rejected record’s document, by id, where it said',
  })
  rejectionReasons?: Record<string, string>;
  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    properties: { kk: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } },
    description: 'experience: the field’s names; null: any field',
  })
  fieldNames?: { kk: string; ru: string; en: string } | null;
}

export class EligibilityConditionDto {
  @ApiProperty({ enum: ['education', 'experience', 'learning'] }) kind: string;
  @ApiProperty({
    enum: CONDITION_CODES,
    description: 'Stable: a client renders the condition from code and params in the reader’s language',
  })
  code: string;
  @ApiProperty({ description: 'Holds on the records declared' }) holds: boolean;
  @ApiProperty({ description: 'Holds on the records a centre confirmed' }) confirmed: boolean;
  @ApiProperty({ type: EligibilityConditionParamsDto }) params: EligibilityConditionParamsDto;
  @ApiProperty({
    description: 'In the language of the request (Accept-Language), e.g. "needs 12 months in …, has 7 (counted: …)"',
  })
  message: string;
}

export class EligibilityRouteDto {
  @ApiProperty() index: number;
  @ApiProperty({ enum: ['formal', 'informal'] }) kind: string;
  @ApiProperty({ description: 'Every condition holds on the records declared' }) holds: boolean;
  @ApiProperty({ description: 'Every condition holds on the confirmed records: the route admits' })
  confirmed: boolean;
  @ApiProperty() sourceText: string;
  @ApiProperty({ type: [EligibilityConditionDto] }) conditions: EligibilityConditionDto[];
}

export class EligibilityNoteDto {
  @ApiProperty({
    enum: ['no_informal_route', 'checked_before_document_checks'],
    description:
      'no_informal_route: the card’s informal-learning cell is empty; checked_before_document_checks: a result ' +
      'kept from before documents were checked',
  })
  code: string;
  @ApiProperty({ type: Object }) params: Record<string, never>;
  @ApiProperty({ description: 'In the language of the request (Accept-Language)' }) message: string;
}

export class EligibilityResultDto {
  @ApiProperty({ enum: ['eligible', 'awaiting_documents', 'ineligible', 'needs_review'] }) outcome: string;
  @ApiProperty({ description: 'In the language of the request (Accept-Language)' }) summary: string;
  @ApiProperty({ type: [EligibilityRouteDto], description: 'Every route of the card; any route that holds suffices' })
  routes: EligibilityRouteDto[];
  @ApiProperty({
    type: [String],
    description: 'Records awaiting the document check that a route holding on the declared records rests on',
  })
  pendingRecordIds: string[];
  @ApiProperty({ type: [EligibilityNoteDto] }) notes: EligibilityNoteDto[];
  @ApiPropertyOptional({
    enum: ['structured', 'needs_review', 'confirmed'],
    description: 'The status of the card’s rules the check read (absent on results kept from before)',
  })
  rulesStatus?: string;
  @ApiPropertyOptional({ type: [String], description: 'Why the card’s rules need review, when they do' })
  reviewReasons?: string[];
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
  @ApiProperty({ type: [String], description: 'The additional functions chosen; mandatory ones are always assessed' })
  additionalFunctionIds: string[];
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
    type: [WarningDto],
    description:
      'On the application’s own view (create, GET by id): EVERY_SKILL_EXAMINED on the recognition pathway when ' +
      'no skill it is assessed on is recommended for recognition',
  })
  warnings?: WarningDto[];
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

export const VERDICTS = RECORD_VERDICTS.filter((v) => v !== 'pending');

export class DocumentVerdictDto {
  @ApiProperty({ enum: VERDICTS, description: 'confirmed: the document proves the record; rejected: it does not' })
  @IsIn(VERDICTS)
  verdict: 'confirmed' | 'rejected';

  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 2000,
    description: 'Why the document is rejected (required then, shown to the candidate); an optional note otherwise',
  })
  @ValidateIf((o: DocumentVerdictDto) => o.verdict === 'rejected' || o.reason !== undefined)
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason?: string;
}

export class DocumentCheckRecordDto {
  @ApiProperty({ enum: RECORD_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The record in a line, e.g. "высшее образование …, ЕНУ им. Гумилёва, 2018"' })
  label: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The evidence file to look at (GET /evidence/{id}/download); null: no document, cannot be confirmed',
  })
  documentId: string | null;
  @ApiProperty({ type: RecordCheckDto }) check: RecordCheckDto;
  @ApiProperty({
    type: [Number],
    description: 'Routes (indexes into eligibility.routes) whose conditions look at this record; empty: not needed',
  })
  routes: number[];
}

export class DocumentCheckDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, description: 'Verdicts are given while it is awaiting_documents' })
  status: string;
  @ApiProperty({ type: [String], description: 'The records still to check that an admitting route rests on' })
  pendingRecordIds: string[];
  @ApiProperty({ type: [DocumentCheckRecordDto], description: 'Every record of the candidate, needed ones first' })
  records: DocumentCheckRecordDto[];
}
