/**
 * Kazakhstan's ИИН (individual identification number, DOMAIN.md §7): 12 digits,
 *
 *   YY MM DD C SSSS K
 *
 * YYMMDD the birth date, C the century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd male,
 * even female), SSSS a serial, K the check digit.
 *
 * An ИИН is personal data: no message below repeats the number or the dates read from it, so a
 * result may be logged or returned to a client without leaking it. Masking for display is
 * maskIin in '@qualcert/shared'.
 *
 * Input is not normalised: a number with spaces or other characters is refused rather than
 * cleaned, so that whatever is stored is the one canonical form; trimming user input is the DTO's
 * job.
 */

export type IinSex = 'male' | 'female';

export type IinProblem =
  'NOT_12_DIGITS' | 'BAD_CENTURY_DIGIT' | 'BAD_BIRTH_DATE' | 'BAD_CHECK_DIGIT' | 'BIRTH_DATE_MISMATCH' | 'SEX_MISMATCH';

export type IinCheck =
  { valid: true; birthDate: string; sex: IinSex } | { valid: false; code: IinProblem; message: string };

export interface IinPerson {
  /** YYYY-MM-DD */
  birthDate?: string;
  sex?: IinSex;
}

export interface IinOptions {
  /**
   * Today as YYYY-MM-DD, the latest birth date accepted. Defaults to today's date in Kazakhstan
   * (UTC+5), where the numbers are issued: a child born this morning in Almaty must not be refused
   * because UTC is still on yesterday.
   */
  today?: string;
}

const CENTURIES: Record<string, { century: number; sex: IinSex }> = {
  '1': { century: 1800, sex: 'male' },
  '2': { century: 1800, sex: 'female' },
  '3': { century: 1900, sex: 'male' },
  '4': { century: 1900, sex: 'female' },
  '5': { century: 2000, sex: 'male' },
  '6': { century: 2000, sex: 'female' },
};

/** Applied when the plain weights 1..11 give 10, which is not a digit. */
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

const KAZAKHSTAN_UTC_OFFSET_MS = 5 * 60 * 60 * 1000;

function failure(code: IinProblem, message: string): IinCheck {
  return { valid: false, code, message };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** YYYY-MM-DD of a real calendar date, or null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const date = new Date(Date.UTC(2000, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setting the year separately keeps it as given.
  date.setUTCFullYear(year);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parseIsoDate(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function kazakhstanToday(): string {
  return new Date(Date.now() + KAZAKHSTAN_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The check digit for the first 11 digits, or null when none exists (both weightings give 10):
 * such a number is never issued.
 */
export function iinCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('iinCheckDigit needs exactly 11 digits');
  const digits = [...first11].map(Number);
  const first = digits.reduce((sum, digit, i) => sum + digit * (i + 1), 0) % 11;
  if (first !== 10) return first;
  const second = digits.reduce((sum, digit, i) => sum + digit * SECOND_WEIGHTS[i], 0) % 11;
  return second === 10 ? null : second;
}

/**
 * Checks the number's form, the birth date and sex it encodes, and its check digit, then compares
 * them with what the person stated. Problems are reported in that order, so that a mistyped
 * number reads as a bad number rather than as a mismatch with the person.
 */
export function validateIin(iin: string, person?: IinPerson, options?: IinOptions): IinCheck {
  if (typeof iin !== 'string' || !/^\d{12}$/.test(iin)) {
    return failure('NOT_12_DIGITS', 'The IIN must be exactly 12 digits, with no spaces or other characters.');
  }

  const encoded = CENTURIES[iin[6]];
  if (encoded === undefined) {
    return failure(
      'BAD_CENTURY_DIGIT',
      'The 7th digit of the IIN must be 1 to 6 (century of birth and sex); it is not.',
    );
  }

  const birthDate = isoDate(
    encoded.century + Number(iin.slice(0, 2)),
    Number(iin.slice(2, 4)),
    Number(iin.slice(4, 6)),
  );
  if (birthDate === null) {
    return failure('BAD_BIRTH_DATE', 'The first six digits of the IIN (YYMMDD) are not a real date of birth.');
  }
  const today = options?.today !== undefined ? parseIsoDate(options.today) : kazakhstanToday();
  if (today === null) throw new RangeError('validateIin: options.today must be a real date as YYYY-MM-DD');
  // ISO dates of four-digit years compare correctly as strings.
  if (birthDate > today) {
    return failure('BAD_BIRTH_DATE', 'The date of birth encoded in the IIN is in the future.');
  }

  const check = iinCheckDigit(iin.slice(0, 11));
  if (check === null || check !== Number(iin[11])) {
    return failure('BAD_CHECK_DIGIT', 'The IIN check digit is wrong: the number is mistyped or not a real IIN.');
  }

  if (person?.birthDate !== undefined && person.birthDate !== birthDate) {
    return failure(
      'BIRTH_DATE_MISMATCH',
      'The date of birth encoded in the IIN differs from the stated date of birth.',
    );
  }
  if (person?.sex !== undefined && person.sex !== encoded.sex) {
    return failure('SEX_MISMATCH', 'The sex encoded in the IIN (7th digit) differs from the stated sex.');
  }

  return { valid: true, birthDate, sex: encoded.sex };
}

/**
 * A valid ИИН for the given birth date and sex, for tests and demo data. Serials whose first 11
 * digits have no check digit are skipped, so the serial used may be higher than asked.
 */
export function makeIin(birthDate: string, sex: IinSex, serial = 1): string {
  const date = parseIsoDate(birthDate);
  if (date === null) throw new RangeError('makeIin: birthDate must be a real date as YYYY-MM-DD');
  const century = Math.floor(Number(date.slice(0, 4)) / 100) * 100;
  const centuryDigit = Object.keys(CENTURIES).find(
    (digit) => CENTURIES[digit].century === century && CENTURIES[digit].sex === sex,
  );
  if (centuryDigit === undefined) throw new RangeError('makeIin: an IIN encodes birth years 1800 to 2099 only');
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) {
    throw new RangeError('makeIin: serial must be an integer from 0 to 9999');
  }
  const prefix = `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${centuryDigit}`;
  for (let candidate = serial; candidate <= 9999; candidate += 1) {
    const first11 = `${prefix}${pad(candidate, 4)}`;
    const check = iinCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
  throw new RangeError('makeIin: no serial from the one given up to 9999 has a check digit');
}
