import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { requestLanguage } from '../errors/all-exceptions.filter';
import { localise } from '../messages/localise';

/**
 * Renders the explanations of every answer in the caller's language (Accept-Language), when the
 * answer is given: services return codes and parameters (and an English message), whatever
 * language their data was written in. The answer says its language and that it varies by it, so
 * a cache keeps one copy per language (the public catalogue may be cached).
 */
@Injectable()
export class LocaliseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const language = requestLanguage(http.getRequest());
    // Express's response and Fastify's reply both set a header with header(name, value).
    const response = http.getResponse<{ header?: (name: string, value: string) => unknown }>();
    response.header?.('Content-Language', language);
    response.header?.('Vary', 'Accept-Language');
    return next.handle().pipe(map((body: unknown) => localise(body, language)));
  }
}
