import { routeOfStoredEvent, type StoredEventRoute } from './outbox-routes';

/** A pending event as the relay reads it. */
export interface PendingEvent {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
}

/** A job as BullMQ's addBulk takes it. */
export interface RelayJob {
  name: string;
  data: Record<string, unknown>;
  opts: { jobId: string; delay?: number };
}

/** What one queue gets from a relay pass: its events' jobs, in event order, in one addBulk. */
export interface QueueBatch {
  eventIds: string[];
  jobs: RelayJob[];
}

type EventJob = RelayJob & { data: { outboxEventId: string } };

interface Grouped {
  route: NonNullable<StoredEventRoute['group']>;
  jobs: EventJob[];
}

/**
 * The jobs of one relay pass, by queue. An event is its route's job; the events of a grouped route
 * (the decisions') go as one job per `maxEvents`, at the place of the first of them, and a lone one
 * as its own job. Events without a route are returned apart.
 */
export function relayJobs(events: readonly PendingEvent[]): { batches: Map<string, QueueBatch>; unrouted: string[] } {
  const entries = new Map<string, { eventIds: string[]; jobs: (EventJob | Grouped)[] }>();
  const groups = new Map<string, Grouped>();
  const unrouted: string[] = [];
  for (const event of events) {
    const route = routeOfStoredEvent(event.eventType);
    if (!route) {
      unrouted.push(event.id);
      continue;
    }
    const entry = entries.get(route.queue) ?? { eventIds: [], jobs: [] };
    entries.set(route.queue, entry);
    entry.eventIds.push(event.id);
    const job: EventJob = {
      name: route.jobName,
      data: { ...event.payload, outboxEventId: event.id },
      opts: {
        jobId: route.jobId(event.id, event.payload),
        ...(route.delay ? { delay: route.delay(event.payload) } : {}),
      },
    };
    if (!route.group) {
      entry.jobs.push(job);
      continue;
    }
    let group = groups.get(event.eventType);
    if (!group) {
      group = { route: route.group, jobs: [] };
      groups.set(event.eventType, group);
      entry.jobs.push(group);
    }
    group.jobs.push(job);
  }
  const batches = new Map<string, QueueBatch>();
  for (const [queue, entry] of entries)
    batches.set(queue, { eventIds: entry.eventIds, jobs: entry.jobs.flatMap(jobsOf) });
  return { batches, unrouted };
}

function jobsOf(entry: EventJob | Grouped): RelayJob[] {
  if (!('route' in entry)) return [entry];
  const jobs: RelayJob[] = [];
  for (let i = 0; i < entry.jobs.length; i += entry.route.maxEvents) {
    const chunk = entry.jobs.slice(i, i + entry.route.maxEvents);
    if (chunk.length === 1) {
      jobs.push(chunk[0]);
      continue;
    }
    const events = chunk.map((job) => job.data);
    jobs.push({ name: entry.route.jobName, data: { events }, opts: { jobId: entry.route.jobId(events) } });
  }
  return jobs;
}
