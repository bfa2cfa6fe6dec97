import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@qualcert/shared';
import type { Actor } from '../auth/actor';
import { UserDto } from '../auth/auth.dto';
import { Authenticated, CurrentActor } from '../auth/authenticated.decorator';
import {
  ChangeUserRoleDto,
  CreateStaffUserDto,
  ListUsersQueryDto,
  UpdateUserStatusDto,
  UsersPageDto,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Authenticated({
    roles: ['admin'],
    summary: 'Create a staff account',
    type: UserDto,
    status: 201,
    conflict: true,
    errors: ['PASSWORD_TOO_WEAK'],
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffUserDto): Promise<UserDto> {
    return this.users.createStaff(actor, dto);
  }

  @Get()
  @Authenticated({ roles: ['admin'], summary: 'List accounts', type: UsersPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<UsersPageDto> {
    return this.users.listUsers(query);
  }

  @Get(':id')
  @Authenticated({
    summary: 'One account: your own, your centre staff’s, or any for an admin',
    type: UserDto,
    notFound: true,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<UserDto> {
    return this.users.getUser(actor, id);
  }

  @Patch(':id/status')
  @Authenticated({
    roles: ['admin'],
    summary: 'Disable or enable an account',
    type: UserDto,
    notFound: true,
    errors: ['CONFLICT'],
  })
  setStatus(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateUserStatusDto,
  ): Promise<UserDto> {
    return this.users.setStatus(actor, id, dto.status);
  }

  @Patch(':id/role')
  @Authenticated({
    roles: ['admin'],
    summary:
      'Change a staff account’s role and its centres (a centre role needs a centre); the account’s sessions end. The last active administrator keeps the role',
    type: UserDto,
    notFound: true,
    errors: ['LAST_ADMIN', 'ROLE_NOT_ALLOWED'],
  })
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ChangeUserRoleDto,
  ): Promise<UserDto> {
    return this.users.changeRole(actor, id, dto.role, dto.centreIds ?? []);
  }
}
