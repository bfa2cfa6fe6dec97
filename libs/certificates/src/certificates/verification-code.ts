import { randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The verification code printed on a certificate beside its number (issue 17): the public
 * lookup needs both, so that sequential numbers cannot be walked. Ten characters of Crockford's
 * base32 (https://www.crockford.com/base32.html) carry 50 random bits: at the public rate limit
 * of 120 requests a minute from one address, finding one certificate's code would take millions of
 * years.
 */
export const VERIFICATION_CODE_LENGTH = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** A new code from the operating system's randomness. */
export function generateVerificationCode(): string {
  return Array.from({ length: VERIFICATION_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** As printed: two groups of five, `XXXXX-XXXXX`, easier to read aloud and to type. */
export function formatVerificationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A code as someone typed it, in its canonical form, or null when it cannot be one. Case is
 * ignored, and hyphens and spaces anywhere; as Crockford's decoding says, the letters a reader
 * takes for digits count as those digits (O as 0, I and L as 1). U and other characters are refused.
 */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(code) ? code : null;
}

/** Compares two canonical codes in time that does not depend on where they differ. */
export function verificationCodesMatch(stored: string, presented: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
