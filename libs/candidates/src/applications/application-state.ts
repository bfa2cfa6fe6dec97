import { DomainException } from '@qualcert/shared';
import type { EligibilityOutcome } from '../eligibility/eligibility';

export const PATHWAYS = ['assessment', 'recognition'] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'awaiting_documents',
  'eligible',
  'ineligible',
  'awaiting_decision',
  'decided',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_EVENTS = [
  'submit',
  'await_documents',
  'mark_eligible',
  'mark_ineligible',
  'override',
  'withdraw',
  'complete_assessment',
  'decide',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/**
 * The application's life (docs/CANDIDATES.md has the diagram). An event not listed for a state is
 * refused; a new event is one entry here, its state's row, and a line in the docs.
 *
 * - submitted: the worker checks eligibility on the records declared. When they meet no route the
 *   application is ineligible; when the records a route rests on are all confirmed already (by an
 *   earlier check) it is eligible; otherwise it awaits the centre's document check.
 * - awaiting_documents: staff of the centre confirm or reject each record's document. Confirmed
 *   records that meet a route make it eligible; a rejection re-runs the check, which may end it
 *   ineligible. "Admitted" is `eligible`: enrolment and evidence review start from there.
 * - ineligible: the candidate may complete their records and submit again, or a centre manager
 *   may admit them in writing (override).
 */
const TRANSITIONS: Record<ApplicationStatus, Partial<Record<ApplicationEvent, ApplicationStatus>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: {
    await_documents: 'awaiting_documents',
    mark_eligible: 'eligible',
    mark_ineligible: 'ineligible',
    withdraw: 'withdrawn',
  },
  awaiting_documents: { mark_eligible: 'eligible', mark_ineligible: 'ineligible', withdraw: 'withdrawn' },
  ineligible: { submit: 'submitted', override: 'eligible', withdraw: 'withdrawn' },
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
      `An application that is ${current} cannot ${event.replace(/_/g, ' ')}`,
      {
        currentStatus: current,
        event,
        allowed: Object.keys(TRANSITIONS[current]),
      },
    );
  }
  return next;
}

/**
 * The document-check gate: which event an eligibility result makes of an application being
 * checked (submitted, or awaiting the document check), or null when it stays where it is. Only
 * a result on confirmed records admits; needs_review is a refusal for a manager to look at.
 */
export function eligibilityEvent(current: ApplicationStatus, outcome: EligibilityOutcome): ApplicationEvent | null {
  if (current !== 'submitted' && current !== 'awaiting_documents') return null;
  switch (outcome) {
    case 'eligible':
      return 'mark_eligible';
    case 'awaiting_documents':
      return current === 'submitted' ? 'await_documents' : null;
    case 'ineligible':
    case 'needs_review':
      return 'mark_ineligible';
  }
}

/** While an application is in these states its evidence and claims may change. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft'];

/** While an application is in this state, staff of its centre check the documents of its records. */
export const DOCUMENT_CHECK_STATUS: ApplicationStatus = 'awaiting_documents';
