import { localise, registerComposer } from './localise';

describe('localise', () => {
  const pending = { code: 'PANEL_SKILL_PENDING', params: { missing: 1, members: 3 }, message: 'english' };

  it('renders every explanation of a body in the language, leaving the original untouched', () => {
    const body = { items: [{ id: 1, verdicts: [pending] }], when: new Date(0) };
    const kk = localise(body, 'kk');
    expect(kk.items[0].verdicts[0].message).toBe('комиссияның 3 мүшесінің 1 әлі шешімін жазбады');
    expect(kk.when).toBe(body.when);
    expect(body.items[0].verdicts[0].message).toBe('english');
    const untouched = { id: 2, list: [1, 2] };
    expect(localise(untouched, 'kk')).toBe(untouched);
  });

  it('leaves an object alone whose code is not in the catalogue', () => {
    const other = { code: 'SOMETHING_ELSE', params: {}, message: 'as is' };
    expect(localise(other, 'ru')).toBe(other);
  });

  it('joins a reason again from its rendered explanations', () => {
    const outcome = { reason: 'english', explanations: [pending, { ...pending, params: { missing: 2, members: 3 } }] };
    expect(localise(outcome, 'ru').reason).toBe(
      '1 из 3 членов комиссии ещё не записали решение; 2 из 3 членов комиссии ещё не записали решение',
    );
  });

  it('hands a shape a composer claims to the composer, and does not walk below it', () => {
    registerComposer({
      matches: (value) => value.kind === 'composed-in-test',
      compose: (value, language) => ({ ...value, text: `in ${language}` }),
    });
    const body = { inner: { kind: 'composed-in-test', nested: pending } };
    const ru = localise(body, 'ru');
    expect(ru.inner).toEqual({ kind: 'composed-in-test', nested: pending, text: 'in ru' });
  });
});
