import { isIsoDay as isIsoDate } from '@qualcert/shared';
import { AssessorAccreditation, assessorRefusals, ImpartialityInput, normaliseEmployer } from './impartiality';
import { thrown, inEnglish } from '@qualcert/shared/testing';

const CARD = { id: 'card-1', orkLevel: 5 };

function accreditation(overrides: Partial<AssessorAccreditation> = {}): AssessorAccreditation {
  return { cardId: CARD.id, validFrom: '2025-01-01', validTo: '2025-12-31', status: 'active', ...overrides };
}

function input(overrides: Partial<ImpartialityInput> = {}): ImpartialityInput {
  return {
    assessor: { orkLevel: 5, accreditations: [accreditation()] },
    card: CARD,
    on: '2025-06-15',
    candidates: [{ id: 'cand-1', employers: ['ТОО «Казахтелеком»'] }],
    conflicts: [],
    ...overrides,
  };
}

function rules(refusals: { rule: string }[]): string[] {
  return refusals.map((refusal) => refusal.rule);
}

describe('normaliseEmployer', () => {
  it.each([
    ['ТОО «Казахтелеком»', 'казахтелеком'],
    ['Казахтелеком ТОО', 'казахтелеком'],
    ['АО "Казахтелеком"', 'казахтелеком'],
    ['“Казахтелеком” АО', 'казахтелеком'],
    ["'Казахтелеком'", 'казахтелеком'],
    ['Казахтелеком, АО', 'казахтелеком'],
    ['  КАЗАХТЕЛЕКОМ   ', 'казахтелеком'],
    ['ИП Ёлкин', 'елкин'],
    ['ГУ «Аппарат акима города»', 'аппарат акима города'],
    ['РГП на ПХВ «Казгидромет»', 'казгидромет'],
    ['КГП «Городская поликлиника №1»', 'городская поликлиника №1'],
    ['ПК «Сут»', 'сут'],
    ['ЖШС «Сәуле»', 'сәуле'],
    ['«Сәуле» жауапкершілігі шектеулі серіктестігі', 'сәуле'],
    ['Товарищество с ограниченной ответственностью «Альфа»', 'альфа'],
    ['Акционерное общество «Kcell»', 'kcell'],
    ['Kcell JSC', 'kcell'],
    ['Alpha Tech LLP', 'alpha tech'],
    ['Alpha Tech Ltd.', 'alpha tech'],
    ['АҚ «Қазақтелеком»', 'қазақтелеком'],
    ['ТОО  «Альфа\u00a0\tГрупп»', 'альфа групп'],
  ])('reduces %j to %j', (name, expected) => {
    expect(normaliseEmployer(name)).toBe(expected);
  });

  it('drops a legal form only as a whole word', () => {
    expect(normaliseEmployer('Тоотранс')).toBe('тоотранс');
    expect(normaliseEmployer('ТОО Аотранс')).toBe('аотранс');
  });

  it('keeps hyphens and digits, which distinguish names', () => {
    expect(normaliseEmployer('ТОО «Эйр-Астана 2»')).toBe('эйр-астана 2');
    expect(normaliseEmployer('Эйр Астана')).not.toBe(normaliseEmployer('Эйр-Астана'));
  });

  it('gives the empty string for a name that is only legal forms or quotes', () => {
    expect(normaliseEmployer('ТОО')).toBe('');
    expect(normaliseEmployer('«»')).toBe('');
    expect(normaliseEmployer('')).toBe('');
  });
});

describe('isIsoDate', () => {
  it.each(['2025-01-01', '2024-02-29', '0099-12-31'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '01.01.2025', '', '2025-01-01T00:00:00Z'])(
    'refuses %j',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('assessorRefusals', () => {
  it('is empty for an accredited assessor at the card level with no conflicts', () => {
    expect(assessorRefusals(input())).toEqual([]);
  });

  describe('accreditation', () => {
    it.each(['2025-01-01', '2025-12-31'])('holds on the boundary day %s, both ends included', (on) => {
      expect(assessorRefusals(input({ on }))).toEqual([]);
    });

    it('refuses an assessor with no accreditation for the card', () => {
      const refusals = assessorRefusals(
        input({ assessor: { orkLevel: 5, accreditations: [accreditation({ cardId: 'card-2' })] } }),
      );
      expect(refusals).toEqual([
        {
          rule: 'NOT_ACCREDITED_FOR_CARD',
          message: 'Not accredited for card card-1 on 2025-06-15: has no accreditation for it',
        },
      ]);
    });

    it('refuses an assessor with no accreditation at all', () => {
      expect(rules(assessorRefusals(input({ assessor: { orkLevel: 5, accreditations: [] } })))).toEqual([
        'NOT_ACCREDITED_FOR_CARD',
      ]);
    });

    it.each(['2024-12-31', '2026-01-01'])('refuses on %s, outside the period', (on) => {
      const refusals = assessorRefusals(input({ on }));
      expect(refusals).toEqual([
        {
          rule: 'NOT_ACCREDITED_FOR_CARD',
          message: `Not accredited for card card-1 on ${on}: no accreditation for it is valid on that day`,
        },
      ]);
    });

    it('refuses when the accreditation covering the day was revoked', () => {
      const refusals = assessorRefusals(
        input({ assessor: { orkLevel: 5, accreditations: [accreditation({ status: 'revoked' })] } }),
      );
      expect(refusals).toEqual([
        {
          rule: 'NOT_ACCREDITED_FOR_CARD',
          message: 'Not accredited for card card-1 on 2025-06-15: the accreditation covering that day was revoked',
        },
      ]);
    });

    it('accepts a later active accreditation beside a revoked or expired one', () => {
      const accreditations = [
        accreditation({ validFrom: '2023-01-01', validTo: '2024-12-31' }),
        accreditation({ status: 'revoked' }),
        accreditation({ validFrom: '2025-06-01', validTo: '2027-05-31' }),
      ];
      expect(assessorRefusals(input({ assessor: { orkLevel: 5, accreditations } }))).toEqual([]);
    });

    it('does not let an accreditation for another card cover this one', () => {
      const accreditations = [accreditation({ cardId: 'card-2' }), accreditation({ validTo: '2025-01-31' })];
      expect(rules(assessorRefusals(input({ assessor: { orkLevel: 5, accreditations } })))).toEqual([
        'NOT_ACCREDITED_FOR_CARD',
      ]);
    });

    it('treats an accreditation with a malformed date as covering nothing', () => {
      const accreditations = [accreditation({ validFrom: '2025-1-1' }), accreditation({ validTo: '31.12.2025' })];
      expect(rules(assessorRefusals(input({ assessor: { orkLevel: 5, accreditations } })))).toEqual([
        'NOT_ACCREDITED_FOR_CARD',
      ]);
    });

    it('treats a period that ends before it starts as covering nothing', () => {
      const accreditations = [accreditation({ validFrom: '2025-12-31', validTo: '2025-01-01' })];
      expect(rules(assessorRefusals(input({ assessor: { orkLevel: 5, accreditations } })))).toEqual([
        'NOT_ACCREDITED_FOR_CARD',
      ]);
    });

    it.each(['2025-6-15', '2025-02-30', '', '15.06.2025'])('throws VALIDATION_FAILED for the day %j', (on) => {
      const error = thrown(() => assessorRefusals(input({ on })));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(inEnglish(error.details)).toEqual({
        fields: [{ field: 'on', messages: ['on must be a date (YYYY-MM-DD)'] }],
      });
    });
  });

  describe('ОРК level', () => {
    it.each([5, 6, 8])('accepts an assessor at level %i for a level-5 card', (orkLevel) => {
      expect(assessorRefusals(input({ assessor: { orkLevel, accreditations: [accreditation()] } }))).toEqual([]);
    });

    it('refuses an assessor one level below the card', () => {
      const refusals = assessorRefusals(input({ assessor: { orkLevel: 4, accreditations: [accreditation()] } }));
      expect(refusals).toEqual([
        {
          rule: 'ORK_LEVEL_TOO_LOW',
          message: "ОРК level too low: the assessor's level 4 is below level 5 of card card-1",
        },
      ]);
    });

    it('refuses an assessor whose level is unknown', () => {
      const refusals = assessorRefusals(input({ assessor: { orkLevel: null, accreditations: [accreditation()] } }));
      expect(refusals).toEqual([
        {
          rule: 'ORK_LEVEL_TOO_LOW',
          message: "ОРК level too low: the assessor's level is unknown, card card-1 needs level 5 or higher",
        },
      ]);
    });

    it('refuses level 0 as below any card', () => {
      const refusals = assessorRefusals(
        input({ assessor: { orkLevel: 0, accreditations: [accreditation()] }, card: { id: 'card-1', orkLevel: 1 } }),
      );
      expect(rules(refusals)).toEqual(['ORK_LEVEL_TOO_LOW']);
    });
  });

  describe('conflicts of interest', () => {
    it('refuses an assessor who declared a conflict with a candidate of the session', () => {
      const refusals = assessorRefusals(input({ conflicts: [{ kind: 'candidate', candidateId: 'cand-1' }] }));
      expect(refusals).toEqual([
        {
          rule: 'CONFLICT_WITH_CANDIDATE',
          message: 'Conflict with candidate: the assessor declared a conflict of interest with candidate cand-1',
          candidateId: 'cand-1',
        },
      ]);
    });

    it('ignores a declared conflict with a candidate not in the session', () => {
      expect(assessorRefusals(input({ conflicts: [{ kind: 'candidate', candidateId: 'cand-9' }] }))).toEqual([]);
    });

    it('refuses an assessor in conflict with a candidate employer, whatever the spelling', () => {
      const refusals = assessorRefusals(input({ conflicts: [{ kind: 'employer', employer: 'казахтелеком ао' }] }));
      expect(refusals).toEqual([
        {
          rule: 'CONFLICT_WITH_EMPLOYER',
          message:
            'Conflict with employer: the assessor declared a conflict of interest with employer "ТОО «Казахтелеком»", which employs candidate cand-1',
          candidateId: 'cand-1',
          employer: 'ТОО «Казахтелеком»',
        },
      ]);
    });

    it('does not match an employer whose name only resembles the declared one', () => {
      const conflicts = [{ kind: 'employer' as const, employer: 'Казахтелеком Сервис' }];
      expect(assessorRefusals(input({ conflicts }))).toEqual([]);
    });

    it('never matches on a declared name that is only a legal form', () => {
      const candidates = [{ id: 'cand-1', employers: ['ИП', 'ТОО «»'] }];
      const conflicts = [{ kind: 'employer' as const, employer: 'ТОО' }];
      expect(assessorRefusals(input({ candidates, conflicts }))).toEqual([]);
    });

    it('reports two spellings of one employer on a candidate once', () => {
      const candidates = [{ id: 'cand-1', employers: ['ТОО «Альфа»', 'Альфа LLP', 'ТОО «Бета»'] }];
      const conflicts = [{ kind: 'employer' as const, employer: 'альфа' }];
      const refusals = assessorRefusals(input({ candidates, conflicts }));
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({
        rule: 'CONFLICT_WITH_EMPLOYER',
        candidateId: 'cand-1',
        employer: 'ТОО «Альфа»',
      });
    });

    it('reports every conflicted employer of a candidate and every conflicted candidate', () => {
      const candidates = [
        { id: 'cand-1', employers: ['ТОО «Альфа»', 'АО «Бета»'] },
        { id: 'cand-2', employers: ['Гамма'] },
        { id: 'cand-3', employers: ['альфа'] },
      ];
      const conflicts = [
        { kind: 'employer' as const, employer: 'Альфа' },
        { kind: 'employer' as const, employer: 'Бета' },
        { kind: 'candidate' as const, candidateId: 'cand-2' },
      ];
      const refusals = assessorRefusals(input({ candidates, conflicts }));
      expect(refusals.map(({ rule, candidateId, employer }) => ({ rule, candidateId, employer }))).toEqual([
        { rule: 'CONFLICT_WITH_EMPLOYER', candidateId: 'cand-1', employer: 'ТОО «Альфа»' },
        { rule: 'CONFLICT_WITH_EMPLOYER', candidateId: 'cand-1', employer: 'АО «Бета»' },
        { rule: 'CONFLICT_WITH_CANDIDATE', candidateId: 'cand-2', employer: undefined },
        { rule: 'CONFLICT_WITH_EMPLOYER', candidateId: 'cand-3', employer: 'альфа' },
      ]);
    });

    it('lists both a candidate conflict and an employer conflict for the same candidate', () => {
      const conflicts = [
        { kind: 'employer' as const, employer: 'Казахтелеком' },
        { kind: 'candidate' as const, candidateId: 'cand-1' },
      ];
      expect(rules(assessorRefusals(input({ conflicts })))).toEqual([
        'CONFLICT_WITH_CANDIDATE',
        'CONFLICT_WITH_EMPLOYER',
      ]);
    });

    it('counts a candidate listed twice and a conflict declared twice once', () => {
      const candidates = [
        { id: 'cand-1', employers: [] },
        { id: 'cand-1', employers: [] },
      ];
      const conflicts = [
        { kind: 'candidate' as const, candidateId: 'cand-1' },
        { kind: 'candidate' as const, candidateId: 'cand-1' },
      ];
      expect(rules(assessorRefusals(input({ candidates, conflicts })))).toEqual(['CONFLICT_WITH_CANDIDATE']);
    });

    it('is empty for a session with no candidates yet', () => {
      const conflicts = [{ kind: 'employer' as const, employer: 'Казахтелеком' }];
      expect(assessorRefusals(input({ candidates: [], conflicts }))).toEqual([]);
    });
  });

  it('lists every refusal, in a stable order, not only the first', () => {
    const refusals = assessorRefusals(
      input({
        assessor: { orkLevel: null, accreditations: [accreditation({ status: 'revoked' })] },
        candidates: [
          { id: 'cand-1', employers: ['ТОО «Казахтелеком»'] },
          { id: 'cand-2', employers: [] },
        ],
        conflicts: [
          { kind: 'candidate', candidateId: 'cand-2' },
          { kind: 'employer', employer: 'Казахтелеком' },
        ],
      }),
    );
    expect(refusals.map(({ rule, candidateId }) => [rule, candidateId])).toEqual([
      ['NOT_ACCREDITED_FOR_CARD', undefined],
      ['ORK_LEVEL_TOO_LOW', undefined],
      ['CONFLICT_WITH_EMPLOYER', 'cand-1'],
      ['CONFLICT_WITH_CANDIDATE', 'cand-2'],
    ]);
  });

  it('does not change its input', () => {
    const given = input({ conflicts: [{ kind: 'employer', employer: 'Казахтелеком' }] });
    const copy = structuredClone(given);
    assessorRefusals(given);
    expect(given).toEqual(copy);
  });
});
