import { QUEUES } from '../queue/queue.module';

/**
 * Which queue and job each outbox event becomes. The job id is derived from the event, so a
 * relay that re-sends an event after a crash adds nothing new while the first job is kept.
 *
 * Every job id also names the row the event is about (a UUID). The event's number alone is only
 * unique within one database: a second database on the same Redis prefix (a restored backup, a
 * test run beside a smoke run) would number its events from 1 again, and BullMQ silently drops an
 * add whose id it still holds.
 */
export interface OutboxRoute {
  queue: string;
  jobName: string;
  /** BullMQ job ids may not contain ':'. */
  jobId: (eventId: string, payload: Record<string, unknown>) => string;
  /** Milliseconds to wait before the job runs (scheduled work such as a test's deadline). */
  delay?: (payload: Record<string, unknown>) => number;
}

/** Admission's events (libs/candidates) and the eligibility queue's jobs they become. */
export const ADMISSION_EVENTS = {
  /** A candidate submitted an application: check eligibility on the records declared. */
  submitted: 'application.submitted',
  /** Something an application awaiting its document check rests on changed: check it again. */
  documentsChanged: 'application.documents_changed',
} as const;

export const ELIGIBILITY_JOBS = { check: 'check-eligibility', recheck: 'recheck-eligibility' } as const;

export const OUTBOX_ROUTES: Record<string, OutboxRoute> = {
  [ADMISSION_EVENTS.submitted]: {
    queue: QUEUES.eligibility,
    jobName: ELIGIBILITY_JOBS.check,
    jobId: (eventId, payload) => `eligibility-${String(payload.applicationId)}-${eventId}`,
  },
  [ADMISSION_EVENTS.documentsChanged]: {
    queue: QUEUES.eligibility,
    jobName: ELIGIBILITY_JOBS.recheck,
    jobId: (eventId, payload) => `recheck-${String(payload.applicationId)}-${eventId}`,
  },
  // Consumed by the decisions workflow; jobs wait in their queue until a processor takes them.
  'application.awaiting_decision': {
    queue: QUEUES.decisions,
    jobName: 'compute-decision',
    jobId: (eventId, payload) => `decision-${String(payload.applicationId)}-${eventId}`,
  },
  // Consumed by certificate issuance; jobs wait in their queue until a processor takes them.
  'decision.approved': {
    queue: QUEUES.certificates,
    jobName: 'issue-certificate',
    jobId: (eventId, payload) => `certificate-${String(payload.decisionId)}-${eventId}`,
  },
  // The panel re-assessed every contested skill: the worker computes the superseding decision.
  'appeal.reassessed': {
    queue: QUEUES.decisions,
    jobName: 'compute-appeal-decision',
    jobId: (eventId, payload) => `appeal-decision-${String(payload.appealId)}-${eventId}`,
  },
  // The last step of every workflow: tell the people concerned.
  'notification.requested': {
    queue: QUEUES.notifications,
    jobName: 'notify',
    jobId: (eventId, payload) => `notify-${String(payload.subjectId)}-${eventId}`,
  },
  'theory_test.started': {
    queue: QUEUES.theoryDeadline,
    jobName: 'submit-at-deadline',
    jobId: (_eventId, payload) => `theory-deadline-${String(payload.testId)}`,
    delay: (payload) => Math.max(0, Date.parse(String(payload.deadlineAt)) - Date.now()),
  },
};
