import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from '@qualcert/identity';
import { ALL_QUEUES, DomainException, requestLanguage } from '@qualcert/shared';

export const DASHBOARD_PATH = '/admin/queues';
/** Set by POST /api/v1/admin/dashboard-session, so a browser can open the dashboard. */
export const DASHBOARD_COOKIE = 'qualcert_dashboard';

function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === DASHBOARD_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

function refuse(reply: FastifyReply, error: DomainException): FastifyReply {
  return reply.status(error.status).send(error.toBody(requestLanguage(reply.request)));
}

/**
 * Bull Board over every queue, for admins only: the access token comes in the Authorization
 * header or the dashboard cookie, and is checked like any API request's (signature, expiry,
 * account active, session not ended).
 */
export function mountQueueDashboard(app: NestFastifyApplication): void {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter: adapter,
  });
  const verifier = app.get(AccessTokenVerifier);
  const gate = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = tokenOf(req);
    if (!token) {
      await refuse(reply, new DomainException('UNAUTHENTICATED', 'Sign in as an admin to see the queues'));
      return;
    }
    try {
      const actor = await verifier.verify(token);
      if (actor.role !== 'admin')
        await refuse(reply, new DomainException('FORBIDDEN', 'The queue dashboard is for admins'));
    } catch (error) {
      await refuse(
        reply,
        error instanceof DomainException ? error : new DomainException('UNAUTHENTICATED', 'Sign in again'),
      );
    }
  };
  const fastify = app.getHttpAdapter().getInstance();
  // A plugin of its own: the gate guards the dashboard's routes only.
  void fastify.register(async (dashboard) => {
    dashboard.addHook('onRequest', gate);
    await dashboard.register(adapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
