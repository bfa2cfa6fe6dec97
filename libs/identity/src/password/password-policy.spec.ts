import { inEnglish } from '@qualcert/shared/testing';
import { isRepeatedPattern, isSequence, passwordProblems as faults } from './password-policy';

const passwordProblems = (...args: Parameters<typeof faults>): string[] =>
  inEnglish(faults(...args)) as unknown as string[];

describe('passwordProblems', () => {
  it.each([
    'correct horse battery',
    'Тайга-Бархан-2031',
    'n8#Lq0v!zR4m',
    'Жq3vX9-kPz1a-7q',
    'steppe wolf 1997',
    'Алматы—апорт-88',
  ])('accepts %s', (password) => {
    expect(passwordProblems(password)).toEqual([]);
  });

  it.each([
    ['short', 'at least 10'],
    ['Password2024!', 'most common'],
    ['qwertyuiop', 'most common'],
    ['1234567890', 'most common'],
    ['!!Qwerty123456', 'most common'],
    ['gfhjkm12345', 'most common'],
    ['aaaaaaaaaaaa', 'too easy'],
    ['98127364509182', 'too easy'],
    ['x'.repeat(201), 'at most 200'],
    // Issue 17, item 13: look-alike characters, repeated pieces, words with digits appended.
    ['P@ssw0rd12', 'most common'],
    ['p4$$w0rd2024', 'most common'],
    ['@dmin123456', 'most common'],
    ['passwordpassword', 'repeats a short pattern'],
    ['Парольпароль', 'repeats a short pattern'],
    ['abcabcabca', 'repeats a short pattern'],
    ['Qwe123qwe123', 'repeats a short pattern'],
    ['пароль2024пароль', 'repeats a short pattern'],
    ['qwertyпароль1', 'common words'],
    ['dragon-monkey-77', 'common words'],
    ['abcdefghijkl', 'keyboard or alphabet sequence'],
    ['ZYXWVUTSRQ12', 'keyboard or alphabet sequence'],
    ['йцукенгшщзх', 'keyboard or alphabet sequence'],
    ['фывапролджэ!', 'keyboard or alphabet sequence'],
    ['абвгдежзий', 'keyboard or alphabet sequence'],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblems(password).join('; ')).toContain(problem);
  });

  it('refuses a password made of the email or the name', () => {
    expect(passwordProblems('aigerim.s-2031', { email: 'aigerim.s@mail.kz' })).toContain('must not contain your email');
    expect(passwordProblems('Nurlanov#2031x', { fullName: 'Айгерим Nurlanov' })).toContain(
      'must not contain your name',
    );
  });
});

describe('isRepeatedPattern', () => {
  it.each(['aa', 'abab', 'abcabca', 'парольпароль', 'xyzxyzxy'])('finds the repeated piece in %s', (text) => {
    expect(isRepeatedPattern(text)).toBe(true);
  });
  it.each(['', 'a', 'ab', 'abcab', 'abcdabc', 'парольпарол'])('finds none in %s', (text) => {
    expect(isRepeatedPattern(text)).toBe(false);
  });
});

describe('isSequence', () => {
  it.each(['abcd', 'dcba', 'qwer', 'lkjh', 'укен', '6789'])('finds a run in %s', (text) => {
    expect(isSequence(text)).toBe(true);
  });
  it.each(['abc', 'abce', 'qwrt', 'пароль'])('finds none in %s', (text) => {
    expect(isSequence(text)).toBe(false);
  });
});
