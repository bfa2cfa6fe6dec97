import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '@qualcert/shared';
import type { Role } from '../entities/user.entity';
import type { Actor } from './actor';

export const ROLES_KEY = 'qualcert:roles';

export interface AuthenticatedOptions {
  /** Roles allowed; every signed-in user when omitted. */
  roles?: Role[];
  summary: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- swagger accepts a class or [class]
  type?: Type<unknown> | [Type<unknown>] | Function;
  /** The HTTP status of success, when not 200. */
  status?: number;
  notFound?: boolean;
  conflict?: boolean;
  /** Answers 429 with Retry-After past a rate limit. */
  throttled?: boolean;
}

/**
 * One decorator per route: who may call it, and its OpenAPI description with the answers a
 * client must handle. Row-level access is checked in the service (AccessService), which
 * answers 404 for rows the actor may not see.
 */
export function Authenticated(options: AuthenticatedOptions): MethodDecorator {
  const roles = options.roles ?? [];
  const decorators = [
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiOperation({ summary: roles.length > 0 ? `${options.summary} (${roles.join(', ')})` : options.summary }),
    ApiResponse({
      status: options.status ?? 200,
      description: 'Success',
      ...(options.type ? { type: options.type as Type<unknown> } : {}),
    }),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED', type: ErrorBodyDto }),
    ApiResponse({ status: 401, description: 'UNAUTHENTICATED: no valid access token', type: ErrorBodyDto }),
  ];
  if (roles.length > 0)
    decorators.push(ApiResponse({ status: 403, description: 'FORBIDDEN: role not allowed', type: ErrorBodyDto }));
  if (options.notFound) decorators.push(ApiResponse({ status: 404, description: 'NOT_FOUND', type: ErrorBodyDto }));
  if (options.conflict) decorators.push(ApiResponse({ status: 409, description: 'CONFLICT', type: ErrorBodyDto }));
  if (options.throttled) {
    decorators.push(
      ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS (see Retry-After)', type: ErrorBodyDto }),
    );
  }
  return applyDecorators(...decorators);
}

/** The actor of the current request (set by the JWT guard). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user: Actor }>().user;
});
