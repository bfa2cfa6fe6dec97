import { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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
        schema: errorSchema(list),
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

/** What the app's common pipeline answers to any write, whatever the route (app.setup's body parsers and guards). */
const BODY_ERRORS: ErrorCode[] = ['MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
/** What any route answers while PostgreSQL does not. */
const OUTAGE_ERRORS: ErrorCode[] = ['DATABASE_UNAVAILABLE'];
/** What a write answers when PostgreSQL rolled it back for a concurrent one (a deadlock). */
const CONCURRENCY_ERRORS: ErrorCode[] = ['CONCURRENT_UPDATE'];

/**
 * Adds to every operation of the document the errors of the common pipeline, which no route's
 * decorator sees: a body that cannot be read and a transaction rolled back for a concurrent one
 * (writes), and a database outage (all).
 */
export function documentCommonErrors(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations) as [string, OperationObject][]) {
      if (!operation?.responses) continue;
      const codes = ['post', 'put', 'patch', 'delete'].includes(method)
        ? [...BODY_ERRORS, ...CONCURRENCY_ERRORS, ...OUTAGE_ERRORS]
        : OUTAGE_ERRORS;
      for (const code of codes) addErrorCode(operation, code);
    }
  }
  return document;
}

function addErrorCode(operation: OperationObject, code: ErrorCode): void {
  const status = String(ERROR_STATUS[code]);
  const response = operation.responses[status] as ResponseObject | undefined;
  const schema = response?.content?.['application/json']?.schema as SchemaObject | undefined;
  const own = schema?.allOf?.[1] as SchemaObject | undefined;
  const list = (own?.properties?.code as SchemaObject | undefined)?.enum as string[] | undefined;
  // A status the route documents in a shape of its own (the health check's 503) stays as it is.
  if (response && !list) return;
  if (!list) {
    operation.responses[status] = {
      description: code,
      content: { 'application/json': { schema: errorSchema([code]) } },
    };
  } else if (!list.includes(code)) {
    list.push(code);
    response!.description = list.join(', ');
  }
}

function errorSchema(codes: string[]): SchemaObject {
  return { allOf: [{ $ref: getSchemaPath(ErrorBodyDto) }, { type: 'object', properties: { code: { enum: codes } } }] };
}
