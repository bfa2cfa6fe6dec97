import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { requestLanguage } from '../errors/all-exceptions.filter';
import { localise } from '../messages/localise';

/** The API's own routes (Nest's): under the prefix, and the two probes at the root. */
export function isApiRoute(url: string): boolean {
  return url.startsWith('/api/v1/') || url === '/api/v1' || url === '/health' || url === '/metrics';
}

const asList = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/** A successful answer's explanations rendered in the caller's language (errors are, by the filter). */
export function localiseAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  done(null, reply.statusCode < 400 ? localise(payload, requestLanguage(request)) : payload);
}

/** Every answer says its language, and that it varies by it, so a cache keeps one copy per language. */
export function sayLanguage(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  reply.header('Content-Language', requestLanguage(request));
  reply.header('Vary', 'Accept-Language');
  done(null, payload);
}

/**
 * Renders the explanations of every API answer in the caller's language (Accept-Language):
 * services return codes and parameters (and an English message), whatever language their data was
 * written in. Route hooks of Fastify's, added to each API route as it is registered, rather than a
 * global Nest interceptor: the interceptor put every request through rxjs and an async resource for
 * an answer the hook renders in one call (docs/PERFORMANCE.md). Portal files and the queue
 * dashboard are not API answers and get neither.
 */
export function localiseApiAnswers(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (!isApiRoute(route.url)) return;
    route.preSerialization = [...asList(route.preSerialization), localiseAnswer];
    route.onSend = [...asList(route.onSend), sayLanguage];
  });
}
