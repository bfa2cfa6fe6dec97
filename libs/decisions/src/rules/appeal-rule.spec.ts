import {
  appealDeadline,
  AppealRequest,
  checkAdmissionAppeal,
  checkAppeal,
  checkPanelSize,
  checkProceduralAppeal,
  checkVote,
  panelProblems,
  panelResolution,
  PanelVote,
} from './appeal-rule';
import { thrown, inEnglish } from '@qualcert/shared/testing';

const signedAt = new Date('2026-03-01T15:30:00Z');

function request(overrides: Partial<AppealRequest> = {}): AppealRequest {
  return {
    decision: { status: 'approved', signedAt, creditedSkillIds: ['s1'] },
    cardSkillIds: ['s1', 's2', 's3'],
    contestedSkillIds: ['s2'],
    windowDays: 10,
    now: new Date('2026-03-05T10:00:00Z'),
    ...overrides,
  };
}

describe('appealDeadline', () => {
  it.each([
    ['2026-03-01T00:00:00Z', 10, '2026-03-11'],
    ['2026-03-01T23:59:59Z', 10, '2026-03-11'],
    ['2026-02-25T12:00:00Z', 10, '2026-03-07'],
    ['2028-02-25T12:00:00Z', 10, '2028-03-06'],
    ['2026-12-28T12:00:00Z', 5, '2027-01-02'],
    ['2026-03-01T12:00:00Z', 0, '2026-03-01'],
  ])('signed %s with %i days closes at the end of %s', (signed, days, deadline) => {
    expect(appealDeadline(new Date(signed), days)).toBe(deadline);
  });

  it.each([-1, 1.5, Number.NaN])('refuses a window of %p days', (days) => {
    expect(thrown(() => appealDeadline(signedAt, days)).code).toBe('VALIDATION_FAILED');
  });
});

describe('checkAppeal', () => {
  it('returns the deadline of an appeal within the window', () => {
    expect(checkAppeal(request())).toEqual({ deadline: '2026-03-11' });
  });

  it('accepts an appeal on the decision day and on the last day, to its last second', () => {
    expect(checkAppeal(request({ now: new Date('2026-03-01T16:00:00Z') })).deadline).toBe('2026-03-11');
    expect(checkAppeal(request({ now: new Date('2026-03-11T23:59:59.999Z') })).deadline).toBe('2026-03-11');
  });

  it('refuses an appeal the day after the deadline, naming the deadline', () => {
    const error = thrown(() => checkAppeal(request({ now: new Date('2026-03-12T00:00:00Z') })));
    expect(error.code).toBe('APPEAL_WINDOW_CLOSED');
    expect(error.message).toContain('2026-03-11');
    expect(error.details).toEqual({ deadline: '2026-03-11', windowDays: 10 });
  });

  it.each(['pending_signoff', 'returned', 'superseded'])('refuses to appeal a %s decision', (status) => {
    const error = thrown(() => checkAppeal(request({ decision: { status, signedAt: null, creditedSkillIds: [] } })));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.details).toEqual({ currentStatus: status });
  });

  it('checks the window before the contested skills', () => {
    const error = thrown(() => checkAppeal(request({ contestedSkillIds: [], now: new Date('2026-04-01T00:00:00Z') })));
    expect(error.code).toBe('APPEAL_WINDOW_CLOSED');
  });

  it('names every skill that cannot be contested', () => {
    const error = thrown(() => checkAppeal(request({ contestedSkillIds: ['s1', 'x', 's2', 's2'] })));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(inEnglish(error.details)).toEqual({
      fields: [
        {
          field: 'contestedSkillIds',
          messages: [
            's1 is already credited by the decision',
            'x is not a skill the application was assessed on',
            's2 is named twice',
          ],
        },
      ],
    });
  });

  it('needs at least one contested skill', () => {
    const error = thrown(() => checkAppeal(request({ contestedSkillIds: [] })));
    expect(inEnglish(error.details)).toEqual({
      fields: [{ field: 'contestedSkillIds', messages: ['name at least one skill'] }],
    });
  });

  it('lets an awarded decision be appealed for its uncredited additional skills', () => {
    const decision = { status: 'approved', signedAt, creditedSkillIds: ['s1', 's2'] };
    expect(checkAppeal(request({ decision, contestedSkillIds: ['s3'] })).deadline).toBe('2026-03-11');
  });
});

describe('checkPanelSize', () => {
  it('accepts two or more distinct assessors', () => {
    expect(() => checkPanelSize(['a', 'b'])).not.toThrow();
    expect(() => checkPanelSize(['a', 'b', 'c'])).not.toThrow();
  });

  it.each([
    [[], ['a panel has at least 2 assessors']],
    [['a'], ['a panel has at least 2 assessors']],
    [
      ['a', 'a'],
      ['an assessor is named twice', 'a panel has at least 2 assessors'],
    ],
    [['a', 'b', 'a'], ['an assessor is named twice']],
  ])('refuses %p', (ids, messages) => {
    const error = thrown(() => checkPanelSize(ids));
    expect(inEnglish(error.details)).toEqual({ fields: [{ field: 'assessorIds', messages }] });
  });
});

describe('panelProblems', () => {
  const clean = { ofCentre: true, involved: false, refusals: [] };

  it('has nothing against impartial assessors of the centre who took no part', () => {
    expect(
      panelProblems([
        { assessorId: 'a', ...clean },
        { assessorId: 'b', ...clean },
      ]),
    ).toEqual([]);
  });

  it('lists every problem of every member, in order', () => {
    expect(
      panelProblems([
        { assessorId: 'a', ...clean, involved: true },
        { assessorId: 'b', ...clean },
        {
          assessorId: 'c',
          ...clean,
          involved: true,
          refusals: [
            { rule: 'NOT_ACCREDITED_FOR_CARD', message: 'not accredited' },
            { rule: 'CONFLICT_WITH_CANDIDATE', message: 'declared a conflict', candidateId: 'k' },
          ],
        },
        { assessorId: 'd', ofCentre: false, involved: true, refusals: [] },
      ]),
    ).toEqual([
      { assessorId: 'a', rule: 'INVOLVED_IN_APPLICATION', message: 'a took part in assessing the application' },
      { assessorId: 'c', rule: 'INVOLVED_IN_APPLICATION', message: 'c took part in assessing the application' },
      { assessorId: 'c', rule: 'NOT_ACCREDITED_FOR_CARD', message: 'not accredited' },
      { assessorId: 'c', rule: 'CONFLICT_WITH_CANDIDATE', message: 'declared a conflict' },
      { assessorId: 'd', rule: 'NOT_AN_ASSESSOR_OF_CENTRE', message: 'd is not an assessor of the centre' },
    ]);
  });
});

describe('panelResolution', () => {
  const cases: [(PanelVote | null)[], string][] = [
    [[], 'pending'],
    [[null, null], 'pending'],
    [['uphold', null], 'pending'],
    [['reassess', null, 'reassess'], 'pending'],
    [['uphold', 'uphold'], 'upheld'],
    [['uphold', 'reassess'], 'reassess'],
    [['reassess', 'reassess'], 'reassess'],
    [['uphold', 'uphold', 'reassess'], 'upheld'],
    [['uphold', 'reassess', 'reassess'], 'reassess'],
    [['uphold', 'uphold', 'reassess', 'reassess'], 'reassess'],
    [['uphold', 'uphold', 'uphold', 'reassess'], 'upheld'],
  ];
  it.each(cases)('%p resolves to %s', (votes, resolution) => {
    expect(panelResolution(votes)).toBe(resolution);
  });

  it('does not depend on the order of the votes', () => {
    const votes: PanelVote[] = ['uphold', 'reassess', 'uphold'];
    for (const order of [votes, [...votes].reverse(), ['reassess', 'uphold', 'uphold'] as PanelVote[]]) {
      expect(panelResolution(order)).toBe('upheld');
    }
  });
});

describe('panelResolution by kind', () => {
  it.each<[string, (PanelVote | null)[], string]>([
    ['admission', ['admit', 'admit'], 'admit'],
    ['admission', ['admit', 'uphold'], 'upheld'], // a tie does not admit
    ['admission', ['admit', 'admit', 'uphold'], 'admit'],
    ['admission', ['admit', null], 'pending'],
    ['procedural', ['sustain', 'uphold'], 'sustain'], // a tie gives the finding
    ['procedural', ['uphold', 'uphold', 'sustain'], 'upheld'],
    ['procedural', ['sustain', 'sustain'], 'sustain'],
  ])('%s: %p resolves to %s', (kind, votes, resolution) => {
    expect(panelResolution(votes, kind as 'admission' | 'procedural')).toBe(resolution);
  });
});

describe('checkVote', () => {
  it.each([
    ['decision', 'uphold'],
    ['decision', 'reassess'],
    ['admission', 'admit'],
    ['admission', 'uphold'],
    ['procedural', 'sustain'],
  ])('accepts %s: %s', (kind, vote) => {
    expect(checkVote(kind as 'decision', vote)).toBe(vote);
  });

  it.each([
    ['decision', 'admit'],
    ['admission', 'reassess'],
    ['procedural', 'admit'],
    ['decision', 'maybe'],
  ])('refuses %s: %s with 400 naming vote', (kind, vote) => {
    const error = thrown(() => checkVote(kind as 'decision', vote));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ fields: [{ field: 'vote' }] });
  });
});

describe('checkAdmissionAppeal', () => {
  const ineligibleAt = new Date('2026-03-01T20:00:00Z');
  const admission = (overrides: Partial<Parameters<typeof checkAdmissionAppeal>[0]> = {}) =>
    checkAdmissionAppeal({
      applicationStatus: 'ineligible',
      ineligibleAt,
      windowDays: 10,
      now: new Date('2026-03-11T23:00:00Z'),
      ...overrides,
    });

  it('is open until the end of the window counted from the day of the refusal', () => {
    expect(admission()).toEqual({ deadline: '2026-03-11' });
  });

  it('is closed the day after, naming the deadline', () => {
    const error = thrown(() => admission({ now: new Date('2026-03-12T00:00:01Z') }));
    expect(error.code).toBe('APPEAL_WINDOW_CLOSED');
    expect(error.details).toEqual({ deadline: '2026-03-11', windowDays: 10 });
  });

  it.each(['draft', 'submitted', 'eligible', 'decided', 'withdrawn'])(
    'refuses an application that is %s (409 INVALID_TRANSITION)',
    (applicationStatus) => {
      expect(thrown(() => admission({ applicationStatus })).code).toBe('INVALID_TRANSITION');
    },
  );

  it('refuses an ineligible application never checked', () => {
    expect(thrown(() => admission({ ineligibleAt: null })).code).toBe('INVALID_TRANSITION');
  });
});

describe('checkProceduralAppeal', () => {
  const complaint = (overrides: Partial<Parameters<typeof checkProceduralAppeal>[0]> = {}) =>
    checkProceduralAppeal({
      applicationStatus: 'eligible',
      decisionAppealDeadline: null,
      evidenceIds: ['e1'],
      ownEvidenceIds: ['e1', 'e2'],
      now: new Date('2026-03-05T10:00:00Z'),
      ...overrides,
    });

  it('is open while the application is under way, with no deadline', () => {
    expect(complaint()).toEqual({ deadline: null });
    expect(complaint({ applicationStatus: 'ineligible', evidenceIds: [] })).toEqual({ deadline: null });
  });

  it('is open after the decision within its appeal window, and closed after it', () => {
    expect(complaint({ applicationStatus: 'decided', decisionAppealDeadline: '2026-03-05' })).toEqual({
      deadline: '2026-03-05',
    });
    const error = thrown(() => complaint({ applicationStatus: 'decided', decisionAppealDeadline: '2026-03-04' }));
    expect(error.code).toBe('APPEAL_WINDOW_CLOSED');
  });

  it.each(['draft', 'withdrawn'])('refuses a %s application', (applicationStatus) => {
    expect(thrown(() => complaint({ applicationStatus })).code).toBe('INVALID_TRANSITION');
  });

  it('refuses documents that are not the candidate’s own, or named twice (400, field evidenceIds)', () => {
    const error = thrown(() => complaint({ evidenceIds: ['e1', 'x', 'e1'] }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(inEnglish(error.details)).toEqual({
      fields: [{ field: 'evidenceIds', messages: ['x is not one of your evidence files', 'e1 is named twice'] }],
    });
  });
});
