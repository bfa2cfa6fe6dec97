import { INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import {
  AllExceptionsFilter,
  apiDocsEnabled,
  AppConfig,
  documentCommonErrors,
  createValidationPipe,
  jsonDepthLimit,
  LocaliseInterceptor,
  securityHeaders,
  trustProxyValue,
} from '@qualcert/shared';
import { mountQueueDashboard } from './jobs/queue-dashboard';
import { mountPortal } from './portal/portal-static';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';

export const API_PREFIX = 'api/v1';

/**
 * Everything main.ts does to the app besides listening, so that the e2e tests exercise exactly
 * the same pipeline as production.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // The client's address, which every per-address limit counts by: the connection's, unless
  // TRUST_PROXY names the proxies whose X-Forwarded-For to believe.
  express.set('trust proxy', trustProxyValue(app.get(AppConfig).TRUST_PROXY));
  express.use(httpMetricsMiddleware);
  // Every answer is what its Content-Type says: a browser must not sniff an evidence file that
  // is also valid HTML (a polyglot) into a page.
  express.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  express.use(securityHeaders());
  // A standard's text (hundreds of kilobytes) is the largest body the API accepts.
  express.useBodyParser('json', { limit: '6mb', type: ['application/json', 'application/*+json'] });
  express.useBodyParser('text', { limit: '6mb', type: 'text/plain' });
  express.use(jsonDepthLimit());
  applyRoutePrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new LocaliseInterceptor());
  app.enableShutdownHooks();
  mountQueueDashboard(app);

  const config = app.get(AppConfig);
  if (apiDocsEnabled(config)) {
    SwaggerModule.setup('api/docs', app, buildApiDocument(app, config.PUBLIC_BASE_URL), {
      jsonDocumentUrl: 'api/docs-json',
    });
  }
  // Last: the portal's files and its routes' fallback come after every API route.
  mountPortal(express);
  return app;
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
