import type { EligibilityOutcome } from '../eligibility/eligibility';
import {
  APPLICATION_EVENTS,
  APPLICATION_STATUSES,
  eligibilityEvent,
  nextStatus,
  requireTransition,
} from './application-state';

const TRANSITIONS = [
  ['draft', 'submit', 'submitted'],
  ['draft', 'withdraw', 'withdrawn'],
  ['submitted', 'await_documents', 'awaiting_documents'],
  ['submitted', 'mark_eligible', 'eligible'],
  ['submitted', 'mark_ineligible', 'ineligible'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['awaiting_documents', 'mark_eligible', 'eligible'],
  ['awaiting_documents', 'mark_ineligible', 'ineligible'],
  ['awaiting_documents', 'withdraw', 'withdrawn'],
  ['ineligible', 'override', 'eligible'],
  ['ineligible', 'submit', 'submitted'],
  ['ineligible', 'withdraw', 'withdrawn'],
  ['eligible', 'withdraw', 'withdrawn'],
  ['eligible', 'complete_assessment', 'awaiting_decision'],
  ['awaiting_decision', 'decide', 'decided'],
] as const;

describe('application state machine', () => {
  it.each(TRANSITIONS)('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
    expect(requireTransition(from, event)).toBe(to);
  });

  it('allows nothing else, and says what the current state is', () => {
    const allowed = new Set(TRANSITIONS.map(([from, event]) => `${from}:${event}`));
    for (const status of APPLICATION_STATUSES) {
      for (const event of APPLICATION_EVENTS) {
        if (allowed.has(`${status}:${event}`)) continue;
        expect(nextStatus(status, event)).toBeNull();
        expect(() => requireTransition(status, event)).toThrow(
          expect.objectContaining({
            code: 'INVALID_TRANSITION',
            details: expect.objectContaining({ currentStatus: status, event }),
          }),
        );
      }
    }
  });

  it('names the event in words', () => {
    expect(() => requireTransition('draft', 'mark_ineligible')).toThrow(
      'An application that is draft cannot mark ineligible',
    );
  });
});

describe('the document-check gate', () => {
  const OUTCOMES: EligibilityOutcome[] = ['eligible', 'awaiting_documents', 'ineligible', 'needs_review'];

  it.each([
    ['submitted', 'eligible', 'mark_eligible', 'eligible'],
    ['submitted', 'awaiting_documents', 'await_documents', 'awaiting_documents'],
    ['submitted', 'ineligible', 'mark_ineligible', 'ineligible'],
    ['submitted', 'needs_review', 'mark_ineligible', 'ineligible'],
    ['awaiting_documents', 'eligible', 'mark_eligible', 'eligible'],
    ['awaiting_documents', 'awaiting_documents', null, 'awaiting_documents'],
    ['awaiting_documents', 'ineligible', 'mark_ineligible', 'ineligible'],
    ['awaiting_documents', 'needs_review', 'mark_ineligible', 'ineligible'],
  ] as const)('%s with a result %s: %s, to %s', (status, outcome, event, to) => {
    expect(eligibilityEvent(status, outcome)).toBe(event);
    expect(event === null ? status : requireTransition(status, event)).toBe(to);
  });

  it('moves no application that is not being checked', () => {
    for (const status of APPLICATION_STATUSES.filter((s) => s !== 'submitted' && s !== 'awaiting_documents')) {
      for (const outcome of OUTCOMES) expect(eligibilityEvent(status, outcome)).toBeNull();
    }
  });

  it('admits only on a result that says eligible', () => {
    for (const status of APPLICATION_STATUSES) {
      for (const outcome of OUTCOMES) {
        const event = eligibilityEvent(status, outcome);
        const to = event === null ? null : nextStatus(status, event);
        if (to === 'eligible') expect(outcome).toBe('eligible');
      }
    }
  });
});
