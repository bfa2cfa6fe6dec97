import { DomainException } from '@qualcert/shared';
import { AssembledItem, assembleTest, BankQuestion, drawShuffled, RandomSource, seededRandom } from './test-assembly';
import { thrown, inEnglish } from '@qualcert/shared/testing';

function question(skillId: string, index: number, options = 4): BankQuestion {
  return {
    questionVersionId: `${skillId}-q${index}`,
    skillId,
    optionIds: Array.from({ length: options }, (_, option) => `${skillId}-q${index}-o${option}`),
  };
}

function bankOf(sizes: Record<string, number>): BankQuestion[] {
  return Object.entries(sizes).flatMap(([skillId, size]) =>
    Array.from({ length: size }, (_, index) => question(skillId, index)),
  );
}

function itemsOf(result: ReturnType<typeof assembleTest>): AssembledItem[] {
  if (!result.ok) throw new Error(`expected a test, got short skills ${JSON.stringify(result.short)}`);
  return result.items;
}

/** A source that replays the given values, to pin down which draw picks what. */
function scripted(values: number[]): RandomSource {
  let next = 0;
  return () => {
    if (next >= values.length) throw new Error('the script ran out of values');
    return values[next++];
  };
}

describe('seededRandom', () => {
  it('replays the same sequence for the same seed', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const a = Array.from({ length: 20 }, () => first());
    const b = Array.from({ length: 20 }, () => second());
    expect(a).toEqual(b);
  });

  it('gives different sequences for different seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    expect(Array.from({ length: 5 }, () => a())).not.toEqual(Array.from({ length: 5 }, () => b()));
  });

  it('stays in [0, 1) and spreads over the interval', () => {
    const random = seededRandom(7);
    const buckets = new Array<number>(10).fill(0);
    const draws = 20_000;
    let lowest = 1;
    let highest = 0;
    for (let i = 0; i < draws; i += 1) {
      const value = random();
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
      buckets[Math.floor(value * 10)] += 1;
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThan(1);
    for (const count of buckets) {
      expect(count).toBeGreaterThan(draws / 10 - 300);
      expect(count).toBeLessThan(draws / 10 + 300);
    }
  });

  it('accepts any number as a seed, including negative and fractional ones', () => {
    for (const seed of [0, -1, 2 ** 40, 3.7]) {
      const value = seededRandom(seed)();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('drawShuffled', () => {
  it('follows Fisher–Yates: each draw picks among the elements not yet placed', () => {
    // 0.99 of 4 → d first; 0 of the 3 left → b stays; 0.5 of the 2 left → a before c; c is last.
    const random = jest.fn(scripted([0.99, 0, 0.5, 0]));
    expect(drawShuffled(['a', 'b', 'c', 'd'], random)).toEqual(['d', 'b', 'a', 'c']);
    expect(random).toHaveBeenCalledTimes(4);
  });

  it('draws only as many as asked, consuming one number each', () => {
    const random = scripted([0.5]);
    expect(drawShuffled(['a', 'b', 'c', 'd'], random, 1)).toEqual(['c']);
  });

  it('caps the count at the number of elements and ignores a negative count', () => {
    expect(drawShuffled(['a'], seededRandom(1), 5)).toEqual(['a']);
    expect(drawShuffled(['a', 'b'], seededRandom(1), -1)).toEqual([]);
  });

  it('leaves its input unchanged', () => {
    const items = ['a', 'b', 'c'];
    drawShuffled(items, seededRandom(3));
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it.each([1, -0.1, Number.NaN, 1.5])('refuses a random source returning %p', (value) => {
    expect(() => drawShuffled(['a', 'b'], () => value)).toThrow(RangeError);
  });

  it('makes every order of three elements about equally likely', () => {
    const random = seededRandom(11);
    const counts = new Map<string, number>();
    const runs = 60_000;
    for (let i = 0; i < runs; i += 1) {
      const order = drawShuffled(['a', 'b', 'c'], random).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) {
      expect(Math.abs(count - runs / 6)).toBeLessThan(runs / 6 / 10);
    }
  });
});

describe('assembleTest', () => {
  const skills = ['s1', 's2', 's3'];
  const bank = bankOf({ s1: 6, s2: 3, s3: 10, other: 5 });

  it('draws perSkill questions for each skill, grouped by skill in the given order', () => {
    const items = itemsOf(assembleTest(bank, skills, 3, seededRandom(1)));
    expect(items).toHaveLength(9);
    expect(items.map((item) => item.skillId)).toEqual(['s1', 's1', 's1', 's2', 's2', 's2', 's3', 's3', 's3']);
  });

  it('follows the order of the skills given, not of the bank', () => {
    const items = itemsOf(assembleTest(bank, ['s3', 's1'], 1, seededRandom(1)));
    expect(items.map((item) => item.skillId)).toEqual(['s3', 's1']);
  });

  it('draws only questions of the skill, all distinct', () => {
    const items = itemsOf(assembleTest(bank, skills, 3, seededRandom(5)));
    for (const item of items) expect(item.questionVersionId.startsWith(`${item.skillId}-`)).toBe(true);
    expect(new Set(items.map((item) => item.questionVersionId)).size).toBe(items.length);
  });

  it('ignores skills of the bank that are not asked for', () => {
    const items = itemsOf(assembleTest(bank, skills, 2, seededRandom(5)));
    expect(items.some((item) => item.skillId === 'other')).toBe(false);
  });

  it('keeps every option of each question, in some order', () => {
    const items = itemsOf(assembleTest(bank, skills, 3, seededRandom(9)));
    const byVersion = new Map(bank.map((entry) => [entry.questionVersionId, entry]));
    for (const item of items) {
      const original = byVersion.get(item.questionVersionId);
      expect([...item.optionOrder].sort()).toEqual([...(original?.optionIds ?? [])].sort());
    }
  });

  it('shuffles the options of each item independently', () => {
    const items = itemsOf(assembleTest(bankOf({ s1: 30 }), ['s1'], 30, seededRandom(4)));
    const positions = new Set(items.map((item) => item.optionOrder.map((option) => option.slice(-2)).join(',')));
    expect(positions.size).toBeGreaterThan(1);
  });

  it('handles questions with no option or a single option', () => {
    const custom: BankQuestion[] = [
      { questionVersionId: 'a', skillId: 's', optionIds: [] },
      { questionVersionId: 'b', skillId: 's', optionIds: ['only'] },
    ];
    const items = itemsOf(assembleTest(custom, ['s'], 2, seededRandom(2)));
    expect(items.map((item) => item.optionOrder).sort((x, y) => x.length - y.length)).toEqual([[], ['only']]);
  });

  it('takes every question when the skill has exactly perSkill of them', () => {
    const items = itemsOf(assembleTest(bank, ['s2'], 3, seededRandom(8)));
    expect(items.map((item) => item.questionVersionId).sort()).toEqual(['s2-q0', 's2-q1', 's2-q2']);
  });

  it('is deterministic for a seed and varies across seeds', () => {
    const first = assembleTest(bank, skills, 3, seededRandom(123));
    const again = assembleTest(bank, skills, 3, seededRandom(123));
    expect(again).toEqual(first);
    const others = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(assembleTest(bank, skills, 3, seededRandom(seed))));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('consumes the draws in the documented order: questions of a skill, then their options', () => {
    const small: BankQuestion[] = [
      { questionVersionId: 'q1', skillId: 's', optionIds: ['a', 'b'] },
      { questionVersionId: 'q2', skillId: 's', optionIds: ['c', 'd'] },
      { questionVersionId: 'q3', skillId: 't', optionIds: ['e', 'f'] },
    ];
    // s: 0.5 of 2 → q2; q2's options: 0.9 of 2 → swap, then the last one stays (0).
    // t: 0.7 of 1 → its only question; its options: 0.1 of 2 → keep, then the last one stays (0).
    const random = jest.fn(scripted([0.5, 0.9, 0, 0.7, 0.1, 0]));
    expect(itemsOf(assembleTest(small, ['s', 't'], 1, random))).toEqual([
      { questionVersionId: 'q2', skillId: 's', optionOrder: ['d', 'c'] },
      { questionVersionId: 'q3', skillId: 't', optionOrder: ['e', 'f'] },
    ]);
    expect(random).toHaveBeenCalledTimes(6);
  });

  it('picks every question of a skill about equally often over many tests', () => {
    const random = seededRandom(2025);
    const pool = bankOf({ s1: 5 });
    const picks = new Map<string, number>();
    const tests = 10_000;
    for (let i = 0; i < tests; i += 1) {
      for (const item of itemsOf(assembleTest(pool, ['s1'], 2, random))) {
        picks.set(item.questionVersionId, (picks.get(item.questionVersionId) ?? 0) + 1);
      }
    }
    // Each of 5 questions is in a 2-of-5 draw with probability 2/5.
    const expected = (tests * 2) / 5;
    expect(picks.size).toBe(5);
    for (const count of picks.values()) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.05);
  });

  it('puts every option first about equally often', () => {
    const random = seededRandom(77);
    const pool = bankOf({ s1: 1 });
    const first = new Map<string, number>();
    const tests = 8_000;
    for (let i = 0; i < tests; i += 1) {
      const [item] = itemsOf(assembleTest(pool, ['s1'], 1, random));
      first.set(item.optionOrder[0], (first.get(item.optionOrder[0]) ?? 0) + 1);
    }
    expect(first.size).toBe(4);
    for (const count of first.values()) expect(Math.abs(count - tests / 4)).toBeLessThan((tests / 4) * 0.1);
  });

  describe('short skills', () => {
    it('names a skill with fewer questions than needed', () => {
      expect(assembleTest(bank, skills, 4, seededRandom(1))).toEqual({
        ok: false,
        short: [{ skillId: 's2', available: 3, needed: 4 }],
      });
    });

    it('names every short skill, in the order given, including one with no question', () => {
      expect(assembleTest(bank, ['missing', 's1', 's2', 's3'], 7, seededRandom(1))).toEqual({
        ok: false,
        short: [
          { skillId: 'missing', available: 0, needed: 7 },
          { skillId: 's1', available: 6, needed: 7 },
          { skillId: 's2', available: 3, needed: 7 },
        ],
      });
    });

    it('does not draw anything when a skill is short', () => {
      const random = jest.fn(seededRandom(1));
      assembleTest(bank, skills, 4, random);
      expect(random).not.toHaveBeenCalled();
    });

    it('counts a question version listed twice in the bank once', () => {
      const doubled = [...bankOf({ s1: 2 }), question('s1', 0)];
      expect(assembleTest(doubled, ['s1'], 3, seededRandom(1))).toEqual({
        ok: false,
        short: [{ skillId: 's1', available: 2, needed: 3 }],
      });
      const items = itemsOf(assembleTest(doubled, ['s1'], 2, seededRandom(1)));
      expect(items.map((item) => item.questionVersionId).sort()).toEqual(['s1-q0', 's1-q1']);
    });

    it('reports a skill asked for twice once, and examines it once', () => {
      expect(assembleTest(bank, ['s2', 's2'], 4, seededRandom(1))).toEqual({
        ok: false,
        short: [{ skillId: 's2', available: 3, needed: 4 }],
      });
      expect(itemsOf(assembleTest(bank, ['s2', 's2'], 3, seededRandom(1)))).toHaveLength(3);
    });
  });

  it('returns an empty test for no skills', () => {
    expect(assembleTest(bank, [], 3, seededRandom(1))).toEqual({ ok: true, items: [] });
  });

  it.each([0, -1, 1.5, Number.NaN])('throws VALIDATION_FAILED for perSkill %p', (perSkill) => {
    const error: unknown = thrown(() => assembleTest(bank, skills, perSkill, seededRandom(1)));
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe('VALIDATION_FAILED');
    expect(inEnglish((error as DomainException).details)).toEqual({
      fields: [{ field: 'perSkill', messages: ['perSkill must be a whole number of at least 1'] }],
    });
  });

  it('leaves the bank and the skill list unchanged', () => {
    const givenBank = structuredClone(bank);
    const givenSkills = [...skills];
    assembleTest(givenBank, givenSkills, 3, seededRandom(1));
    expect(givenBank).toEqual(bank);
    expect(givenSkills).toEqual(skills);
  });
});
