import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being served, for code far from the controller (the audit trail, log lines). */
export function currentRequest(): RequestContext {
  return storage.getStore() ?? { requestId: null };
}

/** Runs `next` (the rest of the request) inside the request's context: the one store of a request. */
export function runInRequestContext(context: RequestContext, next: () => void): void {
  storage.run(context, next);
}
