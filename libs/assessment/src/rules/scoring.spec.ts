import {
  isAnswerCorrect,
  oneWrongAnswerFailsSkill,
  ScoredItem,
  scoreTest,
  SHARE_DECIMALS,
  shareOf,
  theoryOutcome,
} from './scoring';

function single(answer: string[] | null, key: string[] = ['a'], skillId = 's1'): ScoredItem {
  return { skillId, type: 'single', correctOptionIds: key, answerOptionIds: answer };
}

function multiple(answer: string[] | null, key: string[] = ['a', 'c'], skillId = 's1'): ScoredItem {
  return { skillId, type: 'multiple', correctOptionIds: key, answerOptionIds: answer };
}

describe('isAnswerCorrect', () => {
  describe('single choice', () => {
    it('is correct when exactly the one correct option is chosen', () => {
      expect(isAnswerCorrect(single(['a']))).toBe(true);
    });

    it('ignores the same option chosen twice', () => {
      expect(isAnswerCorrect(single(['a', 'a']))).toBe(true);
    });

    it.each([
      ['another option', ['b']],
      ['the correct option and another', ['a', 'b']],
      ['another option and the correct one', ['b', 'a']],
      ['no option', []],
    ])('is wrong for %s', (_, answer) => {
      expect(isAnswerCorrect(single(answer))).toBe(false);
    });

    it('is wrong when unanswered', () => {
      expect(isAnswerCorrect(single(null))).toBe(false);
    });

    it('cannot be answered correctly when the key does not name exactly one option', () => {
      expect(isAnswerCorrect(single(['a'], ['a', 'b']))).toBe(false);
      expect(isAnswerCorrect(single(['a', 'b'], ['a', 'b']))).toBe(false);
      expect(isAnswerCorrect(single(['a'], []))).toBe(false);
    });

    it('accepts a key that repeats its one option', () => {
      expect(isAnswerCorrect(single(['a'], ['a', 'a']))).toBe(true);
    });
  });

  describe('multiple choice', () => {
    it.each([
      ['the exact set', ['a', 'c']],
      ['the exact set in another order', ['c', 'a']],
      ['the exact set with a repeat', ['a', 'c', 'a']],
    ])('is correct for %s', (_, answer) => {
      expect(isAnswerCorrect(multiple(answer))).toBe(true);
    });

    it.each([
      ['a subset (no partial credit)', ['a']],
      ['a superset', ['a', 'b', 'c']],
      ['every option', ['a', 'b', 'c', 'd']],
      ['a set of the same size but different', ['a', 'b']],
      ['the wrong options only', ['b', 'd']],
      ['a repeat standing in for a missing option', ['a', 'a']],
      ['no option', []],
    ])('is wrong for %s', (_, answer) => {
      expect(isAnswerCorrect(multiple(answer))).toBe(false);
    });

    it('is wrong when unanswered', () => {
      expect(isAnswerCorrect(multiple(null))).toBe(false);
    });

    it('is correct for a one-option key when that option alone is chosen', () => {
      expect(isAnswerCorrect(multiple(['b'], ['b']))).toBe(true);
    });

    it('cannot be answered correctly when the key is empty', () => {
      expect(isAnswerCorrect(multiple([], []))).toBe(false);
      expect(isAnswerCorrect(multiple(['a'], []))).toBe(false);
    });
  });
});

describe('shareOf', () => {
  it.each([
    [0, 10, 0],
    [10, 10, 1],
    [7, 10, 0.7],
    [2, 3, 0.6667],
    [1, 3, 0.3333],
    [1, 8, 0.125],
    [1, 7, 0.1429],
    [139, 199, 0.6985],
  ])('%i of %i is %d', (correct, total, share) => {
    expect(shareOf(correct, total)).toBe(share);
  });

  it('rounds to SHARE_DECIMALS places, half up', () => {
    expect(SHARE_DECIMALS).toBe(4);
    expect(shareOf(1, 20_000)).toBe(0.0001);
    expect(shareOf(1, 20_001)).toBe(0);
    expect(shareOf(3, 20_000)).toBe(0.0002);
  });

  it('is 0 when there is nothing to score', () => {
    expect(shareOf(0, 0)).toBe(0);
  });

  it('gives a whole number of tenths exactly, never a hair below it', () => {
    const shares: number[] = [];
    const expected: number[] = [];
    for (let tenths = 0; tenths <= 10; tenths += 1) {
      for (let scale = 1; scale <= 20; scale += 1) {
        shares.push(shareOf(tenths * scale, 10 * scale));
        expected.push(tenths / 10);
      }
    }
    expect(shares).toEqual(expected);
  });
});

describe('scoreTest', () => {
  it('scores an empty test as nothing of nothing', () => {
    expect(scoreTest([])).toEqual({ perSkill: [], overall: { correct: 0, total: 0, share: 0 } });
  });

  it('counts per skill and overall', () => {
    const items: ScoredItem[] = [
      single(['a'], ['a'], 's1'),
      single(['b'], ['a'], 's1'),
      multiple(['a', 'c'], ['a', 'c'], 's1'),
      multiple(['a'], ['a', 'c'], 's2'),
      single(null, ['a'], 's2'),
      single(['x'], ['x'], 's3'),
    ];
    expect(scoreTest(items)).toEqual({
      perSkill: [
        { skillId: 's1', correct: 2, total: 3, share: 0.6667 },
        { skillId: 's2', correct: 0, total: 2, share: 0 },
        { skillId: 's3', correct: 1, total: 1, share: 1 },
      ],
      overall: { correct: 3, total: 6, share: 0.5 },
    });
  });

  it('lists skills in the order they first appear, even when their items are interleaved', () => {
    const items = [
      single(['a'], ['a'], 'b-skill'),
      single(['a'], ['a'], 'a-skill'),
      single(['b'], ['a'], 'b-skill'),
      single(['a'], ['a'], 'c-skill'),
      single(['a'], ['a'], 'a-skill'),
    ];
    const score = scoreTest(items);
    expect(score.perSkill.map((skill) => skill.skillId)).toEqual(['b-skill', 'a-skill', 'c-skill']);
    expect(score.perSkill.map((skill) => [skill.correct, skill.total])).toEqual([
      [1, 2],
      [2, 2],
      [1, 1],
    ]);
  });

  it('computes the overall share from the counts, not by averaging the skills', () => {
    const items = [
      single(['a'], ['a'], 's1'),
      single(['a'], ['a'], 's2'),
      single(['b'], ['a'], 's2'),
      single(['b'], ['a'], 's2'),
    ];
    // Averaging the shares would give (1 + 1/3) / 2 = 0.6667.
    expect(scoreTest(items).overall).toEqual({ correct: 2, total: 4, share: 0.5 });
  });

  it('gives 0.7 exactly for 7 of 10, so a 70 % pass mark is met', () => {
    const items = Array.from({ length: 10 }, (_, index) => single(index < 7 ? ['a'] : null));
    expect(scoreTest(items).perSkill[0]).toEqual({ skillId: 's1', correct: 7, total: 10, share: 0.7 });
  });

  it('scores a fully unanswered test as 0', () => {
    const items = [single(null), multiple(null)];
    expect(scoreTest(items).overall).toEqual({ correct: 0, total: 2, share: 0 });
  });

  it('does not change its input', () => {
    const items = [multiple(['c', 'a', 'a'])];
    const copy = structuredClone(items);
    scoreTest(items);
    expect(items).toEqual(copy);
  });
});

describe('theoryOutcome', () => {
  const at = (skillShare: number | null, overallShare: number | null, passMark = 0.7, skillFloor = 0.5) =>
    theoryOutcome({ skillShare, overallShare, passMark, skillFloor });

  it('meets a skill with 2 of 3 right when the whole test reaches the pass mark', () => {
    expect(at(shareOf(2, 3), shareOf(22, 24))).toEqual({ met: true, overallPassed: true, skillReachedFloor: true });
  });

  it('does not meet the same skill when the whole test misses the pass mark', () => {
    expect(at(shareOf(2, 3), shareOf(16, 24))).toEqual({ met: false, overallPassed: false, skillReachedFloor: true });
  });

  it('does not meet a skill under the floor, however good the test', () => {
    expect(at(shareOf(1, 3), shareOf(23, 24))).toEqual({ met: false, overallPassed: true, skillReachedFloor: false });
  });

  it('fails both when both are missed', () => {
    expect(at(0, 0.2)).toEqual({ met: false, overallPassed: false, skillReachedFloor: false });
  });

  it('reaches each mark exactly', () => {
    expect(at(0.5, 0.7).met).toBe(true);
    expect(at(0.4999, 0.7).met).toBe(false);
    expect(at(0.5, 0.6999).met).toBe(false);
  });

  it('with 7 of 10 overall meets a 70 % pass mark exactly (no float drift)', () => {
    expect(at(shareOf(1, 2), shareOf(7, 10)).met).toBe(true);
  });

  it.each([
    [null, 0.8],
    [0.8, null],
    [null, null],
  ])('is unknown (null) until the test is scored: skill %s, overall %s', (skill, overall) => {
    expect(at(skill, overall)).toEqual({ met: null, overallPassed: null, skillReachedFloor: null });
  });
});

describe('oneWrongAnswerFailsSkill', () => {
  it.each<[number, number, boolean]>([
    // questions per skill, floor %, does one slip fail the skill?
    [3, 70, true], // the old per-skill 70 %: 2 of 3 = 66.67 % fails
    [3, 50, false], // the default: 2 of 3 passes
    [2, 50, false], // 1 of 2 = 50 % reaches the floor
    [2, 51, true],
    [1, 0, false], // a single question: only a floor of 0 forgives the slip
    [1, 1, true],
    [1, 50, true],
    [4, 75, false],
    [4, 76, true],
    [10, 90, false],
    [10, 91, true],
    [5, 100, true],
  ])('%i questions, floor %i %%: %s', (questions, floor, fails) => {
    expect(oneWrongAnswerFailsSkill(questions, floor)).toBe(fails);
  });

  it('3 questions and a 67 % floor: 2 of 3 (66.67 %) is below the floor, so one slip fails', () => {
    expect(oneWrongAnswerFailsSkill(3, 67)).toBe(true);
  });
});
