import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CENTRE_STATUSES } from './centre.entity';
import { Trimmed, fieldRule } from '@qualcert/shared';
import { NewAccountDto } from '@qualcert/identity';

export class CreateCentreDto {
  @ApiProperty({
    description: 'Unique; appears in certificate numbers. 2-10 capital letters or digits',
    example: 'AST01',
  })
  @Matches(/^[A-Z0-9]{2,10}$/, { message: fieldRule('centreCode') })
  code: string;

  @ApiProperty({ example: 'Центр оценки квалификаций «Астана»' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 'г. Астана' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  region: string;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  address: string;

  @ApiPropertyOptional({ example: '+7 7172 000000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: fieldRule('phone') })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

export class UpdateCentreDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: fieldRule('phone') })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ enum: CENTRE_STATUSES, description: 'A suspended centre can start nothing new' })
  @IsOptional()
  @IsIn(CENTRE_STATUSES)
  status?: (typeof CENTRE_STATUSES)[number];
}

export class CentreDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: CENTRE_STATUSES }) status: string;
  @ApiProperty() createdAt: Date;
}

/** A centre as a candidate choosing where to apply sees it. */
export class PublicCentreDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class CreateAccreditationDto {
  @ApiProperty({ type: [String], description: 'Profession cards (of one or more standard versions)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  cardIds: string[];

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsISO8601({ strict: true }, { message: fieldRule('date') })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: fieldRule('date') })
  validFrom: string;

  @ApiProperty({ format: 'date', example: '2028-12-31' })
  @IsISO8601({ strict: true }, { message: fieldRule('date') })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: fieldRule('date') })
  validTo: string;

  @ApiProperty({ description: 'The accreditation document, e.g. its number and date', example: '№ 12-А от 15.12.2025' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  documentRef: string;
}

export class AccreditationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty({ format: 'uuid' }) standardVersionId: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date' }) validTo: string;
  @ApiProperty() documentRef: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status: string;
  @ApiProperty({ description: 'In force today: not revoked, within its dates, and the centre is active' })
  inForce: boolean;
  @ApiProperty() createdAt: Date;
}

export class CreateCentreStaffDto extends NewAccountDto {
  @ApiProperty({ enum: ['centre_manager', 'assessor'], description: 'A centre manager may create assessors only' })
  @IsIn(['centre_manager', 'assessor'])
  role: 'centre_manager' | 'assessor';
}
