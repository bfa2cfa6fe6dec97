import { recognitionWarnings } from './recognition-warnings';

describe('recognitionWarnings', () => {
  it('warns that every skill is examined when no skill is recommended for recognition', () => {
    expect(recognitionWarnings([{ recognition: 'not_recommended' }, { recognition: 'not_recommended' }])).toEqual([
      {
        code: 'EVERY_SKILL_EXAMINED',
        params: {},
        message:
          'none of the skills to be assessed is recommended for recognition: on the recognition pathway every skill will be examined at an exam session',
      },
    ]);
  });

  it('says nothing when one skill may be credited on evidence', () => {
    expect(recognitionWarnings([{ recognition: 'not_recommended' }, { recognition: 'recommended' }])).toEqual([]);
  });

  it('warns for a card with no skills at all (nothing can be credited on evidence)', () => {
    expect(recognitionWarnings([])).toHaveLength(1);
  });
});
