import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildFieldTree,
  type FieldNode,
  parseStandard,
  parsePrerequisites,
  EDUCATION_LEVELS,
  EDUCATION_LEVEL_LABELS,
  educationRank,
  type CardPrerequisites,
  type EducationLevel,
  type PrerequisiteRoute,
} from '@qualcert/standards';
import {
  evaluateEligibility,
  LEARNING_KINDS,
  type CandidateRecords,
  type EducationFacts,
  type EligibilityOutcome,
  type EligibilityResult,
  type EligibilityRules,
  type EmploymentFacts,
  type LearningFacts,
  type LearningKind,
  type RecordCheck,
  type RouteResult,
} from './eligibility';

const AS_OF = '2025-06-30';
const REFERENCE = 'reference_information_services';
const REMOTE = 'remote_information_consulting';
const CALL_CENTRE = 'call_centre';
const CONTACT_CENTRE = 'contact_centre';
const OTHER = 'other';
const REMOTE_NAME = 'дистанционное информационно-консультационное обслуживание';
const REFERENCE_NAME = 'справочно-информационные службы';

const field = (code: string, parentCode: string | null, ru: string, position = 0): FieldNode => ({
  code,
  parentCode,
  position,
  names: { kk: `${code} kk`, ru, en: `${code} en` },
});

/** The tree the migration seeds (GET /api/v1/fields). */
const FIELDS = buildFieldTree([
  field(REFERENCE, null, REFERENCE_NAME, 1),
  field(REMOTE, REFERENCE, REMOTE_NAME, 1),
  field(CONTACT_CENTRE, REMOTE, 'контакт-центр', 1),
  field(CALL_CENTRE, REMOTE, 'колл-центр', 2),
  field(OTHER, null, 'другая сфера деятельности', 2),
]);

function formal(minEducation: EducationLevel, months: number, experienceField: string | null): PrerequisiteRoute {
  return {
    kind: 'formal',
    minEducation,
    minExperienceMonths: months,
    experienceField,
    requiresLearningEvidence: false,
    sourceText: `${EDUCATION_LEVEL_LABELS[minEducation]}, ${months} months`,
  };
}

function informal(months: number, experienceField: string | null): PrerequisiteRoute {
  return {
    kind: 'informal',
    minEducation: null,
    minExperienceMonths: months,
    experienceField,
    requiresLearningEvidence: true,
    sourceText: `Неформальное обучение, ${months} months`,
  };
}

function structured(...routes: PrerequisiteRoute[]): CardPrerequisites {
  return { status: 'structured', routes, reviewReasons: [] };
}

/**
 * The ten cards of the seed standard as the parser reads them (docs/STANDARDS-IMPORT.md,
 * libs/standards/src/prerequisites/seed-prerequisites.spec.ts), by position; the standard prints
 * them as 8, 10, 11, …, 18.
 */
const SEED: Record<number, CardPrerequisites> = {
  1: structured(formal('tvet_worker', 0, null), informal(0, null)),
  2: structured(formal('tvet_specialist', 12, REMOTE), informal(12, REMOTE)),
  3: structured(formal('tvet_specialist', 12, REMOTE)),
  4: structured(formal('tvet_specialist', 12, REMOTE), informal(12, REMOTE)),
  5: structured(formal('tvet_specialist', 12, REFERENCE), formal('post_secondary', 0, null), informal(12, REMOTE)),
  6: structured(formal('higher', 36, REMOTE), informal(36, REMOTE)),
  7: structured(formal('higher', 36, REMOTE), informal(36, REMOTE)),
  8: structured(formal('higher', 36, REMOTE), informal(36, REMOTE)),
  9: structured(formal('higher', 36, REMOTE), informal(36, REMOTE)),
  10: structured(formal('postgraduate', 60, REFERENCE), informal(60, REMOTE)),
};
const SEED_CARDS = Object.keys(SEED).map(Number);

const CONFIRMED: RecordCheck = { hasDocument: true, verdict: 'confirmed', reason: null };
const PENDING: RecordCheck = { hasDocument: true, verdict: 'pending', reason: null };
const REJECTED: RecordCheck = { hasDocument: true, verdict: 'rejected', reason: 'Скан диплома нечитаем' };
const NO_DOCUMENT: RecordCheck = { hasDocument: false, verdict: 'pending', reason: null };

let serial = 0;
const nextId = (kind: string) => `${kind}-${(serial += 1)}`;

function diploma(level: EducationLevel, check = CONFIRMED, label = `диплом (${level})`): EducationFacts {
  return { id: nextId('edu'), label, level, check };
}

function iso(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

/** Exactly `months` whole months of work in `field`, ending on AS_OF (2025-06-30). */
function job(months: number, fieldCode: string, check = CONFIRMED, label = `работа (${fieldCode})`): EmploymentFacts {
  return {
    id: nextId('job'),
    label,
    field: fieldCode,
    startDate: iso(Date.UTC(2025, 6 - months, 1)),
    endDate: AS_OF,
    check,
  };
}

function learning(
  kind: LearningKind = 'non_formal_course',
  check = CONFIRMED,
  label = `обучение (${kind})`,
): LearningFacts {
  return { id: nextId('learn'), label, kind, check };
}

function candidate(records: Partial<CandidateRecords> = {}): CandidateRecords {
  return { education: [], employment: [], learning: [], ...records };
}

function evaluate(card: EligibilityRules, records: Partial<CandidateRecords>): EligibilityResult {
  return evaluateEligibility(card, candidate(records), FIELDS, AS_OF);
}

function holding(result: EligibilityResult): number[] {
  return result.routes.filter((r) => r.holds).map((r) => r.index);
}

function confirmedRoutes(result: EligibilityResult): number[] {
  return result.routes.filter((r) => r.confirmed).map((r) => r.index);
}

function failed(route: RouteResult): string[] {
  return route.conditions.filter((c) => !c.holds).map((c) => c.kind);
}

function levelBelow(level: EducationLevel): EducationLevel {
  return EDUCATION_LEVELS[educationRank(level) - 1];
}

/** The least a candidate needs to meet `route` exactly, every document with the given check. */
function meeting(route: PrerequisiteRoute, check = CONFIRMED): CandidateRecords {
  return candidate({
    education: route.minEducation === null ? [] : [diploma(route.minEducation, check)],
    employment:
      route.minExperienceMonths > 0 ? [job(route.minExperienceMonths, route.experienceField ?? OTHER, check)] : [],
    learning: route.requiresLearningEvidence ? [learning('non_formal_course', check)] : [],
  });
}

const ROUTES = SEED_CARDS.flatMap((card) =>
  SEED[card].routes.map((route, index) => [card, index, route.kind, route] as const),
);

describe('every route of every seed card', () => {
  it('covers the ten cards', () => {
    expect(SEED_CARDS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ROUTES).toHaveLength(20);
  });

  it.each(ROUTES)(
    'card %i route %i (%s): admits a candidate who meets it exactly, on confirmed documents',
    (card, index, _kind, route) => {
      const sut = evaluateEligibility(SEED[card], meeting(route), FIELDS, AS_OF);
      expect(sut.outcome).toBe('eligible');
      expect(sut.routes[index]).toMatchObject({ index, kind: route.kind, sourceText: route.sourceText });
      expect(sut.routes[index].holds).toBe(true);
      expect(sut.routes[index].confirmed).toBe(true);
      expect(sut.routes[index].conditions.every((c) => c.holds && c.confirmed)).toBe(true);
      expect(sut.routes).toHaveLength(SEED[card].routes.length);
      expect(sut.pendingRecordIds).toEqual([]);
    },
  );

  it.each(ROUTES)(
    'card %i route %i (%s): on documents not yet checked, waits for the centre’s check',
    (card, index, _kind, route) => {
      const records = meeting(route, PENDING);
      const sut = evaluateEligibility(SEED[card], records, FIELDS, AS_OF);
      const needed = [...records.education, ...records.employment, ...records.learning].map((r) => r.id);
      // Every seed route asks for at least one record: an education level, experience or learning.
      expect(needed.length).toBeGreaterThan(0);
      expect(sut.outcome).toBe('awaiting_documents');
      expect(sut.routes[index].holds).toBe(true);
      expect(sut.routes[index].confirmed).toBe(false);
      expect(sut.pendingRecordIds.sort()).toEqual(needed.sort());
      expect(sut.summary).toMatch(/^Awaiting the centre's document check: the records declared meet route \d/);
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.minEducation !== null && educationRank(route.minEducation) > 0))(
    'card %i route %i (%s): fails one education level short, and with no education',
    (card, index, _kind, route) => {
      const met = meeting(route);
      const below = levelBelow(route.minEducation as EducationLevel);
      const short = evaluateEligibility(SEED[card], { ...met, education: [diploma(below)] }, FIELDS, AS_OF).routes[
        index
      ];
      expect(short.holds).toBe(false);
      expect(failed(short)).toEqual(['education']);
      expect(short.conditions[0]).toMatchObject({
        code: 'education_not_met',
        params: { requiredLevel: route.minEducation, declaredLevel: below, recordIds: [] },
      });

      const none = evaluateEligibility(SEED[card], { ...met, education: [] }, FIELDS, AS_OF).routes[index];
      expect(failed(none)).toEqual(['education']);
      expect(none.conditions[0].message).toMatch(/, has none$/);
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.minExperienceMonths > 0))(
    'card %i route %i (%s): fails one month short',
    (card, index, _kind, route) => {
      const months = route.minExperienceMonths;
      const records = { ...meeting(route), employment: [job(months - 1, route.experienceField ?? OTHER)] };
      const sut = evaluateEligibility(SEED[card], records, FIELDS, AS_OF).routes[index];
      expect(sut.holds).toBe(false);
      expect(failed(sut)).toEqual(['experience']);
      expect(sut.conditions[1]).toMatchObject({
        code: 'experience_short',
        params: { monthsRequired: months, months: months - 1, confirmedMonths: months - 1 },
      });
      expect(sut.conditions[1].message).toContain(`needs ${months} months in `);
      expect(sut.conditions[1].message).toContain(`, has ${months - 1} (counted: "работа`);
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.experienceField !== null))(
    'card %i route %i (%s): a job in a narrower field counts, in a broader or unrelated one does not',
    (card, index, _kind, route) => {
      const months = route.minExperienceMonths;
      const narrower = route.experienceField === REFERENCE ? REMOTE : CALL_CENTRE;
      const at = (fieldCode: string) =>
        evaluateEligibility(SEED[card], { ...meeting(route), employment: [job(months, fieldCode)] }, FIELDS, AS_OF)
          .routes[index];
      expect(at(narrower).holds).toBe(true);
      expect(at(CONTACT_CENTRE).holds).toBe(true);
      expect(failed(at(OTHER))).toEqual(['experience']);
      if (route.experienceField === REMOTE) {
        const broader = at(REFERENCE);
        expect(failed(broader)).toEqual(['experience']);
        expect(broader.conditions[1].params).toMatchObject({ months: 0, recordIds: [] });
      }
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.requiresLearningEvidence))(
    'card %i route %i (%s): fails without a learning record, holds with any learning kind',
    (card, index, _kind, route) => {
      const met = meeting(route);
      const without = evaluateEligibility(SEED[card], { ...met, learning: [] }, FIELDS, AS_OF).routes[index];
      expect(failed(without)).toEqual(['learning']);
      expect(without.conditions[2]).toMatchObject({ code: 'learning_missing', holds: false });
      for (const kind of LEARNING_KINDS) {
        const sut = evaluateEligibility(SEED[card], { ...met, learning: [learning(kind)] }, FIELDS, AS_OF);
        expect(sut.routes[index].holds).toBe(true);
      }
    },
  );

  it.each(ROUTES.filter(([, , , route]) => !route.requiresLearningEvidence))(
    'card %i route %i (%s): a formal route asks for no learning record',
    (card, index, _kind, route) => {
      const sut = evaluateEligibility(SEED[card], meeting(route), FIELDS, AS_OF).routes[index];
      expect(sut.conditions.map((c) => c.kind)).toEqual(['education', 'experience']);
    },
  );

  it.each(SEED_CARDS)('card %i: a candidate with nothing is not eligible', (card) => {
    const sut = evaluate(SEED[card], {});
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes.every((r) => !r.holds && !r.confirmed)).toBe(true);
    expect(sut.summary).toMatch(/^Not eligible: no route holds\./);
  });

  it('uses the rules the importer reads from the seed standard', () => {
    const seed = parseStandard(
      readFileSync(join(__dirname, '../../../../standards/kz-ps-reference-information-services-2025.txt'), 'utf8'),
    );
    const rules = (routes: readonly PrerequisiteRoute[]) => routes.map(({ sourceText: _sourceText, ...rule }) => rule);
    for (const card of seed.cards) {
      const read = parsePrerequisites(card);
      expect(read.status).toBe('structured');
      expect(rules(read.routes)).toEqual(rules(SEED[card.number].routes));
    }
    expect(seed.cards).toHaveLength(SEED_CARDS.length);
  });
});

describe('experience fields form a hierarchy', () => {
  it('card 18 (position 10): a master’s degree and 8 years in a call centre meet 5 years in reference services', () => {
    const sut = evaluate(SEED[10], {
      education: [diploma('postgraduate')],
      employment: [job(96, CALL_CENTRE, CONFIRMED, 'ТОО «Колл-центр», оператор')],
    });
    expect(sut.outcome).toBe('eligible');
    // The informal route needs a learning record as well: only the formal one holds.
    expect(confirmedRoutes(sut)).toEqual([0]);
    expect(sut.routes[0].conditions[1]).toMatchObject({
      code: 'experience_met',
      params: { field: REFERENCE, monthsRequired: 60, months: 96, confirmedMonths: 96 },
      message: `needs 60 months in ${REFERENCE_NAME}, has 96 (counted: "ТОО «Колл-центр», оператор")`,
    });
  });

  it('card 13 (position 5): remote consulting meets the first route’s reference services', () => {
    const sut = evaluate(SEED[5], { education: [diploma('tvet_specialist')], employment: [job(12, REMOTE)] });
    expect(holding(sut)).toEqual([0]);
    expect(sut.outcome).toBe('eligible');
  });

  it('card 10 (position 2): years in reference services do not meet a year in remote consulting', () => {
    const sut = evaluate(SEED[2], {
      education: [diploma('tvet_specialist')],
      employment: [job(36, REFERENCE, CONFIRMED, 'Справочная служба 109')],
    });
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes[0].conditions[1]).toMatchObject({
      code: 'experience_short',
      params: { field: REMOTE, months: 0, recordIds: [] },
      message: `needs 12 months in ${REMOTE_NAME}, has 0`,
    });
  });

  it('merges jobs of sibling and nested fields as one period, never counting a day twice', () => {
    const employment: EmploymentFacts[] = [
      { ...job(0, CALL_CENTRE), startDate: '2023-01-01', endDate: '2023-12-31' },
      { ...job(0, CONTACT_CENTRE), startDate: '2023-07-01', endDate: '2024-06-30' },
      { ...job(0, REFERENCE), startDate: '2024-07-01', endDate: '2024-12-31' },
    ];
    const reference = evaluate(structured(formal('general_secondary', 24, REFERENCE)), {
      education: [diploma('general_secondary')],
      employment,
    });
    expect(reference.routes[0].conditions[1].params).toMatchObject({
      months: 24,
      recordIds: employment.map((e) => e.id),
    });
    const remote = evaluate(structured(formal('general_secondary', 18, REMOTE)), {
      education: [diploma('general_secondary')],
      employment,
    });
    expect(remote.routes[0].conditions[1].params).toMatchObject({
      months: 18,
      recordIds: [employment[0].id, employment[1].id],
    });
  });

  it('counts a field the tree does not know only for itself', () => {
    const card = structured(formal('general_secondary', 12, 'beekeeping'));
    const own = evaluate(card, { education: [diploma('general_secondary')], employment: [job(12, 'beekeeping')] });
    expect(own.outcome).toBe('eligible');
    const sut = evaluate(card, { education: [diploma('general_secondary')], employment: [job(12, REFERENCE)] });
    expect(sut.routes[0].conditions[1].message).toBe('needs 12 months in beekeeping, has 0');
  });

  it('counts experience in any field when the route names none', () => {
    const card = structured(formal('general_secondary', 12, null));
    const sut = evaluate(card, {
      education: [diploma('general_secondary')],
      employment: [job(4, REMOTE), { ...job(0, OTHER), startDate: '2023-01-01', endDate: '2023-03-31' }],
    });
    expect(sut.routes[0].conditions[1]).toMatchObject({
      holds: false,
      params: { field: null, months: 7 },
    });
    expect(sut.routes[0].conditions[1].message).toMatch(/^needs 12 months of work experience in any field, has 7 \(/);
  });
});

describe('the informal-learning route', () => {
  it('card 8 (position 1): a learning record alone admits, nothing else does', () => {
    expect(evaluate(SEED[1], {}).outcome).toBe('ineligible');
    const sut = evaluate(SEED[1], { education: [diploma('general_secondary')], learning: [learning()] });
    expect(sut.outcome).toBe('eligible');
    expect(confirmedRoutes(sut)).toEqual([1]);
    expect(sut.routes[1].conditions.map((c) => c.code)).toEqual([
      'education_not_required',
      'experience_not_required',
      'learning_met',
    ]);
  });

  it('card 10 (position 2): a course certificate and three years in a call centre admit without a diploma', () => {
    const sut = evaluate(SEED[2], {
      employment: [job(36, CALL_CENTRE)],
      learning: [learning('non_formal_course', CONFIRMED, 'Курс «Оператор контакт-центра»')],
    });
    expect(sut.outcome).toBe('eligible');
    expect(confirmedRoutes(sut)).toEqual([1]);
    expect(sut.routes[1].conditions[2]).toMatchObject({
      code: 'learning_met',
      message:
        'needs a learning record (non-formal course certificate, employer reference, or informal-learning statement ' +
        'confirmed by an employer) with its document, has "Курс «Оператор контакт-центра»"',
    });
  });

  it('card 10 (position 2): the course without the year of experience does not admit', () => {
    const sut = evaluate(SEED[2], { employment: [job(11, REMOTE)], learning: [learning()] });
    expect(sut.outcome).toBe('ineligible');
    expect(failed(sut.routes[1])).toEqual(['experience']);
  });

  it('card 11 (position 3): has no informal route, and says so when it refuses', () => {
    const sut = evaluate(SEED[3], {
      education: [diploma('tvet_worker')],
      employment: [job(48, REMOTE)],
      learning: LEARNING_KINDS.map((kind) => learning(kind)),
    });
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes.map((r) => r.kind)).toEqual(['formal']);
    expect(sut.notes).toEqual([
      {
        code: 'no_informal_route',
        params: {},
        message: 'The card admits no one through non-formal or informal learning: its informal-learning cell is empty.',
      },
    ]);
    expect(sut.summary).toMatch(/informal-learning cell is empty\.$/);

    const admitted = evaluate(SEED[3], { education: [diploma('tvet_specialist')], employment: [job(12, REMOTE)] });
    expect(admitted.outcome).toBe('eligible');
    expect(admitted.notes.map((n) => n.code)).toEqual(['no_informal_route']);
    expect(admitted.summary).not.toContain('informal');
  });

  it.each(SEED_CARDS.filter((n) => n !== 3))('card at position %i: has an informal route and no note', (n) => {
    expect(evaluate(SEED[n], {}).notes).toEqual([]);
  });

  it('ignores a stored learning kind that is not one, and a learning record without its document', () => {
    const odd = { ...learning(), kind: 'hobby' as LearningKind };
    expect(evaluate(SEED[1], { learning: [odd] }).outcome).toBe('ineligible');
    const sut = evaluate(SEED[1], { learning: [learning('employer_reference', NO_DOCUMENT, 'Справка')] });
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes[1].conditions[2].message).toContain('not counted, no document attached: "Справка"');
  });
});

describe('the document check', () => {
  const card2 = SEED[2];

  it('admits on confirmed records only, and waits while any needed record is unchecked', () => {
    const education = diploma('tvet_specialist', PENDING, 'Колледж связи, 2016');
    const work = job(12, REMOTE, CONFIRMED, 'АО «Казахтелеком», оператор');
    const sut = evaluate(card2, { education: [education], employment: [work] });
    expect(sut.outcome).toBe('awaiting_documents');
    expect(sut.routes[0]).toMatchObject({ holds: true, confirmed: false });
    expect(sut.routes[0].conditions.map((c) => [c.holds, c.confirmed])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(sut.pendingRecordIds).toEqual([education.id]);
    expect(sut.routes[0].conditions[0].message).toBe(
      'needs ТиПО (специалист среднего звена), has ТиПО (специалист среднего звена); ' +
        `awaiting the centre's document check of "Колледж связи, 2016"`,
    );
    expect(sut.summary).toBe(
      "Awaiting the centre's document check: the records declared meet route 1 (formal); " +
        'admitted once the centre confirms the documents of "Колледж связи, 2016".',
    );

    const confirmed = evaluate(card2, { education: [{ ...education, check: CONFIRMED }], employment: [work] });
    expect(confirmed.outcome).toBe('eligible');
    expect(confirmed.summary).toBe(
      'Eligible by route 1 (formal): needs ТиПО (специалист среднего звена), has ТиПО (специалист среднего звена); ' +
        `needs 12 months in ${REMOTE_NAME}, has 12 (counted: "АО «Казахтелеком», оператор").`,
    );
  });

  it('does not count a rejected record, and names it with the reason', () => {
    const education = diploma('tvet_specialist', REJECTED, 'Колледж связи, 2016');
    const sut = evaluate(card2, { education: [education], employment: [job(12, REMOTE)] });
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes[0].conditions[0]).toMatchObject({
      code: 'education_not_met',
      holds: false,
      params: { recordIds: [], rejectedRecordIds: [education.id], declaredLevel: null },
      message:
        'needs ТиПО (специалист среднего звена), has none; ' +
        'not counted: the centre rejected the document of "Колледж связи, 2016": Скан диплома нечитаем',
    });
    expect(sut.summary).toContain('the centre rejected the document of "Колледж связи, 2016"');
  });

  it('keeps waiting after a rejection when another declared record may still meet a route', () => {
    const rejected = diploma('tvet_specialist', REJECTED);
    const other = diploma('higher', PENDING);
    const sut = evaluate(card2, { education: [rejected, other], employment: [job(12, REMOTE)] });
    expect(sut.outcome).toBe('awaiting_documents');
    expect(sut.pendingRecordIds).toEqual([other.id]);
    expect(sut.routes[0].conditions[0].params).toMatchObject({
      recordIds: [other.id],
      confirmedRecordIds: [],
      rejectedRecordIds: [rejected.id],
    });
  });

  it('does not count a record without a document, declared or confirmed', () => {
    const bare = diploma('tvet_specialist', NO_DOCUMENT, 'Колледж, 2010');
    const sut = evaluate(card2, { education: [bare], employment: [job(12, REMOTE)] });
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes[0].conditions[0].params.undocumentedRecordIds).toEqual([bare.id]);
    expect(sut.routes[0].conditions[0].message).toContain('not counted, no document attached: "Колледж, 2010"');
    const odd = diploma('tvet_specialist', { hasDocument: false, verdict: 'confirmed', reason: null });
    expect(evaluate(card2, { education: [odd], employment: [job(12, REMOTE)] }).outcome).toBe('ineligible');
  });

  it('counts months on confirmed jobs alone for admission, listing the jobs still unchecked', () => {
    const first = job(30, REFERENCE, CONFIRMED, 'Справочная служба');
    const second = {
      ...job(0, CALL_CENTRE, PENDING, 'Колл-центр'),
      startDate: '2017-01-01',
      endDate: '2019-12-31',
    };
    const sut = evaluate(SEED[10], { education: [diploma('postgraduate')], employment: [first, second] });
    expect(sut.outcome).toBe('awaiting_documents');
    expect(sut.routes[0].conditions[1]).toMatchObject({
      holds: true,
      confirmed: false,
      params: { months: 66, confirmedMonths: 30, recordIds: [first.id, second.id], confirmedRecordIds: [first.id] },
    });
    expect(sut.pendingRecordIds).toEqual([second.id]);
  });

  it('admits by a confirmed route while another route still waits', () => {
    const sut = evaluate(SEED[5], {
      education: [diploma('tvet_specialist', PENDING), diploma('post_secondary')],
      employment: [job(12, REFERENCE, PENDING)],
    });
    expect(holding(sut)).toEqual([0, 1]);
    expect(confirmedRoutes(sut)).toEqual([1]);
    expect(sut.outcome).toBe('eligible');
    expect(sut.pendingRecordIds).toEqual([]);
    expect(sut.summary).toMatch(/^Eligible by route 2 \(formal\): /);
  });

  it('lists the unchecked records of every route that holds on what was declared', () => {
    const higher = diploma('higher', PENDING);
    const work = job(12, REFERENCE, PENDING);
    const sut = evaluate(SEED[5], { education: [higher], employment: [work] });
    expect(holding(sut)).toEqual([0, 1]);
    expect(sut.outcome).toBe('awaiting_documents');
    expect(sut.pendingRecordIds).toEqual([higher.id, work.id]);
    expect(sut.summary).toContain('meet route 1 (formal) or route 2 (formal)');
  });

  it('never admits on declared records, whatever they are', () => {
    fc.assert(
      fc.property(arbitraryRecords(), fc.constantFrom(...SEED_CARDS), (records, card) => {
        const sut = evaluateEligibility(SEED[card], records, FIELDS, AS_OF);
        const expected: EligibilityOutcome = sut.routes.some((r) => r.confirmed)
          ? 'eligible'
          : sut.routes.some((r) => r.holds)
            ? 'awaiting_documents'
            : 'ineligible';
        expect(sut.outcome).toBe(expected);
        for (const route of sut.routes) if (route.confirmed) expect(route.holds).toBe(true);
        const allConfirmed = candidate({
          education: records.education.map((r) => ({ ...r, check: CONFIRMED })),
          employment: records.employment.map((r) => ({ ...r, check: CONFIRMED })),
          learning: records.learning.map((r) => ({ ...r, check: CONFIRMED })),
        });
        const declared = (r: { check: RecordCheck }) => r.check.hasDocument && r.check.verdict !== 'rejected';
        const onlyDeclared = candidate({
          education: allConfirmed.education.filter((_, i) => declared(records.education[i])),
          employment: allConfirmed.employment.filter((_, i) => declared(records.employment[i])),
          learning: allConfirmed.learning.filter((_, i) => declared(records.learning[i])),
        });
        // Confirming every declared document admits exactly when the declared records meet a route.
        const once = evaluateEligibility(SEED[card], onlyDeclared, FIELDS, AS_OF);
        expect(once.outcome === 'eligible').toBe(sut.outcome !== 'ineligible');
      }),
      { numRuns: 300 },
    );
  });

  it('never does better when a document is rejected, nor worse when one is confirmed', () => {
    const rank: Record<EligibilityOutcome, number> = {
      ineligible: 0,
      needs_review: 0,
      awaiting_documents: 1,
      eligible: 2,
    };
    fc.assert(
      fc.property(arbitraryRecords(), fc.constantFrom(...SEED_CARDS), fc.nat(), (records, card, pick) => {
        const all = [...records.education, ...records.employment, ...records.learning];
        if (all.length === 0) return;
        const target = all[pick % all.length].id;
        const withCheck = (check: RecordCheck) => {
          const set = <T extends { id: string; check: RecordCheck }>(list: readonly T[]) =>
            list.map((r) => (r.id === target ? { ...r, check } : r));
          return candidate({
            education: set(records.education),
            employment: set(records.employment),
            learning: set(records.learning),
          });
        };
        const outcome = (r: CandidateRecords) => rank[evaluateEligibility(SEED[card], r, FIELDS, AS_OF).outcome];
        const pending = outcome(withCheck(PENDING));
        expect(outcome(withCheck(CONFIRMED))).toBeGreaterThanOrEqual(pending);
        expect(outcome(withCheck(REJECTED))).toBeLessThanOrEqual(pending);
      }),
      { numRuns: 300 },
    );
  });
});

/** Random records: levels, jobs in any field of the tree, learning of any kind, any check. */
function arbitraryRecords(): fc.Arbitrary<CandidateRecords> {
  const check = fc.constantFrom(CONFIRMED, PENDING, REJECTED, NO_DOCUMENT);
  const education = fc.array(
    fc.record({ level: fc.constantFrom(...EDUCATION_LEVELS), check }).map((r) => diploma(r.level, r.check)),
    { maxLength: 3 },
  );
  const employment = fc.array(
    fc
      .record({
        months: fc.integer({ min: 1, max: 90 }),
        field: fc.constantFrom(REFERENCE, REMOTE, CALL_CENTRE, CONTACT_CENTRE, OTHER),
        check,
      })
      .map((r) => job(r.months, r.field, r.check)),
    { maxLength: 4 },
  );
  const learned = fc.array(
    fc.record({ kind: fc.constantFrom(...LEARNING_KINDS), check }).map((r) => learning(r.kind, r.check)),
    { maxLength: 2 },
  );
  return fc.record({ education, employment, learning: learned });
}

describe('conditions and messages', () => {
  const card2 = SEED[2];

  it('gives each condition a stable code, its parameters and a message', () => {
    const education = diploma('general_secondary');
    const work = job(7, REMOTE, CONFIRMED, 'АО «Казахтелеком», оператор');
    const sut = evaluate(card2, { education: [education], employment: [work] });
    expect(sut.routes[0].conditions).toEqual([
      {
        kind: 'education',
        code: 'education_not_met',
        holds: false,
        confirmed: false,
        params: {
          requiredLevel: 'tvet_specialist',
          declaredLevel: 'general_secondary',
          confirmedLevel: 'general_secondary',
          recordIds: [],
          confirmedRecordIds: [],
          rejectedRecordIds: [],
          undocumentedRecordIds: [],
        },
        message: 'needs ТиПО (специалист среднего звена), has общее среднее образование',
      },
      {
        kind: 'experience',
        code: 'experience_short',
        holds: false,
        confirmed: false,
        params: {
          field: REMOTE,
          monthsRequired: 12,
          months: 7,
          confirmedMonths: 7,
          recordIds: [work.id],
          confirmedRecordIds: [work.id],
          rejectedRecordIds: [],
          undocumentedRecordIds: [],
        },
        message: `needs 12 months in ${REMOTE_NAME}, has 7 (counted: "АО «Казахтелеком», оператор")`,
      },
    ]);
  });

  it('says when a higher level satisfies a lower requirement', () => {
    const sut = evaluate(card2, { education: [diploma('higher')], employment: [job(12, REMOTE)] });
    expect(sut.routes[0].conditions[0]).toMatchObject({
      code: 'education_met',
      holds: true,
      message:
        'needs ТиПО (специалист среднего звена), has высшее образование (бакалавриат, специалитет) ' +
        '(a higher level satisfies the requirement)',
    });
  });

  it('shows every level pair the right way round', () => {
    for (const required of EDUCATION_LEVELS) {
      for (const held of EDUCATION_LEVELS) {
        const card = structured(formal(required, 0, null));
        const sut = evaluate(card, { education: [diploma(held)] });
        expect(sut.routes[0].holds).toBe(educationRank(held) >= educationRank(required));
      }
    }
  });

  it('takes the highest of several education records', () => {
    const sut = evaluate(SEED[10], {
      education: [diploma('tvet_worker'), diploma('postgraduate'), diploma('higher')],
      employment: [job(60, REFERENCE)],
    });
    expect(sut.outcome).toBe('eligible');
    expect(sut.routes[0].conditions[0].params).toMatchObject({ declaredLevel: 'postgraduate' });
  });

  it('ignores stored education values that are not levels', () => {
    const sut = evaluate(card2, { education: [{ ...diploma('tvet_worker'), level: 'phd' as EducationLevel }] });
    expect(sut.routes[0].conditions[0].params).toMatchObject({ declaredLevel: null });
  });

  it('uses singular "month"', () => {
    const card = structured(formal('general_secondary', 1, REMOTE));
    const sut = evaluate(card, { education: [diploma('general_secondary')] });
    expect(sut.routes[0].conditions[1].message).toBe(`needs 1 month in ${REMOTE_NAME}, has 0`);
  });

  it('reports the months held even where none are required', () => {
    const sut = evaluate(SEED[1], { education: [diploma('tvet_worker')], employment: [job(5, REFERENCE)] });
    expect(sut.routes[0].conditions[1]).toMatchObject({
      code: 'experience_not_required',
      holds: true,
      confirmed: true,
      params: { monthsRequired: 0, months: 5, recordIds: [] },
      message: 'no work experience required',
    });
  });

  it('does not list a job that starts after the day of the check', () => {
    const later = { ...job(0, REMOTE), startDate: '2025-07-01', endDate: null };
    const sut = evaluate(card2, { education: [diploma('tvet_specialist')], employment: [later] });
    expect(sut.routes[0].conditions[1].params).toMatchObject({ months: 0, recordIds: [] });
  });

  it('summarises an ineligible result by what failed, route by route', () => {
    const sut = evaluate(card2, {
      education: [diploma('general_secondary')],
      employment: [job(7, REMOTE, CONFIRMED, 'Работа')],
    });
    expect(sut.summary).toBe(
      'Not eligible: no route holds. ' +
        'Route 1 (formal): needs ТиПО (специалист среднего звена), has общее среднее образование; ' +
        `needs 12 months in ${REMOTE_NAME}, has 7 (counted: "Работа"). ` +
        `Route 2 (informal): needs 12 months in ${REMOTE_NAME}, has 7 (counted: "Работа"); ` +
        'needs a learning record (non-formal course certificate, employer reference, or informal-learning statement ' +
        'confirmed by an employer) with its document, has none.',
    );
  });

  it('throws on an asOf that is not a real date, even where no experience is counted', () => {
    expect(() =>
      evaluateEligibility(SEED[1], candidate({ education: [diploma('higher')] }), FIELDS, '2025-13-01'),
    ).toThrow(RangeError);
  });

  it('does not change its inputs', () => {
    const card = structuredClone(SEED[5]);
    const records = candidate({ education: [diploma('higher', PENDING)], employment: [job(12, REFERENCE, REJECTED)] });
    const copy = structuredClone(records);
    evaluateEligibility(card, records, FIELDS, AS_OF);
    expect(card).toEqual(SEED[5]);
    expect(records).toEqual(copy);
  });
});

describe('cards whose rules are not settled', () => {
  const review: CardPrerequisites = {
    status: 'needs_review',
    routes: [formal('tvet_specialist', 12, REMOTE)],
    reviewReasons: ['education level: "ТиПО или иное" is not a known education level'],
  };
  const qualified = () => ({ education: [diploma('higher')], employment: [job(24, REMOTE)] });

  it('decides nothing for a needs_review card, even when a route holds', () => {
    const sut = evaluate(review, qualified());
    expect(sut.outcome).toBe('needs_review');
    expect(sut.routes[0].holds).toBe(true);
    expect(sut.notes).toEqual([]);
    expect(sut.summary).toBe(
      "Eligibility cannot be decided until an admin confirms the card's prerequisite rules: " +
        'education level: "ТиПО или иное" is not a known education level. 1 of 1 routes read so far hold.',
    );
  });

  it('decides nothing for a needs_review card whose routes fail either', () => {
    expect(evaluate(review, {}).outcome).toBe('needs_review');
  });

  it('decides nothing for a needs_review card with no routes read', () => {
    const sut = evaluate({ status: 'needs_review', routes: [], reviewReasons: ['nothing could be read'] }, qualified());
    expect(sut.outcome).toBe('needs_review');
    expect(sut.routes).toEqual([]);
    expect(sut.summary).toContain('nothing could be read');
  });

  it('decides once an admin has confirmed the rules (confirmed argument)', () => {
    expect(evaluateEligibility(review, candidate(qualified()), FIELDS, AS_OF, true).outcome).toBe('eligible');
    expect(evaluateEligibility(review, candidate({}), FIELDS, AS_OF, true).outcome).toBe('ineligible');
    expect(evaluateEligibility(review, candidate(qualified()), FIELDS, AS_OF, false).outcome).toBe('needs_review');
  });

  it('decides once an admin has confirmed the rules (status confirmed)', () => {
    const confirmed: EligibilityRules = { ...review, status: 'confirmed' };
    expect(evaluate(confirmed, qualified()).outcome).toBe('eligible');
    expect(evaluate(confirmed, {}).outcome).toBe('ineligible');
  });

  it('decides nothing for a card with no routes, whatever its status', () => {
    for (const status of ['structured', 'confirmed'] as const) {
      const sut = evaluate({ status, routes: [] }, qualified());
      expect(sut.outcome).toBe('needs_review');
      expect(sut.summary).toBe(
        'Eligibility cannot be decided: the card states no prerequisite routes; an admin must confirm its rules.',
      );
    }
    expect(
      evaluateEligibility({ status: 'structured', routes: [] }, candidate(qualified()), FIELDS, AS_OF, true).outcome,
    ).toBe('needs_review');
  });

  it('treats an unknown status as not reviewed', () => {
    const odd = { ...SEED[3], status: 'draft' } as unknown as EligibilityRules;
    expect(evaluate(odd, qualified()).outcome).toBe('needs_review');
  });

  it('summarises without reasons when none are given', () => {
    const sut = evaluate({ status: 'needs_review', routes: review.routes }, {});
    expect(sut.summary).toBe(
      "Eligibility cannot be decided until an admin confirms the card's prerequisite rules. 0 of 1 routes read so far hold.",
    );
  });
});
