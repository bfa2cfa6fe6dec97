import { createValidationPipe } from '@qualcert/shared';
import { SaveAnswerDto, saveAnswerFastCheck } from './sessions.dto';

const classValidatorPath = createValidationPipe({ fastChecks: false });
const throughClassValidator = (value: unknown) =>
  classValidatorPath.transform(value, { type: 'body', metatype: SaveAnswerDto, data: '' }).then(
    (dto: unknown) => ({ dto }),
    (error: unknown) => ({ error }),
  );

const ids = (n: number, length = 4) => Array.from({ length: n }, (_, i) => String(i).padStart(length, 'x'));

// Well-formed bodies, each bound and just past it, wrong types and shapes, hostile keys.
const BODIES: unknown[] = [
  { optionIds: [] },
  { optionIds: ['a'] },
  { optionIds: ['B', 'A', 'B'] },
  { optionIds: ids(8) },
  { optionIds: ids(9) },
  { optionIds: ids(1, 32) },
  { optionIds: ids(1, 33) },
  { optionIds: ['😀'.repeat(16)] },
  { optionIds: ['😀'.repeat(17)] },
  { optionIds: [1] },
  { optionIds: [null] },
  { optionIds: [['a']] },
  { optionIds: [{ id: 'a' }] },
  { optionIds: 'a' },
  { optionIds: null },
  { optionIds: {} },
  {},
  { optionIds: [], extra: 1 },
  { optionIds: [], optionids: [] },
  JSON.parse('{"__proto__": {"x": 1}, "optionIds": ["a"]}'),
  JSON.parse('{"constructor": {"prototype": {}}, "optionIds": ["a"]}'),
  Object.assign(Object.create(null) as object, { optionIds: ['a'] }),
  null,
  undefined,
  [],
  [{ optionIds: [] }],
  'optionIds',
  42,
];

describe('the answer save body fast check', () => {
  it.each(BODIES.map((body) => [JSON.stringify(body) ?? String(body), body]))(
    'accepts %s only when class-validator accepts it, with the same DTO',
    async (_name, body) => {
      const fast = saveAnswerFastCheck(body);
      const slow = await throughClassValidator(body);
      if (fast === undefined) return;
      expect(slow).toEqual({ dto: fast });
      expect(fast).toBeInstanceOf(SaveAnswerDto);
    },
  );

  it('takes every well-formed body itself, up to both bounds', () => {
    for (const optionIds of [[], ['a'], ['B', 'A', 'B'], ids(8), ids(1, 32)])
      expect(saveAnswerFastCheck({ optionIds })).toEqual(Object.assign(new SaveAnswerDto(), { optionIds }));
  });

  it('gives a copy of the list, not the body’s own', () => {
    const optionIds = ['a'];
    expect(saveAnswerFastCheck({ optionIds })?.optionIds).not.toBe(optionIds);
  });
});
