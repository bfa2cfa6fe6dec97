import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { httpRequestDuration } from '@qualcert/shared';

/**
 * Fastify's onResponse hook: times every request and labels it by the route's pattern
 * (`/api/v1/applications/:id`), never the raw path, so that ids do not become labels; requests no
 * route matched share one label.
 */
export function httpMetricsHook(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const route = request.is404 ? undefined : request.routeOptions.url;
  httpRequestDuration.observe(
    { method: request.method, route: route ?? 'unmatched', status: String(reply.statusCode) },
    reply.elapsedTime / 1000,
  );
  done();
}
