import { QUEUES } from '../queue/queue.module';

/**
 * Which queue and job each outbox event becomes. The job id is derived from the event, so a
 * relay that re-sends an event after a crash adds nothing new while the first job is kept.
 */
export interface OutboxRoute {
  queue: string;
  jobName: string;
  /** BullMQ job ids may not contain ':'. */
  jobId: (eventId: string, payload: Record<string, unknown>) => string;
}

export const OUTBOX_ROUTES: Record<string, OutboxRoute> = {
  'application.submitted': {
    queue: QUEUES.eligibility,
    jobName: 'check-eligibility',
    jobId: (eventId, payload) => `eligibility-${String(payload.applicationId)}-${eventId}`,
  },
};
