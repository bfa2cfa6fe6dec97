import { createValidationPipe } from '@qualcert/shared';
import { VerifyCertificateQueryDto, verifyQueryFastCheck } from './certificates.controller';

const classValidatorPath = createValidationPipe({ fastChecks: false });
const throughClassValidator = (value: unknown) =>
  classValidatorPath.transform(value, { type: 'query', metatype: VerifyCertificateQueryDto, data: undefined }).then(
    (dto: unknown) => ({ dto }),
    (error: unknown) => ({ error }),
  );

/** A query as Fastify's parser gives it: an object without a prototype. */
const query = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as object, fields);

const QUERIES: unknown[] = [
  query({ code: '7K3QMZ9XA4' }),
  query({ code: '7k3qm-z9xa4' }),
  query({ code: ' 7K3QM Z9XA4 ' }),
  query({ code: 'OIL3QMZ9XA4'.slice(1) }),
  query({ code: 'OK3QMZ9XA4' }),
  query({ code: '7K3QMZ9XA' }),
  query({ code: '7K3QMZ9XA44' }),
  query({ code: '7K3QMZ9XAU' }),
  query({ code: '' }),
  query({ code: ['7K3QMZ9XA4', '7K3QMZ9XA4'] }),
  query({ code: '7K3QMZ9XA4', other: '1' }),
  query({ Code: '7K3QMZ9XA4' }),
  query({}),
  { code: '7K3QMZ9XA4' },
  { code: 7 },
  null,
  undefined,
];

describe('the verification query fast check', () => {
  it.each(QUERIES.map((q) => [JSON.stringify(q) ?? String(q), q]))(
    'accepts %s only when class-validator accepts it, with the same DTO',
    async (_name, q) => {
      const fast = verifyQueryFastCheck(q);
      const slow = await throughClassValidator(q);
      if (fast === undefined) return;
      expect(slow).toEqual({ dto: fast });
      expect(fast).toBeInstanceOf(VerifyCertificateQueryDto);
    },
  );

  it('takes every code that reads as a canonical one itself, normalised', () => {
    for (const code of ['7K3QMZ9XA4', '7k3qm-z9xa4', ' 7K3QM Z9XA4 ', 'OK3QMZ9XA4'])
      expect(verifyQueryFastCheck(query({ code }))?.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });
});
