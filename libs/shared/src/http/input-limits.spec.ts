import { inEnglish } from '../messages/in-english.spec-support';
import { exceedsDepth, nulCharacterFields } from './input-limits';

const nested = (depth: number, kind: 'object' | 'array'): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = kind === 'object' ? { a: value } : [value];
  return value;
};

const english = (...args: Parameters<typeof nulCharacterFields>) => inEnglish(nulCharacterFields(...args));

describe('exceedsDepth', () => {
  it.each([
    ['a string', 'x', 0, false],
    ['null', null, 0, false],
    ['an empty object', {}, 0, true],
    ['an empty object', {}, 1, false],
    ['32 levels of objects', nested(32, 'object'), 32, false],
    ['33 levels of objects', nested(33, 'object'), 32, true],
    ['32 levels of arrays', nested(32, 'array'), 32, false],
    ['33 levels of arrays', nested(33, 'array'), 32, true],
    ['a deep branch beside shallow ones', { a: 1, b: [1, 2], c: nested(40, 'object') }, 32, true],
    ['wide but shallow', { list: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, 32, false],
  ])('%s, limit %#', (_label, value, max, expected) => {
    expect(exceedsDepth(value, max)).toBe(expected);
  });

  it('measures twenty thousand levels without overflowing the stack', () => {
    expect(exceedsDepth(nested(20_000, 'object'), 32)).toBe(true);
    expect(exceedsDepth(nested(20_000, 'array'), 20_000)).toBe(false);
  });
});

describe('nulCharacterFields', () => {
  it('names every field whose text holds a NUL, nested ones by their path', () => {
    expect(
      english({
        name: 'ok',
        text: 'a\u0000b',
        items: [{ note: 'fine' }, { note: '\u0000' }],
        deep: { deeper: { value: 'x\u0000' } },
        count: 3,
        empty: null,
      }),
    ).toEqual([
      { field: 'deep.deeper.value', messages: ['must not contain NUL characters'] },
      { field: 'items.1.note', messages: ['must not contain NUL characters'] },
      { field: 'text', messages: ['must not contain NUL characters'] },
    ]);
  });

  it('names a query or route parameter by its own name, and a bare body as "body"', () => {
    expect(english('a\u0000', 'search')).toEqual([{ field: 'search', messages: ['must not contain NUL characters'] }]);
    expect(english('\u0000')).toEqual([{ field: 'body', messages: ['must not contain NUL characters'] }]);
  });

  it('refuses a NUL in a field name, naming the object that holds it', () => {
    expect(english({ outer: { 'k\u0000': 1 } })).toEqual([
      { field: 'outer', messages: ['must not have a field name with a NUL character'] },
    ]);
  });

  it('finds nothing in clean input, whatever its shape', () => {
    expect(english({ a: ['x', 1, true, null, { b: 'Қазақ тілі' }] })).toEqual([]);
    expect(english(undefined)).toEqual([]);
  });
});
