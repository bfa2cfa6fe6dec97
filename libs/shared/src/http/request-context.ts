import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  requestId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being served, for code far from the controller (the audit trail). */
export function currentRequest(): RequestContext {
  return storage.getStore() ?? { requestId: null };
}

/** Runs the rest of the request inside its context; the request id is the one pino assigned. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const id = (req as Request & { id?: unknown }).id;
    storage.run({ requestId: typeof id === 'string' || typeof id === 'number' ? String(id) : null }, next);
  }
}
