import { fieldFault } from '../errors/error-codes';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException, errorMessage } from '../errors/domain.exception';

// Where @nestjs/swagger's @ApiConsumes keeps a route's accepted body types.
const API_CONSUMES = 'swagger/apiConsumes';

/** The media type of a Content-Type header, without its parameters, in lower case. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether a body of this media type is one the route documents (JSON by default; `+json` is JSON). */
export function acceptsMediaType(accepted: readonly string[], mediaType: string): boolean {
  if (accepted.includes(mediaType)) return true;
  return accepted.includes('application/json') && /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * A body the route does not read answers 415 with the types it does, instead of reaching the
 * validation pipe as an empty or textual body and failing there with a misleading message.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const length = request.headers['content-length'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) return true;
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['application/json'];
    const mediaType = mediaTypeOf(request.headers['content-type']);
    if (acceptsMediaType(accepted, mediaType)) return true;
    throw new DomainException(
      'UNSUPPORTED_MEDIA_TYPE',
      errorMessage('UNSUPPORTED_MEDIA_TYPE:accepted', { accepted: accepted.join(', ') }),
      {
        fields: [
          { field: 'Content-Type', messages: [fieldFault('field:contentType', { accepted: accepted.join(' | ') })] },
        ],
        accepted,
      },
    );
  }
}
