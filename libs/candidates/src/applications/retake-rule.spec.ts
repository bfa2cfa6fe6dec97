import { retakeOpensOn } from './retake-rule';

describe('retakeOpensOn', () => {
  it('sets no wait without an earlier decision that did not award the card', () => {
    expect(retakeOpensOn([])).toBeNull();
  });

  it('opens the program’s wait in UTC days after the signing, whatever the hour', () => {
    expect(retakeOpensOn([{ signedAt: new Date('2026-11-01T23:59:00Z'), waitDays: 30 }])).toBe('2026-12-01');
    expect(retakeOpensOn([{ signedAt: new Date('2026-11-01T00:00:00Z'), waitDays: 30 }])).toBe('2026-12-01');
    expect(retakeOpensOn([{ signedAt: new Date('2026-12-20T10:00:00Z'), waitDays: 14 }])).toBe('2027-01-03');
  });

  it('opens on the day of signing when the program sets no wait', () => {
    expect(retakeOpensOn([{ signedAt: new Date('2026-11-01T12:00:00Z'), waitDays: 0 }])).toBe('2026-11-01');
  });

  it('counts the wait across a short month', () => {
    expect(retakeOpensOn([{ signedAt: new Date('2026-02-01T08:00:00Z'), waitDays: 30 }])).toBe('2026-03-03');
  });

  it('lets the latest-opening decision govern', () => {
    expect(
      retakeOpensOn([
        { signedAt: new Date('2026-10-01T08:00:00Z'), waitDays: 60 },
        { signedAt: new Date('2026-11-01T08:00:00Z'), waitDays: 10 },
      ]),
    ).toBe('2026-11-30');
  });
});
