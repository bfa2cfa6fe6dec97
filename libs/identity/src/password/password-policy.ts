import { COMMON_PASSWORDS, COMMON_PASSWORD_STEMS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Why a password is refused, or an empty list. Length first (NIST SP 800-63B), then the
 * most common passwords and the person's own email and name, which guessers try first.
 */
export function passwordProblems(password: string, person: { email?: string; fullName?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const lower = password.toLocaleLowerCase();
  const stem = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORD_STEMS.has(stem) || COMMON_PASSWORD_STEMS.has(lower)) {
    problems.push('is one of the most common passwords');
  } else if (/^(.)\1+$/u.test(password) || /^\d+$/.test(password)) {
    problems.push('is too easy to guess');
  }
  const emailName = person.email?.split('@')[0]?.toLocaleLowerCase();
  if (emailName && emailName.length >= 4 && lower.includes(emailName)) problems.push('must not contain your email');
  const names = (person.fullName ?? '')
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((n) => n.length >= 4);
  if (names.some((n) => lower.includes(n))) problems.push('must not contain your name');
  return problems;
}
