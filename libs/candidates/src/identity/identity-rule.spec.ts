import { identityHeld, identityRefusal } from './identity-rule';

const alone = { iinAlsoDeclaredElsewhere: false, confirmed: false };
const sharedUnconfirmed = { iinAlsoDeclaredElsewhere: true, confirmed: false };
const sharedConfirmed = { iinAlsoDeclaredElsewhere: true, confirmed: true };
const signed = (day: string, waitDays: number | null = 30) => ({ signedAt: new Date(`${day}T10:00:00Z`), waitDays });

describe('identityHeld', () => {
  it.each([
    [alone, false],
    [{ iinAlsoDeclaredElsewhere: false, confirmed: true }, false],
    [sharedUnconfirmed, true],
    [sharedConfirmed, false],
  ])('%j → %s', (facts, held) => {
    expect(identityHeld(facts)).toBe(held);
  });
});

describe('identityRefusal', () => {
  it('refuses nothing for an ИИН no other account declares, whatever the others’ decisions', () => {
    expect(identityRefusal(alone, [signed('2026-03-01')], '2026-03-02')).toBeNull();
  });

  it('holds an unconfirmed account whose ИИН another account declares', () => {
    expect(identityRefusal(sharedUnconfirmed, [], '2026-03-02')).toEqual({ code: 'IDENTITY_UNCONFIRMED' });
  });

  it('asks for the confirmation before it looks at any wait', () => {
    expect(identityRefusal(sharedUnconfirmed, [signed('2026-03-01')], '2026-03-02')).toEqual({
      code: 'IDENTITY_UNCONFIRMED',
    });
  });

  it('lets a confirmed account through when the other accounts have no decision for the card', () => {
    expect(identityRefusal(sharedConfirmed, [], '2026-03-02')).toBeNull();
  });

  it('keeps the wait another account’s decision set, up to the day before it opens', () => {
    expect(identityRefusal(sharedConfirmed, [signed('2026-03-01')], '2026-03-30')).toEqual({
      code: 'RETAKE_TOO_EARLY',
      opensOn: '2026-03-31',
    });
  });

  it('lets a confirmed account through on the day the wait opens, and after', () => {
    expect(identityRefusal(sharedConfirmed, [signed('2026-03-01')], '2026-03-31')).toBeNull();
    expect(identityRefusal(sharedConfirmed, [signed('2026-03-01')], '2026-06-01')).toBeNull();
  });

  it('counts the latest-opening wait of several, each with its program’s period (30 days when gone)', () => {
    expect(
      identityRefusal(sharedConfirmed, [signed('2026-03-01', 60), signed('2026-04-10', null)], '2026-05-05'),
    ).toEqual({ code: 'RETAKE_TOO_EARLY', opensOn: '2026-05-10' });
  });
});
