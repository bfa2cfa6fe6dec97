import { INestApplication, RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import {
  AllExceptionsFilter,
  apiDocsEnabled,
  AppConfig,
  createRootLogger,
  createValidationPipe,
  documentCommonErrors,
  localiseApiAnswers,
  parseJsonBody,
  PinoNestLogger,
  RequestLogController,
  requestId,
  runInRequestContext,
  securityHeadersFor,
  trustProxyValue,
} from '@qualcert/shared';
import { mountQueueDashboard } from './jobs/queue-dashboard';
import { mountPortal } from './portal/portal-static';
import { httpMetricsHook } from './metrics/http-metrics.hook';

export const API_PREFIX = 'api/v1';

/** A standard's text (hundreds of kilobytes) is the largest body the API accepts. */
const BODY_LIMIT = 6 * 1024 * 1024;

/**
 * The HTTP server: Fastify, logging through the process's one pino logger (one line per answered
 * request), with the request id a caller sent when it is well-formed.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: createRootLogger(config),
    logController: new RequestLogController(),
    genReqId: requestId,
    // The client's address, which every per-address limit counts by: the connection's, unless
    // TRUST_PROXY names the proxies whose X-Forwarded-For to believe.
    trustProxy: trustProxyValue(config.TRUST_PROXY),
    bodyLimit: BODY_LIMIT,
    // As Express routed: a trailing slash is the same route, and a long (invalid) id reaches the
    // pipe that refuses it with a 400 rather than missing every route.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
  });
}

/** Nest's own body parsers stay off: configureApp installs the API's. */
export const NEST_APP_OPTIONS = { bufferLogs: true, bodyParser: false } as const;

/**
 * Everything main.ts does to the app besides listening, so that the e2e tests exercise exactly
 * the same pipeline as production.
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(new PinoNestLogger(fastify.log as PinoLogger));
  installRequestHooks(fastify);
  installBodyParsers(fastify);
  // Before Nest adds its routes: each API route gets the hooks as it is added.
  localiseApiAnswers(fastify);
  // Before Nest adds its routes, so that the plugins' hooks (the cookie writer) apply to them.
  // Cookies: reply.setCookie for the refresh and dashboard cookies; the plugin's request hook
  // readies each reply for them (and parses the Cookie header when there is one).
  await fastify.register(fastifyCookie);
  applyRoutePrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  mountQueueDashboard(app);

  const config = app.get(AppConfig);
  if (apiDocsEnabled(config)) {
    SwaggerModule.setup('api/docs', app, buildApiDocument(app, config.PUBLIC_BASE_URL), {
      jsonDocumentUrl: 'api/docs-json',
    });
  }
  // The portal's files, and its routes' fallback, only where no API route matches.
  mountPortal(fastify);
  return app;
}

function installRequestHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    // Every answer is what its Content-Type says: a browser must not sniff an evidence file that
    // is also valid HTML (a polyglot) into a page.
    reply.header('X-Content-Type-Options', 'nosniff');
    const query = request.url.indexOf('?');
    reply.headers(securityHeadersFor(request.method, query < 0 ? request.url : request.url.slice(0, query)));
    runInRequestContext({ requestId: request.id }, done);
  });
  // Reading a body continues in the socket's async context, not the request's: entered again
  // for the guards, pipes and the handler.
  fastify.addHook('preHandler', (request, _reply, done) => runInRequestContext({ requestId: request.id }, done));
  fastify.addHook('onResponse', httpMetricsHook);
}

/**
 * JSON (also `application/*+json`) and text bodies up to BODY_LIMIT. A body of any other type is
 * not read here: a multipart one by the interceptor of the route that takes it (it streams the
 * file), any other after the route's ContentTypeGuard has answered 415.
 */
function installBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const json = (_request: unknown, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, json);
  fastify.addContentTypeParser(/^application\/[a-z0-9.+-]+\+json$/, { parseAs: 'string', bodyLimit: BODY_LIMIT }, json);
  fastify.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}

/** Every route under /api/v1 except the probes, which orchestrators expect at the root. */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/**
 * The OpenAPI document, from the controllers and DTOs, with the errors every route can answer:
 * served at /api/docs (page) and /api/docs-json, written without a database by openapi-export.ts
 * for the portal's types, and the e2e run checks its answers against it.
 */
export function buildApiDocument(
  app: INestApplication,
  publicBaseUrl: string = app.get(AppConfig).PUBLIC_BASE_URL,
): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('qualcert API')
      .setDescription(
        'Qualification assessment and certification against the professional standards of the ' +
          'Republic of Kazakhstan. Every error has the shape { statusCode, code, message, details? }.',
      )
      .setVersion('1')
      // The access token of POST /api/v1/auth/login; routes that need it say so (@Authenticated).
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addServer(publicBaseUrl, 'This deployment')
      .build(),
  );
  return documentCommonErrors(document);
}
