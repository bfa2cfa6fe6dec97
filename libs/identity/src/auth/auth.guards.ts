import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, errorMessage, fieldErrorsOf, IS_PUBLIC_ROUTE } from '@qualcert/shared';
import type { Role } from '../entities/user.entity';
import type { Actor } from './actor';
import { ROLES_KEY } from './authenticated.decorator';
import { LoginDto } from './auth.dto';

/**
 * Global: every route needs a valid access token unless it is declared public, and the role the
 * route names. Row-level checks come after, in the services.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, targets)) return true;
    await (super.canActivate(context) as Promise<boolean>);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (roles.length > 0 && !roles.includes(actor.role)) {
      throw new DomainException('FORBIDDEN', errorMessage('FORBIDDEN:role'));
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T | false, info: unknown): T {
    // Not `instanceof Error`: a socket error may come from another realm, and must stay itself (a
    // database outage is 503, not 401).
    if (err)
      throw typeof err === 'object' ? (err as Error) : new DomainException('UNAUTHENTICATED', 'Authentication failed');
    if (!user) {
      const expired = info instanceof Error && info.name === 'TokenExpiredError';
      throw new DomainException(
        'UNAUTHENTICATED',
        errorMessage(expired ? 'UNAUTHENTICATED:token_expired' : 'UNAUTHENTICATED:token_required'),
      );
    }
    return user;
  }
}

/** Login: the body is validated like any other before passport-local checks the password. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const errors = validateSync(plainToInstance(LoginDto, body ?? {}), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw DomainException.validation(fieldErrorsOf(errors));
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    // Not `instanceof Error`: a socket error may come from another realm, and must stay itself (a
    // database outage is 503, not 401).
    if (err)
      throw typeof err === 'object' ? (err as Error) : new DomainException('UNAUTHENTICATED', 'Authentication failed');
    if (!user) throw new DomainException('UNAUTHENTICATED', errorMessage('UNAUTHENTICATED:wrong_credentials'));
    return user;
  }
}
