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

describe('grouped routes', () => {
  const grouped = (Object.entries(OUTBOX_ROUTES) as [string, StoredEventRoute][]).filter(([, route]) => route.group);
  const events = (n: number) => Array.from({ length: n }, (_, i) => ({ ...payload(), outboxEventId: String(40 + i) }));

  it('the decisions are grouped, on their own queue', () => {
    expect(grouped.map(([type]) => type)).toEqual(['application.awaiting_decision']);
    expect(OUTBOX_ROUTES['application.awaiting_decision'].group?.jobName).toBe('compute-decisions');
  });

  it.each(grouped)('%s: a group job id is stable for the same events, has no ":" and names the first', (_t, route) => {
    const group = events(3);
    const id = route.group?.jobId(group);
    expect(route.group?.jobId(group.map((e) => ({ ...e })))).toBe(id);
    expect(id).not.toContain(':');
    expect(id).toMatch(/-40-[0-9a-f]{32}$/);
  });

  it.each(grouped)('%s: other events, or the same numbers about other rows, give another id', (_t, route) => {
    const group = events(3);
    const id = route.group?.jobId(group);
    expect(route.group?.jobId(group.slice(0, 2))).not.toBe(id);
    expect(route.group?.jobId([...group, ...events(1).map((e) => ({ ...e, outboxEventId: '43' }))])).not.toBe(id);
    // A second database numbering its events alike.
    expect(route.group?.jobId(events(3))).not.toBe(id);
  });
});
