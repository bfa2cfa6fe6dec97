import * as cv from 'class-validator';
import { FIELD_MESSAGES } from './field-messages';

describe('field messages', () => {
  // class-validator's names of the constraints the DTOs use: a message keyed by another spelling
  // would never be found, and the field would be answered in English.
  const constraints = [
    cv.IS_UUID,
    cv.IS_ISO8601,
    cv.IS_EMAIL,
    cv.IS_DATE,
    cv.IS_BOOLEAN,
    cv.IS_DEFINED,
    cv.MATCHES,
    cv.IS_IN,
    cv.IS_INT,
    cv.ARRAY_MIN_SIZE,
    cv.ARRAY_MAX_SIZE,
    cv.IS_ARRAY,
    cv.IS_STRING,
    cv.IS_NOT_EMPTY,
    cv.MIN_LENGTH,
    cv.MAX_LENGTH,
    cv.MIN,
    cv.MAX,
  ];

  it.each(constraints)('has a message for the %s constraint', (name) => {
    expect(FIELD_MESSAGES).toHaveProperty([`field:${name}`]);
  });

  it.each([cv.IS_UUID, cv.IS_STRING, cv.MIN_LENGTH, cv.MAX_LENGTH, cv.IS_INT, cv.MIN, cv.MAX])(
    'has a message for the %s constraint on each value of a list',
    (name) => {
      expect(FIELD_MESSAGES).toHaveProperty([`field:each:${name}`]);
    },
  );
});
