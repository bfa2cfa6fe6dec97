import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { AppConfig, DomainException, errorMessage, PublicRoute, RateLimited } from '@qualcert/shared';
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
import { clearRefreshCookie, refreshTokenOf, setRefreshCookie } from './refresh-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
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
  async login(@Req() req: { user: UserEntity }, @Res({ passthrough: true }) res: FastifyReply): Promise<SessionDto> {
    const session = await this.auth.login(req.user);
    setRefreshCookie(res, this.config, session.refreshToken);
    return session;
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @PublicRoute({
    summary:
      'Exchange a refresh token (in the body, or the HttpOnly cookie that sign-in sets) for a new pair (reusing one revokes the session)',
    type: TokenPairDto,
    errors: ['UNAUTHENTICATED'],
  })
  async refresh(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @Body() dto: RefreshDto,
  ): Promise<TokenPairDto> {
    const token = refreshTokenOf(req, dto.refreshToken);
    if (token === null) throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:refresh_invalid'));
    const pair = await this.auth.refresh(token);
    setRefreshCookie(res, this.config, pair.refreshToken);
    return pair;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @PublicRoute({ summary: 'End the session of a refresh token (in the body or the cookie)', status: 204 })
  async logout(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @Body() dto: RefreshDto,
  ): Promise<void> {
    const token = refreshTokenOf(req, dto.refreshToken);
    clearRefreshCookie(res, this.config);
    if (token !== null) await this.auth.logout(token);
  }

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    summary: 'Change the password; ends every other session',
    type: TokenPairDto,
    throttled: true,
    errors: ['PASSWORD_INCORRECT', 'PASSWORD_TOO_WEAK'],
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: FastifyReply,
    @Body() dto: ChangePasswordDto,
    @Ip() address: string,
  ): Promise<TokenPairDto> {
    const pair = await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, address);
    setRefreshCookie(res, this.config, pair.refreshToken);
    return pair;
  }

  @Get('me')
  @Authenticated({ summary: 'The signed-in user', type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.auth.me(actor);
  }
}
