import { randomUUID } from 'node:crypto';
import { OUTBOX_ROUTES } from './outbox-routes';
import { type PendingEvent, relayJobs } from './relay-jobs';

let next = 1;
const decision = (applicationId = randomUUID()): PendingEvent => ({
  id: String(next++),
  eventType: 'application.awaiting_decision',
  payload: { applicationId },
});
const appeal = (): PendingEvent => ({
  id: String(next++),
  eventType: 'appeal.reassessed',
  payload: { appealId: randomUUID() },
});
const certificate = (): PendingEvent => ({
  id: String(next++),
  eventType: 'decision.approved',
  payload: { decisionId: randomUUID() },
});
const ownJobId = (event: PendingEvent) =>
  OUTBOX_ROUTES['application.awaiting_decision'].jobId(event.id, event.payload as { applicationId: string });

describe('relayJobs', () => {
  it('sends the decision events of a pass as one job, at the place of the first, each event as its own job would carry it', () => {
    const events = [appeal(), decision(), certificate(), decision(), appeal(), decision()];
    const { batches, unrouted } = relayJobs(events);
    expect(unrouted).toEqual([]);
    const decisions = batches.get('decisions');
    expect(decisions?.eventIds).toEqual([events[0], events[1], events[3], events[4], events[5]].map((e) => e.id));
    expect(decisions?.jobs.map((job) => job.name)).toEqual([
      'compute-appeal-decision',
      'compute-decisions',
      'compute-appeal-decision',
    ]);
    const group = decisions?.jobs[1];
    const carried = [events[1], events[3], events[5]].map((e) => ({
      applicationId: e.payload.applicationId as string,
      outboxEventId: e.id,
    }));
    expect(group?.data).toEqual({ events: carried });
    expect(group?.opts.jobId).toBe(OUTBOX_ROUTES['application.awaiting_decision'].group?.jobId(carried));
    expect(batches.get('certificates')?.jobs.map((job) => job.name)).toEqual(['issue-certificate']);
  });

  it('sends a lone decision event as its own job, with its own id', () => {
    const event = decision();
    const { batches } = relayJobs([certificate(), event]);
    expect(batches.get('decisions')?.jobs).toEqual([
      {
        name: 'compute-decision',
        data: { ...event.payload, outboxEventId: event.id },
        opts: { jobId: ownJobId(event) },
      },
    ]);
  });

  it('makes one job per 100 decision events, a last one alone its own job', () => {
    const events = Array.from({ length: 201 }, () => decision());
    const jobs = relayJobs(events).batches.get('decisions')?.jobs ?? [];
    expect(jobs.map((job) => job.name)).toEqual(['compute-decisions', 'compute-decisions', 'compute-decision']);
    expect(jobs.map((job) => (job.data.events as unknown[] | undefined)?.length)).toEqual([100, 100, undefined]);
    expect(jobs[2].opts.jobId).toBe(ownJobId(events[200]));
  });

  it('gives the same events the same job, whichever pass sends them again', () => {
    const events = [decision(), decision(), decision()];
    const first = relayJobs(events).batches.get('decisions')?.jobs;
    const again = relayJobs(events.map((e) => ({ ...e, payload: { ...e.payload } }))).batches.get('decisions')?.jobs;
    expect(again).toEqual(first);
    expect(relayJobs(events.slice(1)).batches.get('decisions')?.jobs[0].opts.jobId).not.toBe(first?.[0].opts.jobId);
  });

  it('keeps events without a route apart', () => {
    const stray: PendingEvent = { id: String(next++), eventType: 'no.such.event', payload: {} };
    const { batches, unrouted } = relayJobs([stray, certificate()]);
    expect(unrouted).toEqual([stray.id]);
    expect([...batches.keys()]).toEqual(['certificates']);
  });
});
