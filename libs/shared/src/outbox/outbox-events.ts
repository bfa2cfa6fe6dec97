/**
 * Every outbox event and the payload it carries: the one catalogue that publishers
 * (OutboxService.publish), the routes (outbox-routes.ts) and the jobs (queue/jobs.ts) are typed by.
 * Payloads carry ids only; the jobs re-read state.
 */
export interface OutboxEvents {
  /** A candidate submitted an application: check eligibility on the records declared. */
  'application.submitted': { applicationId: string; submission: number };
  /** Something an application awaiting its document check rests on changed: check it again. */
  'application.documents_changed': { applicationId: string; round: number };
  /** Every skill of the application has an outcome: the worker computes the decision. */
  'application.awaiting_decision': { applicationId: string };
  /** The panel re-assessed every contested skill: the worker computes the superseding decision. */
  'appeal.reassessed': { appealId: string };
  /** An awarding decision was signed: the worker issues its certificate. */
  'decision.approved': { decisionId: string };
  /** A theory test started: it is submitted at its deadline. */
  'theory_test.started': { testId: string; deadlineAt: string };
  /**
   * The last step of every workflow: tell the people concerned. The kind is one of the
   * notifications context's NOTIFICATION_KINDS (checked by the job).
   */
  'notification.requested': { kind: string; subjectId: string; applicationId: string };
  /** An in-app notification was created and e-mail is on: it goes out by e-mail too. */
  'notification.created': { notificationId: string };
}

export type OutboxEventName = keyof OutboxEvents;

/** What a job made from an outbox event carries: the event's payload and the event's id. */
export type OutboxJobData<E extends OutboxEventName> = OutboxEvents[E] & { outboxEventId: string };

/**
 * What a job made from several events of one type carries (the relay's groups, outbox-routes.ts):
 * each event as its own job would carry it, in the order they were written.
 */
export interface OutboxGroupJobData<E extends OutboxEventName> {
  events: OutboxJobData<E>[];
}
