import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AccessTokenVerifier } from '@qualcert/identity';
import { ALL_QUEUES, DomainException } from '@qualcert/shared';

export const DASHBOARD_PATH = '/admin/queues';
/** Set by POST /api/v1/admin/dashboard-session, so a browser can open the dashboard. */
export const DASHBOARD_COOKIE = 'qualcert_dashboard';

function tokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === DASHBOARD_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

function refuse(res: Response, error: DomainException): void {
  res.status(error.status).json(error.toBody());
}

/**
 * Bull Board over every queue, for admins only: the access token comes in the Authorization
 * header or the dashboard cookie, and is checked like any API request's (signature, expiry,
 * account active, session not ended).
 */
export function mountQueueDashboard(app: INestApplication): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter: adapter,
  });
  const verifier = app.get(AccessTokenVerifier);
  const gate = (req: Request, res: Response, next: NextFunction): void => {
    const token = tokenOf(req);
    if (!token) return refuse(res, new DomainException('UNAUTHENTICATED', 'Sign in as an admin to see the queues'));
    verifier.verify(token).then(
      (actor) =>
        actor.role === 'admin'
          ? next()
          : refuse(res, new DomainException('FORBIDDEN', 'The queue dashboard is for admins')),
      (error: unknown) =>
        refuse(res, error instanceof DomainException ? error : new DomainException('UNAUTHENTICATED', 'Sign in again')),
    );
  };
  (app as NestExpressApplication).use(DASHBOARD_PATH, gate, adapter.getRouter());
}
