import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it.each(['correct horse battery', 'Тайга-Бархан-2031', 'n8#Lq0v!zR4m'])('accepts %s', (password) => {
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
