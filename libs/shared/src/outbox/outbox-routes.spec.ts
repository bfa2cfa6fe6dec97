import { randomUUID } from 'node:crypto';
import { OUTBOX_ROUTES, type StoredEventRoute } from './outbox-routes';

/** A payload as any publisher writes it: every id it could carry, each a fresh UUID. */
function payload(): Record<string, unknown> {
  return {
    applicationId: randomUUID(),
    decisionId: randomUUID(),
    appealId: randomUUID(),
    testId: randomUUID(),
    subjectId: randomUUID(),
    notificationId: randomUUID(),
    kind: 'decision.signed',
    deadlineAt: new Date(Date.now() + 60_000).toISOString(),
  };
}

describe('OUTBOX_ROUTES', () => {
  const routes = Object.entries(OUTBOX_ROUTES) as [string, StoredEventRoute][];

  it.each(routes)('%s: the job id is stable for one event and has no ":"', (_type, route) => {
    const data = payload();
    expect(route.jobId('42', data)).toBe(route.jobId('42', { ...data }));
    expect(route.jobId('42', data)).not.toContain(':');
  });

  // Two databases on one Redis prefix both have an event 42; BullMQ would drop the second add.
  it.each(routes)('%s: events with the same number about different rows get different job ids', (_type, route) => {
    expect(route.jobId('42', payload())).not.toBe(route.jobId('42', payload()));
  });
});
