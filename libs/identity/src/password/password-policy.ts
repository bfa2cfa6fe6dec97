import { FieldFault, fieldFault } from '@qualcert/shared';
import { COMMON_PASSWORDS, COMMON_PASSWORD_STEMS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Characters people put for letters ("P@ssw0rd"); each is read as the letter it stands for. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '3': 'e',
  '6': 'g',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
};

/**
 * Runs a guesser walks along: alphabets, digits and keyboard rows (Latin and the Russian/Kazakh
 * ЙЦУКЕН layout). A password whose stem is a piece of one, either way round, is refused.
 */
const SEQUENCES: readonly string[] = [
  'abcdefghijklmnopqrstuvwxyz',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  'абвгдежзийклмнопрстуфхцчшщъыьэюя',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'йцукенгшщзхъ',
  'фывапролджэ',
  'ячсмитьбю',
];
const MIN_SEQUENCE_LENGTH = 4;

/** Lower case, without the digits and symbols around it ("!!Qwerty123" is "qwerty"). */
function stemOf(lower: string): string {
  return lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/** The password with look-alike characters read as letters, and then its stem. */
function lookalikeStem(lower: string): string {
  // Digits at the ends are appended numbers, not letters: strip them before reading the rest.
  const inner = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, (edge) => edge.replace(/[^@$!+]/gu, ''));
  return stemOf([...inner].map((c) => LOOKALIKES[c] ?? c).join(''));
}

/**
 * True when the text is a shorter piece said again and again ("passwordpassword", "abcabcabca"),
 * the last time possibly cut short: every character equals the one a period before it, for a
 * period of at most half the length.
 */
export function isRepeatedPattern(text: string): boolean {
  const chars = [...text];
  for (let period = 1; period * 2 <= chars.length; period += 1) {
    if (chars.every((c, i) => i < period || c === chars[i - period])) return true;
  }
  return false;
}

/** True when the text (at least 4 characters) is a run of an alphabet, the digits or a keyboard row. */
export function isSequence(text: string): boolean {
  const chars = [...text];
  if (chars.length < MIN_SEQUENCE_LENGTH) return false;
  const reversed = chars.reverse().join('');
  return SEQUENCES.some((run) => run.includes(text) || run.includes(reversed));
}

const lettersOf = (text: string): string => text.replace(/[^\p{L}]+/gu, '');

const isCommon = (word: string): boolean => COMMON_PASSWORD_STEMS.has(word) || COMMON_PASSWORDS.has(word);

/**
 * Why a password is refused, or an empty list. Length first (NIST SP 800-63B), then what
 * guessers try first: the most common passwords and keyboard or dictionary words, also with
 * look-alike characters and digits or symbols around them ("P@ssw0rd12"); a short piece repeated
 * ("Парольпароль", "abcabcabca"); runs of a keyboard row or the alphabet; and the person's own
 * email and name.
 */
export function passwordProblems(password: string, person: { email?: string; fullName?: string } = {}): FieldFault[] {
  const problems: FieldFault[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(fieldFault('field:password:short', { min: PASSWORD_MIN_LENGTH }));
  if (length > PASSWORD_MAX_LENGTH) problems.push(fieldFault('field:password:long', { max: PASSWORD_MAX_LENGTH }));
  const lower = password.toLocaleLowerCase();
  const stems = [stemOf(lower), lookalikeStem(lower)];
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORD_STEMS.has(lower) || stems.some(isCommon)) {
    problems.push(fieldFault('field:password:common'));
  } else if (/^\d+$/.test(password)) {
    problems.push(fieldFault('field:password:digits'));
  } else if ([lower, ...stems, ...stems.map(lettersOf)].some((s) => s.length > 0 && isRepeatedPattern(s))) {
    problems.push(fieldFault('field:password:pattern'));
  } else if (stems.some(isCommonWords)) {
    problems.push(fieldFault('field:password:words'));
  } else if ([lower, ...stems].some(isSequence)) {
    problems.push(fieldFault('field:password:sequence'));
  }
  const emailName = person.email?.split('@')[0]?.toLocaleLowerCase();
  if (emailName && emailName.length >= 4 && lower.includes(emailName))
    problems.push(fieldFault('field:password:email'));
  const names = (person.fullName ?? '')
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((n) => n.length >= 4);
  if (names.some((n) => lower.includes(n))) problems.push(fieldFault('field:password:name'));
  return problems;
}

/**
 * True when the letters of the stem are common words and nothing else ("qwertyпароль",
 * "password-admin"): each piece between separators, or the whole, split into known words.
 */
function isCommonWords(stem: string): boolean {
  const letters = lettersOf(stem);
  if (letters.length === 0) return false;
  const splits = (text: string): boolean => {
    if (text.length === 0) return true;
    for (let end = text.length; end >= 3; end -= 1) {
      if (COMMON_PASSWORD_STEMS.has(text.slice(0, end)) && splits(text.slice(end))) return true;
    }
    return false;
  };
  return splits(letters);
}
