import {
  formatVerificationCode,
  generateVerificationCode,
  normaliseVerificationCode,
  verificationCodesMatch,
} from './verification-code';
import { certificateLookupPath, certificateVerificationUrl } from './verification-url';

describe('verification codes', () => {
  it('are ten characters of Crockford base32, without I, L, O and U', () => {
    for (let i = 0; i < 500; i += 1) expect(generateVerificationCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('are random: a thousand codes are a thousand different codes using the whole alphabet', () => {
    const codes = Array.from({ length: 1000 }, generateVerificationCode);
    expect(new Set(codes).size).toBe(1000);
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('are printed as two groups of five', () => {
    expect(formatVerificationCode('7K3QMZ9XA4')).toBe('7K3QM-Z9XA4');
  });

  it.each([
    ['7K3QMZ9XA4', '7K3QMZ9XA4'],
    ['7K3QM-Z9XA4', '7K3QMZ9XA4'],
    ['7k3qm-z9xa4', '7K3QMZ9XA4'],
    [' 7K3QM Z9XA4 ', '7K3QMZ9XA4'],
    ['7K3-QM-Z9-XA4', '7K3QMZ9XA4'],
    ['O0IILL1234', '0011111234'],
    ['oil12-34567', '0111234567'],
  ])('reads %j as %s', (typed, canonical) => {
    expect(normaliseVerificationCode(typed)).toBe(canonical);
  });

  it.each([
    ['', 'empty'],
    ['7K3QMZ9XA', 'nine characters'],
    ['7K3QMZ9XA45', 'eleven characters'],
    ['7K3QMZ9XAU', 'a U'],
    ['7K3QMZ9XA!', 'punctuation'],
    ['7K3QM_Z9XA4', 'an underscore'],
    ['7K3QMZ9XAЁ', 'a Cyrillic letter'],
    ['7K3QMZ9XA\u0000', 'a NUL byte'],
  ])('refuses %j (%s)', (typed) => {
    expect(normaliseVerificationCode(typed)).toBeNull();
  });

  it('matches only the same code', () => {
    expect(verificationCodesMatch('7K3QMZ9XA4', '7K3QMZ9XA4')).toBe(true);
    expect(verificationCodesMatch('7K3QMZ9XA4', '7K3QMZ9XA5')).toBe(false);
    expect(verificationCodesMatch('7K3QMZ9XA4', '7K3QMZ9XA')).toBe(false);
  });
});

describe('certificateVerificationUrl', () => {
  it('is the portal page naming the number and the code, whatever the base URL ends with', () => {
    expect(certificateVerificationUrl('https://qualcert.kz/', 'ALM-2026-000042', '7K3QMZ9XA4')).toBe(
      'https://qualcert.kz/verify/ALM-2026-000042?code=7K3QMZ9XA4',
    );
    expect(certificateVerificationUrl('https://qualcert.kz/base', 'ALM-2026-000042', '7K3QMZ9XA4')).toBe(
      'https://qualcert.kz/base/verify/ALM-2026-000042?code=7K3QMZ9XA4',
    );
  });

  it('has a JSON lookup for machines with the same number and code', () => {
    expect(certificateLookupPath('ALM-2026-000042', '7K3QMZ9XA4')).toBe(
      '/api/v1/public/certificates/ALM-2026-000042?code=7K3QMZ9XA4',
    );
  });
});
