import { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';

/** The error body, for OpenAPI. */
export class ErrorBodyDto {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'NOT_FOUND' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'For VALIDATION_FAILED: { fields: [{ field, messages }] }' }) details?: unknown;
}

/** The answers of a route, for OpenAPI: its success and every error it can give. */
export interface DocumentedAnswers {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- swagger accepts a class or [class]
  type?: Type<unknown> | [Type<unknown>] | Function;
  /** The success body as a schema, for JSON without a DTO class. */
  schema?: SchemaObject;
  /** The success body's media types when it is a file (documented as binary), not JSON. */
  produces?: string[];
  /** The HTTP status of success, when not 200. */
  status?: number;
  /** The error codes the route can answer besides the common ones; each is documented under its status. */
  errors?: ErrorCode[];
  notFound?: boolean;
  conflict?: boolean;
  /** Answers 429 with Retry-After past a rate limit. */
  throttled?: boolean;
}

/**
 * The OpenAPI responses of a route: the success, and one response per error status with the
 * error shape whose `code` is limited to the codes listed (ERROR_STATUS gives each its status).
 */
export function documentedResponses(options: DocumentedAnswers, common: ErrorCode[]): MethodDecorator[] {
  const decorators: MethodDecorator[] = [ApiExtraModels(ErrorBodyDto), successResponse(options)];
  const codes = new Set<ErrorCode>(common);
  if (options.notFound) codes.add('NOT_FOUND');
  if (options.conflict) codes.add('CONFLICT');
  if (options.throttled) codes.add('TOO_MANY_REQUESTS');
  for (const code of options.errors ?? []) codes.add(code);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    decorators.push(
      ApiResponse({
        status,
        description: `${list.join(', ')}${status === 429 ? ' (see Retry-After)' : ''}`,
        schema: {
          allOf: [{ $ref: getSchemaPath(ErrorBodyDto) }, { type: 'object', properties: { code: { enum: list } } }],
        },
      }),
    );
  }
  return decorators;
}

function successResponse(options: DocumentedAnswers): MethodDecorator {
  const status = options.status ?? 200;
  if (options.produces) {
    const binary: SchemaObject = { type: 'string', format: 'binary' };
    return ApiResponse({
      status,
      description: 'Success: the file',
      content: Object.fromEntries(options.produces.map((type) => [type, { schema: binary }])),
    });
  }
  if (options.schema) return ApiResponse({ status, description: 'Success', schema: options.schema });
  return ApiResponse({
    status,
    description: status === 204 ? 'Success, no content' : 'Success',
    ...(options.type ? { type: options.type as Type<unknown> } : {}),
  });
}

/** The answer of a request whose work is done by the worker (202): where its outcome will show. */
export class QueuedDto {
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
  @ApiProperty({ description: 'The resource that shows the outcome once the worker is done' }) outcome: string;
}
