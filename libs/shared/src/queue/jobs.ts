import type { Job } from 'bullmq';
import type { OutboxGroupJobData, OutboxJobData } from '../outbox/outbox-events';

/** Queues by name: the one list producers, processors, the dashboard and metrics share. */
export const QUEUES = {
  system: 'system',
  eligibility: 'eligibility',
  theoryDeadline: 'theory-deadline',
  decisions: 'decisions',
  certificates: 'certificates',
  notifications: 'notifications',
  email: 'email',
} as const;

export type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey];

/** Every queue, system included. */
export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

/** The queues of the workflow, whose failed jobs an admin sees and retries. */
export const WORKFLOW_QUEUES = [
  QUEUES.eligibility,
  QUEUES.theoryDeadline,
  QUEUES.decisions,
  QUEUES.certificates,
  QUEUES.notifications,
  QUEUES.email,
] as const;

/** Job names by queue, shared by the outbox routes, the schedulers and the processors. */
export const JOBS = {
  system: { ping: 'ping' },
  eligibility: { check: 'check-eligibility', recheck: 'recheck-eligibility' },
  theoryDeadline: { submitAtDeadline: 'submit-at-deadline' },
  decisions: {
    compute: 'compute-decision',
    computeGroup: 'compute-decisions',
    computeForAppeal: 'compute-appeal-decision',
  },
  certificates: { issue: 'issue-certificate', expire: 'expire-certificates' },
  notifications: { notify: 'notify' },
  email: { send: 'send-email' },
} as const satisfies Record<QueueKey, Record<string, string>>;

/** The job names of one queue. */
export type JobOf<Q extends QueueKey> = (typeof JOBS)[Q][keyof (typeof JOBS)[Q]] & keyof JobData;
export type JobName = { [Q in QueueKey]: JobOf<Q> }[QueueKey];
/** The queue a job runs on. */
export type QueueOf<J extends JobName> = { [Q in QueueKey]: J extends JobOf<Q> ? (typeof QUEUES)[Q] : never }[QueueKey];

/** What each job carries. */
export interface JobData {
  ping: Record<string, never>;
  'check-eligibility': OutboxJobData<'application.submitted'>;
  'recheck-eligibility': OutboxJobData<'application.documents_changed'>;
  'submit-at-deadline': OutboxJobData<'theory_test.started'>;
  'compute-decision': OutboxJobData<'application.awaiting_decision'>;
  'compute-decisions': OutboxGroupJobData<'application.awaiting_decision'>;
  'compute-appeal-decision': OutboxJobData<'appeal.reassessed'>;
  'issue-certificate': OutboxJobData<'decision.approved'>;
  'expire-certificates': Record<string, never>;
  notify: OutboxJobData<'notification.requested'>;
  'send-email': OutboxJobData<'notification.created'>;
}

/** A processor's handlers: one per job name of its queue. */
export type JobHandlers<Q extends QueueKey, R = unknown> = {
  [J in JobOf<Q>]: (job: Job<JobData[J]>, token?: string) => Promise<R>;
};

/** Runs a job by its handler; a job of a name the queue does not know fails (and shows in the failed list). */
export function runJob<Q extends QueueKey, R>(handlers: JobHandlers<Q, R>, job: Job, token?: string): Promise<R> {
  const handler = (handlers as Record<string, ((job: Job, token?: string) => Promise<R>) | undefined>)[job.name];
  if (!handler) throw new Error(`unknown job ${job.name}`);
  return handler(job, token);
}
