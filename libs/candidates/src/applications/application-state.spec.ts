import { APPLICATION_STATUSES, ApplicationEvent, nextStatus, requireTransition } from './application-state';

const EVENTS: ApplicationEvent[] = [
  'submit',
  'mark_eligible',
  'mark_ineligible',
  'override',
  'admit_on_appeal',
  'withdraw',
  'complete_assessment',
  'decide',
];

describe('application state machine', () => {
  it.each([
    ['draft', 'submit', 'submitted'],
    ['draft', 'withdraw', 'withdrawn'],
    ['submitted', 'mark_eligible', 'eligible'],
    ['submitted', 'mark_ineligible', 'ineligible'],
    ['ineligible', 'override', 'eligible'],
    ['ineligible', 'admit_on_appeal', 'eligible'],
    ['ineligible', 'submit', 'submitted'],
    ['eligible', 'withdraw', 'withdrawn'],
    ['eligible', 'complete_assessment', 'awaiting_decision'],
    ['awaiting_decision', 'decide', 'decided'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it('allows nothing else, and says what the current state is', () => {
    const allowed = new Set([
      'draft:submit',
      'draft:withdraw',
      'submitted:mark_eligible',
      'submitted:mark_ineligible',
      'submitted:withdraw',
      'ineligible:submit',
      'ineligible:override',
      'ineligible:admit_on_appeal',
      'ineligible:withdraw',
      'eligible:withdraw',
      'eligible:complete_assessment',
      'awaiting_decision:decide',
    ]);
    for (const status of APPLICATION_STATUSES) {
      for (const event of EVENTS) {
        if (allowed.has(`${status}:${event}`)) continue;
        expect(nextStatus(status, event)).toBeNull();
        expect(() => requireTransition(status, event)).toThrow(
          expect.objectContaining({
            code: 'INVALID_TRANSITION',
            details: expect.objectContaining({ currentStatus: status }),
          }),
        );
      }
    }
  });
});
