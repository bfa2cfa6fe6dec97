import { iinCheckDigit, makeIin, validateIin, type IinCheck } from './iin';

const TODAY = { today: '2025-06-30' };

function problem(check: IinCheck): string | null {
  return check.valid ? null : check.code;
}

describe('validateIin', () => {
  // Each check digit worked by hand: a1 = Σ d_i·i (i = 1..11) mod 11; when a1 is 10,
  // a2 = Σ d_i·w_i mod 11 with w = 3,4,5,6,7,8,9,10,11,1,2.
  describe('valid numbers', () => {
    it.each([
      // 9·1+0·2+0·3+5·4+1·5+5·6+3·7+0·8+0·9+0·10+1·11 = 96; 96 mod 11 = 8
      ['900515300018', '1990-05-15', 'male'],
      // 7+10+3+4+15+0+28+0+9+20+33 = 129; 129 mod 11 = 8
      ['751130401238', '1975-11-30', 'female'],
      // 1+0+0+4+0+6+35+0+0+0+11 = 57; 57 mod 11 = 2
      ['100101500012', '2010-01-01', 'male'],
      // 0+0+0+8+10+54+42+0+0+0+11 = 125; 125 mod 11 = 4 (29 February of a leap year)
      ['000229600014', '2000-02-29', 'female'],
      // 9+18+0+12+5+0+7+0+0+0+11 = 62; 62 mod 11 = 7
      ['990310100017', '1899-03-10', 'male'],
      // 8+10+0+28+10+0+14+0+0+0+33 = 103; 103 mod 11 = 4
      ['850720200034', '1885-07-20', 'female'],
      // a1: 0+10+3+8+0+6+42+0+0+40+22 = 131; 131 mod 11 = 10, so the second weights:
      // a2: 0·3+5·4+1·5+2·6+0·7+1·8+6·9+0·10+0·11+4·1+2·2 = 107; 107 mod 11 = 8
      ['051201600428', '2005-12-01', 'female'],
      // a1 = 175 mod 11 = 10; a2 = 140 mod 11 = 8
      ['900515300908', '1990-05-15', 'male'],
    ] as const)('%s: born %s, %s', (iin, birthDate, sex) => {
      expect(validateIin(iin, undefined, TODAY)).toEqual({ valid: true, birthDate, sex });
      expect(validateIin(iin, { birthDate, sex }, TODAY)).toEqual({ valid: true, birthDate, sex });
    });

    it('accepts a birth date of today', () => {
      expect(validateIin(makeIin('2025-06-30', 'female'), undefined, TODAY)).toMatchObject({
        valid: true,
        birthDate: '2025-06-30',
      });
    });

    it("defaults today to the current date, so yesterday's birth is accepted", () => {
      const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
      expect(validateIin(makeIin(yesterday, 'male')).valid).toBe(true);
    });

    it('compares only what the person states', () => {
      expect(validateIin('900515300018', {}, TODAY).valid).toBe(true);
      expect(validateIin('900515300018', { sex: 'male' }, TODAY).valid).toBe(true);
      expect(validateIin('900515300018', { birthDate: '1990-05-15' }, TODAY).valid).toBe(true);
    });
  });

  describe('NOT_12_DIGITS', () => {
    it.each([
      ['empty', ''],
      ['11 digits', '90051530001'],
      ['13 digits', '9005153000180'],
      ['a letter', '90051530001A'],
      ['a leading space', ' 900515300018'],
      ['a trailing space', '900515300018 '],
      ['a space inside', '900515 300018'],
      ['a trailing newline', '900515300018\n'],
      ['dashes', '900515-300018'],
      ['a sign', '+90051530001'],
      ['a decimal point', '90051530001.'],
      ['Arabic-Indic digits', '٩٠٠٥١٥٣٠٠٠١٨'],
      ['full-width digits', '９００５１５３０００１８'],
    ])('%s', (_label, iin) => {
      const sut = validateIin(iin, undefined, TODAY);
      expect(sut).toEqual({ valid: false, code: 'NOT_12_DIGITS', message: expect.stringContaining('12 digits') });
    });

    it('refuses a value that is not a string at run time', () => {
      expect(problem(validateIin(900515300018 as unknown as string, undefined, TODAY))).toBe('NOT_12_DIGITS');
    });
  });

  describe('BAD_CENTURY_DIGIT', () => {
    it.each(['0', '7', '8', '9'])('7th digit %s', (digit) => {
      expect(problem(validateIin(`900515${digit}00018`, undefined, TODAY))).toBe('BAD_CENTURY_DIGIT');
    });
  });

  describe('BAD_BIRTH_DATE', () => {
    it.each([
      ['month 00', '900015300018'],
      ['month 13', '901315300018'],
      ['day 00', '900500300018'],
      ['day 32', '900532300018'],
      ['31 April', '900431300018'],
      ['29 February 1990', '900229300018'],
      ['29 February 1900 (a century year, not leap)', '000229300018'],
      ['29 February 2023', '230229500018'],
    ])('%s', (_label, iin) => {
      const sut = validateIin(iin, undefined, TODAY);
      expect(sut).toEqual({ valid: false, code: 'BAD_BIRTH_DATE', message: expect.stringContaining('not a real') });
    });

    it('refuses a birth date in the future', () => {
      const tomorrow = makeIin('2025-07-01', 'male');
      expect(validateIin(tomorrow, undefined, TODAY)).toEqual({
        valid: false,
        code: 'BAD_BIRTH_DATE',
        message: expect.stringContaining('future'),
      });
      expect(validateIin(tomorrow, undefined, { today: '2025-07-01' }).valid).toBe(true);
    });

    it('refuses a 2000s date later this century', () => {
      expect(problem(validateIin(makeIin('2099-12-31', 'female'), undefined, TODAY))).toBe('BAD_BIRTH_DATE');
    });

    it('throws on a malformed today: that is a programming error, not a bad number', () => {
      expect(() => validateIin('900515300018', undefined, { today: '2025-02-30' })).toThrow(RangeError);
      expect(() => validateIin('900515300018', undefined, { today: '30.06.2025' })).toThrow(RangeError);
    });
  });

  describe('BAD_CHECK_DIGIT', () => {
    it.each(['0', '1', '2', '3', '4', '5', '6', '7', '9'])('900515300018 with last digit %s', (digit) => {
      expect(problem(validateIin(`90051530001${digit}`, undefined, TODAY))).toBe('BAD_CHECK_DIGIT');
    });

    it('catches two swapped neighbouring digits', () => {
      expect(problem(validateIin('900515300081', undefined, TODAY))).toBe('BAD_CHECK_DIGIT');
      expect(problem(validateIin('751130402138', undefined, TODAY))).toBe('BAD_CHECK_DIGIT');
    });

    it('refuses every number whose first 11 digits have no check digit', () => {
      // a1 = 186 mod 11 = 10; a2 = 142 mod 11 = 10: no digit can be right.
      for (let digit = 0; digit <= 9; digit += 1) {
        expect(problem(validateIin(`90051530091${digit}`, undefined, TODAY))).toBe('BAD_CHECK_DIGIT');
      }
    });

    it('takes a1 when it is a digit, even where a2 would differ', () => {
      // 900515300018: a1 = 8; the second weights give 131 + 2 = 133, 133 mod 11 = 1.
      expect(problem(validateIin('900515300011', undefined, TODAY))).toBe('BAD_CHECK_DIGIT');
    });
  });

  describe('mismatch with the person', () => {
    it('BIRTH_DATE_MISMATCH', () => {
      const sut = validateIin('900515300018', { birthDate: '1990-05-16', sex: 'male' }, TODAY);
      expect(sut).toEqual({ valid: false, code: 'BIRTH_DATE_MISMATCH', message: expect.any(String) });
    });

    it('BIRTH_DATE_MISMATCH for the same day in another century', () => {
      expect(problem(validateIin('900515300018', { birthDate: '1890-05-15' }, TODAY))).toBe('BIRTH_DATE_MISMATCH');
    });

    it('SEX_MISMATCH', () => {
      expect(validateIin('900515300018', { birthDate: '1990-05-15', sex: 'female' }, TODAY)).toEqual({
        valid: false,
        code: 'SEX_MISMATCH',
        message: expect.any(String),
      });
      expect(problem(validateIin('751130401238', { sex: 'male' }, TODAY))).toBe('SEX_MISMATCH');
    });

    it('reports the birth date before the sex', () => {
      expect(problem(validateIin('900515300018', { birthDate: '1990-05-16', sex: 'female' }, TODAY))).toBe(
        'BIRTH_DATE_MISMATCH',
      );
    });

    it('reports a mistyped number as such, not as a mismatch', () => {
      expect(problem(validateIin('900515300019', { birthDate: '2000-01-01', sex: 'female' }, TODAY))).toBe(
        'BAD_CHECK_DIGIT',
      );
    });
  });

  it('never repeats the number or the dates in its messages (personal data)', () => {
    const inputs: [string, Parameters<typeof validateIin>[1]][] = [
      ['90051530001', undefined],
      ['900515900018', undefined],
      ['901315300018', undefined],
      ['900515300019', undefined],
      ['900515300018', { birthDate: '1990-05-16' }],
      ['900515300018', { sex: 'female' }],
    ];
    for (const [iin, person] of inputs) {
      const sut = validateIin(iin, person, TODAY);
      expect(sut.valid).toBe(false);
      if (sut.valid) continue;
      expect(sut.message).not.toMatch(/\d{4,}/);
      expect(sut.message).not.toContain('1990');
      expect(sut.message).not.toContain('900515');
    }
  });
});

describe('iinCheckDigit', () => {
  it('returns a1, a2 or null', () => {
    expect(iinCheckDigit('90051530001')).toBe(8);
    expect(iinCheckDigit('05120160042')).toBe(8);
    expect(iinCheckDigit('90051530091')).toBeNull();
  });

  it('throws on anything but 11 digits', () => {
    expect(() => iinCheckDigit('9005153000')).toThrow(RangeError);
    expect(() => iinCheckDigit('900515300018')).toThrow(RangeError);
    expect(() => iinCheckDigit('9005153000x')).toThrow(RangeError);
  });
});

describe('makeIin', () => {
  it.each([
    ['1990-05-15', 'male', 1, '900515300018'],
    ['1975-11-30', 'female', 123, '751130401238'],
    ['2010-01-01', 'male', 1, '100101500012'],
    ['2000-02-29', 'female', 1, '000229600014'],
    ['1899-03-10', 'male', 1, '990310100017'],
    ['1885-07-20', 'female', 3, '850720200034'],
    ['2005-12-01', 'female', 42, '051201600428'],
  ] as const)('%s %s serial %i → %s', (birthDate, sex, serial, iin) => {
    expect(makeIin(birthDate, sex, serial)).toBe(iin);
  });

  it('defaults the serial to 1', () => {
    expect(makeIin('1990-05-15', 'male')).toBe('900515300018');
  });

  it('skips a serial whose check digit would be 10', () => {
    expect(makeIin('1990-05-15', 'male', 91)).toBe('900515300921');
  });

  it('makes numbers that validate, for every century and sex', () => {
    const dates = ['1800-01-01', '1899-12-31', '1900-01-01', '1964-02-29', '1999-12-31', '2000-01-01', '2024-02-29'];
    for (const birthDate of dates) {
      for (const sex of ['male', 'female'] as const) {
        for (const serial of [0, 1, 2, 10, 91, 500, 9998]) {
          const iin = makeIin(birthDate, sex, serial);
          expect(validateIin(iin, { birthDate, sex }, TODAY)).toEqual({ valid: true, birthDate, sex });
        }
      }
    }
  });

  it('gives different serials different numbers', () => {
    const made = new Set(Array.from({ length: 50 }, (_, i) => makeIin('1990-05-15', 'female', i * 3)));
    expect(made.size).toBe(50);
  });

  it.each([
    ['a malformed date', '15.05.1990', 1],
    ['an impossible date', '1990-02-30', 1],
    ['a year before 1800', '1799-12-31', 1],
    ['a year after 2099', '2100-01-01', 1],
    ['a negative serial', '1990-05-15', -1],
    ['a serial over 9999', '1990-05-15', 10000],
    ['a fractional serial', '1990-05-15', 1.5],
  ])('throws on %s', (_label, birthDate, serial) => {
    expect(() => makeIin(birthDate, 'male', serial)).toThrow(RangeError);
  });
});
