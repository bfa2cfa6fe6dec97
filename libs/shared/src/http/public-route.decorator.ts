import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { DocumentedAnswers, documentedResponses } from './api-responses';

export { ErrorBodyDto } from './api-responses';

export const IS_PUBLIC_ROUTE = 'qualcert:public-route';

export interface RouteOptions extends DocumentedAnswers {
  summary: string;
}

/**
 * A route anyone may call without logging in, documented in OpenAPI with its answers. Every
 * other route will declare the roles it needs through its own composite decorator.
 */
export function PublicRoute(options: RouteOptions): MethodDecorator {
  return applyDecorators(
    SetMetadata(IS_PUBLIC_ROUTE, true),
    // An explicit empty requirement: clients and the docs page must not send a token here.
    ApiOperation({ summary: options.summary, security: [] }),
    ...documentedResponses(options, ['VALIDATION_FAILED']),
  );
}
