import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from '@qualcert/shared';

/**
 * Times every request and labels it by the route's pattern (`/api/v1/applications/:id`), never
 * the raw path, so that ids do not become labels. Requests no route matched share one label.
 */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  res.once('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    end({ method: req.method, route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
  });
  next();
}
