import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { EDUCATION_LEVELS } from '@qualcert/standards';
import { Trimmed, fieldRule } from '@qualcert/shared';
import { LEARNING_KINDS, RECORD_VERDICTS } from '../eligibility/eligibility';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_CODE = /^[a-z][a-z0-9_]{0,59}$/;

const DOCUMENT_DESCRIPTION =
  'The uploaded document: the id of one of your evidence files (POST /evidence; its type is judged from its ' +
  'content). Changing it, or anything else of the record, puts the centre’s check of it back to pending';

export class UpsertProfileDto {
  @ApiProperty({ description: 'ИИН: 12 digits, consistent with the birth date and sex', example: '950101300038' })
  @Trimmed()
  @Matches(/^\d{12}$/, { message: fieldRule('iinDigits') })
  iin: string;

  @ApiProperty({ format: 'date', example: '1995-01-01' })
  @Matches(DATE, { message: fieldRule('date') })
  birthDate: string;

  @ApiProperty({ enum: ['male', 'female'] })
  @IsIn(['male', 'female'])
  sex: 'male' | 'female';

  @ApiPropertyOptional({ example: '+7 701 000 00 00' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: fieldRule('phone') })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class ExperienceDto {
  @ApiProperty({ example: 'remote_information_consulting', description: 'A code of GET /fields' }) field: string;
  @ApiProperty({ description: 'The field’s Russian name' }) label: string;
  @ApiProperty({
    description:
      'Whole months in the field and the narrower ones, overlapping periods merged, on records with a document that ' +
      'the centre did not reject (as eligibility counts them)',
  })
  months: number;
  @ApiProperty({ description: 'The same, on records whose document a centre confirmed' }) confirmedMonths: number;
}

export class ProfileDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({
    description: 'Shown in full to its owner, their centre’s managers and admins; masked (9501******34) to others',
  })
  iin: string;
  @ApiProperty() iinMasked: boolean;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty({ enum: ['male', 'female'] }) sex: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ type: [ExperienceDto] }) experience: ExperienceDto[];
  @ApiPropertyOptional({
    description:
      'Centre staff and admins only (never the candidate): another account declares the same ИИН; the centre resolves it by checking the identity document (docs/CANDIDATES.md)',
  })
  iinAlsoDeclaredElsewhere?: boolean;
  @ApiPropertyOptional({
    type: () => IdentityConfirmationDto,
    nullable: true,
    description: 'Centre staff and admins only: the centre’s confirmation that this account holds the ИИН',
  })
  identityConfirmation?: IdentityConfirmationDto | null;
}

export class IdentityConfirmationDto {
  @ApiProperty() confirmedAt: Date;
  @ApiProperty({ format: 'uuid' }) confirmedBy: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The identity document the centre saw, as its staff wrote it; null for assessors (who see the ИИН masked)',
  })
  document: string | null;
}

export class ConfirmIdentityDto {
  @ApiProperty({
    description: 'The ИИН on the identity document; it must be the one the profile declares',
    example: '950101300038',
  })
  @Trimmed()
  @Matches(/^\d{12}$/, { message: fieldRule('iinDigits') })
  iin: string;

  @ApiProperty({
    description:
      'The identity document the centre saw, whose ИИН is the profile’s: its kind and number (kept with the confirmation and in the audit trail)',
    example: 'удостоверение личности № 045123987, выдано МВД РК 12.05.2019',
  })
  @Trimmed()
  @IsString()
  @MinLength(5)
  @MaxLength(200)
  document: string;
}

export class WithdrawIdentityConfirmationDto {
  @ApiProperty({
    description: 'Why the confirmation was wrong',
    example: 'Подтверждён не тот аккаунт: документ показала другой человек',
  })
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason: string;
}

export class CreateEducationDto {
  @ApiProperty({ enum: EDUCATION_LEVELS })
  @IsIn(EDUCATION_LEVELS)
  level: (typeof EDUCATION_LEVELS)[number];

  @ApiProperty({ example: 'Астанинский высший колледж связи' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  institution: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(300)
  specialty?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(300)
  qualification?: string;

  @ApiProperty({ example: 2015 })
  @Type(() => Number)
  @IsInt()
  @Min(1940)
  @Max(new Date().getUTCFullYear())
  graduationYear: number;

  @ApiProperty({ description: 'The diploma or certificate: series and number', example: 'ТКБ 0123456' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  documentRef: string;

  @ApiProperty({ format: 'uuid', description: DOCUMENT_DESCRIPTION })
  @IsUUID()
  documentId: string;
}

/** The centre's check of a record's document, as the candidate and the centre see it. */
export class RecordCheckDto {
  @ApiProperty({
    enum: RECORD_VERDICTS,
    description: 'pending: not checked since the record last changed; only confirmed records admit',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why the document was rejected (or a note)' })
  reason: string | null;
  @ApiProperty({ nullable: true, type: Date }) checkedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The staff member who checked' })
  checkedBy: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The application whose document check gave the verdict (and so the centre)',
  })
  applicationId: string | null;
}

export class EducationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EDUCATION_LEVELS }) level: string;
  @ApiProperty() institution: string;
  @ApiProperty({ nullable: true, type: String }) specialty: string | null;
  @ApiProperty({ nullable: true, type: String }) qualification: string | null;
  @ApiProperty() graduationYear: number;
  @ApiProperty() documentRef: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The evidence file; null on a record made before documents were required (it counts for nothing)',
  })
  documentId: string | null;
  @ApiProperty({ type: RecordCheckDto }) check: RecordCheckDto;
}

export class CreateEmploymentDto {
  @ApiProperty({ example: 'АО «Казахтелеком»' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  employer: string;

  @ApiProperty({ example: 'Оператор контакт-центра' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  position: string;

  @ApiProperty({
    example: 'call_centre',
    description: 'A code of GET /fields: the narrowest field that fits the job (it counts for the broader ones too)',
  })
  @Matches(FIELD_CODE, { message: fieldRule('fieldCode') })
  field: string;

  @ApiProperty({ format: 'date' })
  @Matches(DATE, { message: fieldRule('date') })
  startDate: string;

  @ApiPropertyOptional({ format: 'date', description: 'Omitted while the job goes on' })
  @IsOptional()
  @Matches(DATE, { message: fieldRule('date') })
  endDate?: string;

  @ApiProperty({
    description: 'The employment record book entry or employer’s certificate',
    example: 'Трудовая книжка, запись 12',
  })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  documentRef: string;

  @ApiProperty({ format: 'uuid', description: DOCUMENT_DESCRIPTION })
  @IsUUID()
  documentId: string;
}

export class EmploymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() employer: string;
  @ApiProperty() position: string;
  @ApiProperty({ description: 'A code of GET /fields' }) field: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiProperty() documentRef: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The evidence file; null on a record made before documents were required (it counts for nothing)',
  })
  documentId: string | null;
  @ApiProperty({ type: RecordCheckDto }) check: RecordCheckDto;
}

export class CreateLearningDto {
  @ApiProperty({
    enum: LEARNING_KINDS,
    description:
      'non_formal_course: a course certificate; employer_reference: an employer’s reference; informal_statement: ' +
      'a statement of what was learnt at work, confirmed by an employer',
  })
  @IsIn(LEARNING_KINDS)
  kind: (typeof LEARNING_KINDS)[number];

  @ApiProperty({ example: 'Оператор контакт-центра: стандарты обслуживания', description: 'What was learnt' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @ApiProperty({
    example: 'Учебный центр «Байланыс»',
    description: 'The training provider, or the employer who wrote or confirmed the reference or statement',
  })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  issuer: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the learning began, if the document says' })
  @IsOptional()
  @Matches(DATE, { message: fieldRule('date') })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When it ended, if the document says' })
  @IsOptional()
  @Matches(DATE, { message: fieldRule('date') })
  endDate?: string;

  @ApiProperty({ format: 'date', description: 'The day the certificate, reference or confirmation was issued' })
  @Matches(DATE, { message: fieldRule('date') })
  issueDate: string;

  @ApiProperty({ format: 'uuid', description: DOCUMENT_DESCRIPTION })
  @IsUUID()
  documentId: string;
}

export class LearningDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LEARNING_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ format: 'uuid', description: 'The evidence file' }) documentId: string;
  @ApiProperty({ type: RecordCheckDto }) check: RecordCheckDto;
}

export class CandidateDetailDto {
  @ApiProperty({ type: ProfileDto, nullable: true }) profile: ProfileDto | null;
  @ApiProperty({ type: [EducationDto] }) education: EducationDto[];
  @ApiProperty({ type: [EmploymentDto] }) employment: EmploymentDto[];
  @ApiProperty({ type: [LearningDto] }) learning: LearningDto[];
}
