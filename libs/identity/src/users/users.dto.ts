import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, STAFF_ROLES, USER_STATUSES } from '../entities/user.entity';
import { NewAccountDto, UserDto } from '../auth/auth.dto';
import { PageQueryDto } from '@qualcert/shared';

export class CreateStaffUserDto extends NewAccountDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: (typeof STAFF_ROLES)[number];

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

export class ChangeUserRoleDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: (typeof STAFF_ROLES)[number];

  @ApiPropertyOptional({
    type: [String],
    description:
      'The centres of a centre manager or assessor (at least one); none for an administrator. Replaces the account’s centres',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  centreIds?: string[];
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
