import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, Trimmed } from '@qualcert/shared';

export class RegisterFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  centreId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A profession card' })
  @IsOptional()
  @IsUUID()
  cardId?: string;

  @ApiPropertyOptional({ enum: ['valid', 'expired', 'revoked'] })
  @IsOptional()
  @IsIn(['valid', 'expired', 'revoked'])
  status?: 'valid' | 'expired' | 'revoked';

  @ApiPropertyOptional({ format: 'date', description: 'Issued on or after this day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  issuedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Issued on or before this day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  issuedTo?: string;

  @ApiPropertyOptional({ description: 'Part of the number or of the holder’s name' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class RegisterExportDto extends RegisterFilterDto {
  @ApiProperty({ enum: ['xlsx', 'csv'] })
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv';
}

export class RegisterRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: string;
  @ApiProperty() holderName: string;
  @ApiProperty({ description: 'The ИИН masked as printed on the certificate' }) maskedIin: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty() centreCode: string;
  @ApiProperty() centreName: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty() cardName: string;
  @ApiProperty() orkLevel: number;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status: 'valid' | 'expired' | 'revoked';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason: string | null;
}

export class RegisterPageDto {
  @ApiProperty({ type: [RegisterRowDto] }) items: RegisterRowDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
