import { earlierCredits, validCarriedSkillIds } from './earlier-credits';

describe('earlier credits', () => {
  it('dates each credited skill from the signing, valid for the program’s period', () => {
    const credits = earlierCredits([
      { credited_skill_ids: ['s1', 's2'], signed_at: '2026-03-15T10:00:00.000+00:00', months: 6, carried: [] },
    ]);
    expect(credits).toEqual([
      { skillId: 's1', creditedAt: '2026-03-15', validUntil: '2026-09-15' },
      { skillId: 's2', creditedAt: '2026-03-15', validUntil: '2026-09-15' },
    ]);
  });

  it('counts the period the decision granted from the UTC day it was signed', () => {
    const [credit] = earlierCredits([
      { credited_skill_ids: ['s1'], signed_at: '2026-01-31T23:00:00Z', months: 12, carried: [] },
    ]);
    expect(credit.validUntil).toBe('2027-01-31');
  });

  it('counts a credit on its last day, not the day after; a skill credited twice is named once', () => {
    const credits = earlierCredits([
      { credited_skill_ids: ['s1'], signed_at: '2026-01-10T00:00:00Z', months: 12, carried: [] },
      { credited_skill_ids: ['s1', 's2'], signed_at: '2025-06-01T00:00:00Z', months: 12, carried: [] },
    ]);
    expect(validCarriedSkillIds(credits, '2026-06-01')).toEqual(['s1', 's2']);
    expect(validCarriedSkillIds(credits, '2026-06-02')).toEqual(['s1']);
    expect(validCarriedSkillIds(credits, '2027-01-10')).toEqual(['s1']);
    expect(validCarriedSkillIds(credits, '2027-01-11')).toEqual([]);
  });

  it('keeps the first dates of a credit a later partial decision carried, not the later signing', () => {
    const credits = earlierCredits([
      {
        credited_skill_ids: ['s1', 's2'],
        signed_at: '2026-06-01T00:00:00Z',
        months: 12,
        carried: [{ skillId: 's1', creditedAt: '2026-01-10', validUntil: '2027-01-10' }],
      },
    ]);
    expect(credits).toEqual([
      { skillId: 's1', creditedAt: '2026-01-10', validUntil: '2027-01-10' },
      { skillId: 's2', creditedAt: '2026-06-01', validUntil: '2027-06-01' },
    ]);
  });

  it('has nothing to carry without earlier partial decisions', () => {
    expect(earlierCredits([])).toEqual([]);
    expect(validCarriedSkillIds([], '2026-01-01')).toEqual([]);
  });
});
