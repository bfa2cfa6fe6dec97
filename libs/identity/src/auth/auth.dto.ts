import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../entities/user.entity';
import { Trimmed } from '@qualcert/shared';

export class LoginDto {
  @ApiProperty({ example: 'manager@centre.kz' })
  @Trimmed()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

/** The fields of every new account, whoever creates it. */
export class NewAccountDto {
  @ApiProperty({ example: 'aigerim@mail.kz' })
  @Trimmed()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ description: 'At least 10 characters, not a common password' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Айгерим Нурланова' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  fullName: string;
}

/** A candidate creating their own account. */
export class RegisterDto extends NewAccountDto {}

/** The answer to a registration: the same whether the address was new or already registered. */
export class RegistrationAcceptedDto {
  @ApiProperty({ enum: ['accepted'] }) status: 'accepted';
  @ApiProperty() message: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description: 'The refresh token of the last pair; omitted, the HttpOnly cookie set at sign-in is used',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'At least 10 characters, not a common password' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Single use: each refresh returns the next one' }) refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ type: [String], description: 'Centres the user belongs to' }) centreIds: string[];
  @ApiProperty() createdAt: Date;
}

export class SessionDto extends TokenPairDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
}
