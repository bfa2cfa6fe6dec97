import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_STATUS } from '../errors/error-codes';

export const IS_PUBLIC_ROUTE = 'qualcert:public-route';

/** The error body, for OpenAPI. */
export class ErrorBodyDto {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'NOT_FOUND' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'For VALIDATION_FAILED: { fields: [{ field, messages }] }' }) details?: unknown;
}

export interface RouteOptions {
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
 * A route anyone may call without logging in, documented in OpenAPI with its answers. Every
 * other route will declare the roles it needs through its own composite decorator.
 */
export function PublicRoute(options: RouteOptions): MethodDecorator {
  const decorators = [
    SetMetadata(IS_PUBLIC_ROUTE, true),
    // An explicit empty requirement: clients and the docs page must not send a token here.
    ApiOperation({ summary: options.summary, security: [] }),
    ApiResponse({
      status: options.status ?? 200,
      description: 'Success',
      ...(options.type ? { type: options.type as Type<unknown> } : {}),
    }),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a parameter is malformed', type: ErrorBodyDto }),
  ];
  if (options.notFound) decorators.push(ApiResponse({ status: 404, description: 'NOT_FOUND', type: ErrorBodyDto }));
  if (options.conflict) decorators.push(ApiResponse({ status: 409, description: 'CONFLICT', type: ErrorBodyDto }));
  if (options.throttled) {
    decorators.push(
      ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS (see Retry-After)', type: ErrorBodyDto }),
    );
  }
  return applyDecorators(...decorators);
}
