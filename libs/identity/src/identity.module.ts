import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '@qualcert/shared';
import { AccessRepository } from './access/access.repository';
import { AccessService } from './access/access.service';
import { AuditQueryRepository } from './audit/audit-query.repository';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/auth.guards';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { AuthService } from './auth/auth.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottleService } from './auth/login-throttle.service';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { TokenService } from './auth/token.service';
import { PasswordHasher } from './password/password-hasher';
import { AdminBootstrapService } from './users/admin-bootstrap.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, AuditController],
  providers: [
    PasswordHasher,
    UsersRepository,
    RefreshTokensRepository,
    TokenService,
    LoginThrottleService,
    AuthService,
    UsersService,
    AccessRepository,
    AccessService,
    LocalStrategy,
    JwtStrategy,
    AccessTokenVerifier,
    AuditQueryRepository,
    AdminBootstrapService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [UsersService, AccessService, TokenService, AccessTokenVerifier],
})
export class IdentityModule {}
