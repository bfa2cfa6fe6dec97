import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DocumentedAnswers, documentedResponses } from '@qualcert/shared';
import type { Role } from '../entities/user.entity';
import type { Actor } from './actor';

export const ROLES_KEY = 'qualcert:roles';

export interface AuthenticatedOptions extends DocumentedAnswers {
  /** Roles allowed; every signed-in user when omitted. */
  roles?: Role[];
  summary: string;
}

/**
 * One decorator per route: who may call it, and its OpenAPI description with the answers a
 * client must handle (DocumentedAnswers). Row-level access is checked in the service
 * (AccessService), which answers 404 for rows the actor may not see.
 */
export function Authenticated(options: AuthenticatedOptions): MethodDecorator {
  const roles = options.roles ?? [];
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiOperation({ summary: roles.length > 0 ? `${options.summary} (${roles.join(', ')})` : options.summary }),
    ...documentedResponses(options, [
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      ...(roles.length > 0 ? ['FORBIDDEN' as const] : []),
    ]),
  );
}

/** The actor of the current request (set by the JWT guard). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user: Actor }>().user;
});
