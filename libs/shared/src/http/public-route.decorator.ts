import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
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
  notFound?: boolean;
}

/**
 * A route anyone may call without logging in, documented in OpenAPI with its answers. Every
 * other route will declare the roles it needs through its own composite decorator.
 */
export function PublicRoute(options: RouteOptions): MethodDecorator {
  const decorators = [
    SetMetadata(IS_PUBLIC_ROUTE, true),
    ApiOperation({ summary: options.summary }),
    ApiOkResponse(options.type ? { type: options.type as Type<unknown> } : {}),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a parameter is malformed', type: ErrorBodyDto }),
  ];
  if (options.notFound) decorators.push(ApiResponse({ status: 404, description: 'NOT_FOUND', type: ErrorBodyDto }));
  return applyDecorators(...decorators);
}
