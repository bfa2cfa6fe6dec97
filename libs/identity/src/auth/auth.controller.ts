import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { PublicRoute, RateLimited } from '@qualcert/shared';
import type { UserEntity } from '../entities/user.entity';
import type { Actor } from './actor';
import {
  ChangePasswordDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  RegistrationAcceptedDto,
  SessionDto,
  TokenPairDto,
  UserDto,
} from './auth.dto';
import { LocalAuthGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { Authenticated, CurrentActor } from './authenticated.decorator';
import { UsersService } from '../users/users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimited('registration', { limit: 'REGISTRATIONS_PER_HOUR' })
  @PublicRoute({
    summary: 'A candidate creates their account, then signs in (the same answer for a new and a registered address)',
    type: RegistrationAcceptedDto,
    status: 202,
    throttled: true,
    errors: ['PASSWORD_TOO_WEAK'],
  })
  register(@Body() dto: RegisterDto): Promise<RegistrationAcceptedDto> {
    return this.users.registerCandidate(dto);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @PublicRoute({
    summary: 'Log in: a short-lived access token and a single-use refresh token',
    type: SessionDto,
    throttled: true,
    errors: ['UNAUTHENTICATED'],
  })
  login(@Req() req: { user: UserEntity }): Promise<SessionDto> {
    return this.auth.login(req.user);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @PublicRoute({
    summary: 'Exchange a refresh token for a new pair (reusing one revokes the session)',
    type: TokenPairDto,
    errors: ['UNAUTHENTICATED'],
  })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @PublicRoute({ summary: 'End the session of a refresh token', status: 204 })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    summary: 'Change the password; ends every other session',
    type: TokenPairDto,
    throttled: true,
    errors: ['PASSWORD_INCORRECT', 'PASSWORD_TOO_WEAK'],
  })
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Ip() address: string,
  ): Promise<TokenPairDto> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, address);
  }

  @Get('me')
  @Authenticated({ summary: 'The signed-in user', type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.auth.me(actor);
  }
}
