import { DomainException } from '@qualcert/shared';

export const PATHWAYS = ['assessment', 'recognition'] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'eligible',
  'ineligible',
  'awaiting_decision',
  'decided',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationEvent =
  | 'submit'
  | 'mark_eligible'
  | 'mark_ineligible'
  | 'override'
  | 'admit_on_appeal'
  | 'withdraw'
  | 'complete_assessment'
  | 'decide';

/**
 * The application's life so far (the decisions workflow continues it).
 * An ineligible application may be submitted again after the candidate completes their records.
 */
const TRANSITIONS: Record<ApplicationStatus, Partial<Record<ApplicationEvent, ApplicationStatus>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { mark_eligible: 'eligible', mark_ineligible: 'ineligible', withdraw: 'withdrawn' },
  // An appeal panel that finds the refusal wrong admits the application (docs/DECISIONS.md).
  ineligible: { submit: 'submitted', override: 'eligible', admit_on_appeal: 'eligible', withdraw: 'withdrawn' },
  eligible: { complete_assessment: 'awaiting_decision', withdraw: 'withdrawn' },
  // Every skill has an outcome; the decisions workflow takes it from here.
  awaiting_decision: { decide: 'decided' },
  // Decided: certificates and appeals continue from the decision.
  decided: {},
  withdrawn: {},
};

export function nextStatus(current: ApplicationStatus, event: ApplicationEvent): ApplicationStatus | null {
  return TRANSITIONS[current][event] ?? null;
}

/** The next status, or 409 INVALID_TRANSITION naming the current one. */
export function requireTransition(current: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const next = nextStatus(current, event);
  if (!next) {
    throw new DomainException(
      'INVALID_TRANSITION',
      `An application that is ${current} cannot ${event.replace('_', ' ')}`,
      {
        currentStatus: current,
        event,
        allowed: Object.keys(TRANSITIONS[current]),
      },
    );
  }
  return next;
}

/** While an application is in these states its evidence and claims may change. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft'];
