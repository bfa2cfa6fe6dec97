import { tallyExamOutcomes, type ExamFacts } from './exam-statistics';

const facts = (overrides: Partial<ExamFacts>): ExamFacts => ({
  cardId: 'card',
  examinedSkillIds: ['s1', 's2'],
  passMark: 0.5,
  skillFloor: 0.3,
  assessorsInSession: 2,
  overallShare: 1,
  skillShares: new Map([
    ['s1', 1],
    ['s2', 1],
  ]),
  verdicts: new Map([
    ['s1', ['competent', 'competent']],
    ['s2', ['competent', 'competent']],
  ]),
  ...overrides,
});

describe('tallyExamOutcomes', () => {
  it('passes a candidate only when every examined skill passed', () => {
    const tally = tallyExamOutcomes([
      facts({}),
      facts({
        verdicts: new Map([
          ['s1', ['competent', 'not_yet_competent']],
          ['s2', ['competent', 'competent']],
        ]),
      }),
    ]);
    expect(tally.cards.get('card')).toEqual({ passed: 1, failed: 1, pending: 0 });
    expect(tally.skills.get('s1')).toEqual({ cardId: 'card', passed: 1, failed: 1, pending: 0 });
    expect(tally.skills.get('s2')).toEqual({ cardId: 'card', passed: 2, failed: 0, pending: 0 });
  });

  it('keeps a candidate pending while a skill is, even when another failed', () => {
    const tally = tallyExamOutcomes([
      facts({
        verdicts: new Map([
          ['s1', ['not_yet_competent', 'not_yet_competent']],
          ['s2', ['competent']],
        ]),
      }),
    ]);
    expect(tally.cards.get('card')).toEqual({ passed: 0, failed: 0, pending: 1 });
    expect(tally.skills.get('s1')).toMatchObject({ failed: 1 });
    expect(tally.skills.get('s2')).toMatchObject({ pending: 1 });
  });

  it('reads a test not yet submitted as pending theory', () => {
    const tally = tallyExamOutcomes([facts({ overallShare: null, skillShares: new Map() })]);
    expect(tally.cards.get('card')).toEqual({ passed: 0, failed: 0, pending: 1 });
  });

  it('fails a skill below the floor although the practical passed', () => {
    const tally = tallyExamOutcomes([
      facts({
        skillShares: new Map([
          ['s1', 0.1],
          ['s2', 1],
        ]),
      }),
    ]);
    expect(tally.skills.get('s1')).toMatchObject({ failed: 1 });
    expect(tally.cards.get('card')).toEqual({ passed: 0, failed: 1, pending: 0 });
  });

  it('counts cards apart', () => {
    const tally = tallyExamOutcomes([facts({}), facts({ cardId: 'other', examinedSkillIds: ['s1'] })]);
    expect([...tally.cards.keys()]).toEqual(['card', 'other']);
  });
});
