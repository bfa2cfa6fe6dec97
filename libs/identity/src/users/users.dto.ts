import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, STAFF_ROLES, USER_STATUSES } from '../entities/user.entity';
import { UserDto } from '../auth/auth.dto';
import { Trimmed, PageQueryDto } from '@qualcert/shared';

export class CreateStaffUserDto {
  @ApiProperty()
  @Trimmed()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  fullName: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: (typeof STAFF_ROLES)[number];

  @ApiProperty({ description: 'Initial password; at least 10 characters, not a common password' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ type: [String], description: 'Centres a manager or assessor belongs to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  centreIds?: string[];
}

export class UpdateUserStatusDto {
  @ApiProperty({ enum: USER_STATUSES })
  @IsIn(USER_STATUSES)
  status: (typeof USER_STATUSES)[number];
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ description: 'Part of the email or name' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}

export class UsersPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
