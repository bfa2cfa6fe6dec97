import { createHash } from 'node:crypto';
import { JOBS, QUEUES, type JobData, type JobName, type QueueOf } from '../queue/jobs';
import type { OutboxEventName, OutboxEvents, OutboxGroupJobData, OutboxJobData } from './outbox-events';

/**
 * Which queue and job an outbox event becomes: a job whose data the event's payload satisfies, on
 * that job's queue (checked by the type). The job id is derived from the event, so a relay that
 * re-sends an event after a crash adds nothing new while the first job is kept.
 *
 * Every job id also names the row the event is about (a UUID). The event's number alone is only
 * unique within one database: a second database on the same Redis prefix (a restored backup, a
 * test run beside a smoke run) would number its events from 1 again, and BullMQ silently drops an
 * add whose id it still holds.
 */
export type OutboxRoute<E extends OutboxEventName> = {
  [J in JobName]: OutboxJobData<E> extends JobData[J]
    ? {
        queue: QueueOf<J>;
        jobName: J;
        /** BullMQ job ids may not contain ':'. */
        jobId: (eventId: string, payload: OutboxEvents[E]) => string;
        /** Milliseconds to wait before the job runs (scheduled work such as a test's deadline). */
        delay?: (payload: OutboxEvents[E]) => number;
        /** Several such events of one relay pass go as one job (its queue, the route's). */
        group?: OutboxGroupRoute<E, QueueOf<J>>;
      }
    : never;
}[JobName];

/**
 * The job that carries the events of one type a relay pass found, when it found more than one (a
 * lone event goes as its own job). Its id is derived from every event it carries, so a relay that
 * re-sends the same events after a crash adds nothing new.
 */
export type OutboxGroupRoute<E extends OutboxEventName, Q extends string> = {
  [J in JobName]: OutboxGroupJobData<E> extends JobData[J]
    ? QueueOf<J> extends Q
      ? {
          jobName: J;
          /** Most events in one job: more make several jobs. */
          maxEvents: number;
          jobId: (events: OutboxJobData<E>[]) => string;
        }
      : never
    : never;
}[JobName];

/**
 * A group's job id: its first event's number and a digest of every event it carries (each one's
 * number and payload, so that, as for a lone event, two databases numbering their events alike
 * about different rows get different ids).
 */
export function groupJobId(prefix: string, events: readonly ({ outboxEventId: string } & object)[]): string {
  const digest = createHash('sha256');
  for (const event of events) digest.update(`${JSON.stringify(event)}\n`);
  return `${prefix}-${events[0]?.outboxEventId ?? 'none'}-${digest.digest('hex').slice(0, 32)}`;
}

export const OUTBOX_ROUTES: { [E in OutboxEventName]: OutboxRoute<E> } = {
  'application.submitted': {
    queue: QUEUES.eligibility,
    jobName: JOBS.eligibility.check,
    jobId: (eventId, payload) => `eligibility-${payload.applicationId}-${eventId}`,
  },
  'application.documents_changed': {
    queue: QUEUES.eligibility,
    jobName: JOBS.eligibility.recheck,
    jobId: (eventId, payload) => `recheck-${payload.applicationId}-${eventId}`,
  },
  'application.awaiting_decision': {
    queue: QUEUES.decisions,
    jobName: JOBS.decisions.compute,
    jobId: (eventId, payload) => `decision-${payload.applicationId}-${eventId}`,
    // docs/PERFORMANCE.md, "Decisions, one job per group": BullMQ's work is per job, not per decision.
    group: {
      jobName: JOBS.decisions.computeGroup,
      maxEvents: 100,
      jobId: (events) => groupJobId('decisions', events),
    },
  },
  'decision.approved': {
    queue: QUEUES.certificates,
    jobName: JOBS.certificates.issue,
    jobId: (eventId, payload) => `certificate-${payload.decisionId}-${eventId}`,
  },
  'appeal.reassessed': {
    queue: QUEUES.decisions,
    jobName: JOBS.decisions.computeForAppeal,
    jobId: (eventId, payload) => `appeal-decision-${payload.appealId}-${eventId}`,
  },
  'notification.requested': {
    queue: QUEUES.notifications,
    jobName: JOBS.notifications.notify,
    jobId: (eventId, payload) => `notify-${payload.subjectId}-${eventId}`,
  },
  'notification.created': {
    queue: QUEUES.email,
    jobName: JOBS.email.send,
    jobId: (_eventId, payload) => `email-${payload.notificationId}`,
  },
  'theory_test.started': {
    queue: QUEUES.theoryDeadline,
    jobName: JOBS.theoryDeadline.submitAtDeadline,
    jobId: (_eventId, payload) => `theory-deadline-${payload.testId}`,
    delay: (payload) => Math.max(0, Date.parse(payload.deadlineAt) - Date.now()),
  },
};

/** A stored event's route, for the relay, which reads the event's type and payload from a row. */
export interface StoredEventRoute {
  queue: string;
  jobName: string;
  jobId: (eventId: string, payload: Record<string, unknown>) => string;
  delay?: (payload: Record<string, unknown>) => number;
  group?: {
    jobName: string;
    maxEvents: number;
    jobId: (events: ({ outboxEventId: string } & Record<string, unknown>)[]) => string;
  };
}

export function routeOfStoredEvent(eventType: string): StoredEventRoute | undefined {
  if (!Object.hasOwn(OUTBOX_ROUTES, eventType)) return undefined;
  // The row's payload was written by publish() for this very event type.
  return OUTBOX_ROUTES[eventType as OutboxEventName] as StoredEventRoute;
}
