import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStandard } from '@qualcert/standards/parser/standard-parser';
import { parsePrerequisites } from '@qualcert/standards/prerequisites/prerequisite-parser';
import {
  EDUCATION_LEVELS,
  EDUCATION_LEVEL_LABELS,
  educationRank,
  type CardPrerequisites,
  type EducationLevel,
  type PrerequisiteRoute,
} from '@qualcert/standards/prerequisites/prerequisite-rules';
import {
  evaluateEligibility,
  type CandidateRecords,
  type EligibilityResult,
  type EligibilityRules,
  type RouteResult,
} from './eligibility';
import type { EmploymentPeriod } from './experience';

const AS_OF = '2025-06-30';
const REMOTE = 'remote_information_consulting';
const REFERENCE = 'reference_information_services';
const REMOTE_LABEL = 'дистанционное информационно-консультационное обслуживание';
const REFERENCE_LABEL = 'справочно-информационные службы';

function formal(minEducation: EducationLevel, months: number, field: string | null): PrerequisiteRoute {
  return {
    kind: 'formal',
    minEducation,
    minExperienceMonths: months,
    experienceField: field,
    requiresLearningEvidence: false,
    sourceText: `${EDUCATION_LEVEL_LABELS[minEducation]}, ${months} months`,
  };
}

function informal(months: number, field: string | null): PrerequisiteRoute {
  return {
    kind: 'informal',
    minEducation: null,
    minExperienceMonths: months,
    experienceField: field,
    requiresLearningEvidence: true,
    sourceText: `Неформальное обучение, ${months} months`,
  };
}

function structured(...routes: PrerequisiteRoute[]): CardPrerequisites {
  return { status: 'structured', routes, reviewReasons: [] };
}

/**
 * The ten cards of the seed standard as the parser reads them (docs/STANDARDS-IMPORT.md,
 * libs/standards/src/prerequisites/seed-prerequisites.spec.ts).
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

function iso(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

/** Exactly `months` whole months of work in `field`, ending on AS_OF (2025-06-30). */
function worked(months: number, field: string): EmploymentPeriod {
  return { field, startDate: iso(Date.UTC(2025, 6 - months, 1)), endDate: AS_OF };
}

function candidate(records: Partial<CandidateRecords> = {}): CandidateRecords {
  return { educationLevels: [], employment: [], learningEvidenceCount: 0, pathway: 'assessment', ...records };
}

function evaluate(card: EligibilityRules, records: Partial<CandidateRecords>): EligibilityResult {
  return evaluateEligibility(card, candidate(records), AS_OF);
}

function holding(result: EligibilityResult): number[] {
  return result.routes.filter((r) => r.holds).map((r) => r.index);
}

function failed(route: RouteResult): string[] {
  return route.conditions.filter((c) => !c.holds).map((c) => c.kind);
}

function levelBelow(level: EducationLevel): EducationLevel {
  return EDUCATION_LEVELS[educationRank(level) - 1];
}

/** The least a candidate needs to meet `route` exactly. */
function meeting(route: PrerequisiteRoute): CandidateRecords {
  return candidate({
    educationLevels: route.minEducation === null ? [] : [route.minEducation],
    employment:
      route.minExperienceMonths > 0 ? [worked(route.minExperienceMonths, route.experienceField ?? REMOTE)] : [],
    pathway: route.requiresLearningEvidence ? 'recognition' : 'assessment',
    learningEvidenceCount: route.requiresLearningEvidence ? 1 : 0,
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

  it.each(ROUTES)('card %i route %i (%s): holds for a candidate who meets it exactly', (card, index, _kind, route) => {
    const sut = evaluateEligibility(SEED[card], meeting(route), AS_OF);
    expect(sut.outcome).toBe('eligible');
    expect(sut.routes[index].holds).toBe(true);
    expect(sut.routes[index].conditions.every((c) => c.holds)).toBe(true);
    expect(sut.routes).toHaveLength(SEED[card].routes.length);
    expect(sut.routes[index]).toMatchObject({ index, kind: route.kind, sourceText: route.sourceText });
  });

  it.each(ROUTES.filter(([, , , route]) => route.minEducation !== null && educationRank(route.minEducation) > 0))(
    'card %i route %i (%s): fails one education level short, and with no education',
    (card, index, _kind, route) => {
      const met = meeting(route);
      const below = levelBelow(route.minEducation as EducationLevel);
      const short = evaluateEligibility(SEED[card], { ...met, educationLevels: [below] }, AS_OF).routes[index];
      expect(short.holds).toBe(false);
      expect(failed(short)).toEqual(['education']);
      expect(short.conditions[0]).toMatchObject({ required: route.minEducation, actual: below });

      const none = evaluateEligibility(SEED[card], { ...met, educationLevels: [] }, AS_OF).routes[index];
      expect(failed(none)).toEqual(['education']);
      expect(none.conditions[0].message).toMatch(/, has none$/);
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.minExperienceMonths > 0))(
    'card %i route %i (%s): fails one month short',
    (card, index, _kind, route) => {
      const months = route.minExperienceMonths;
      const records = { ...meeting(route), employment: [worked(months - 1, route.experienceField ?? REMOTE)] };
      const sut = evaluateEligibility(SEED[card], records, AS_OF).routes[index];
      expect(sut.holds).toBe(false);
      expect(failed(sut)).toEqual(['experience']);
      expect(sut.conditions[1]).toMatchObject({ required: months, actual: months - 1 });
      expect(sut.conditions[1].message).toContain(`needs ${months} months in `);
      expect(sut.conditions[1].message).toMatch(new RegExp(`, has ${months - 1}$`));
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.experienceField !== null))(
    'card %i route %i (%s): experience in another field does not count',
    (card, index, _kind, route) => {
      const other = route.experienceField === REMOTE ? REFERENCE : REMOTE;
      const records = { ...meeting(route), employment: [worked(route.minExperienceMonths + 24, other)] };
      const sut = evaluateEligibility(SEED[card], records, AS_OF).routes[index];
      expect(failed(sut)).toEqual(['experience']);
      expect(sut.conditions[1].actual).toBe(0);
    },
  );

  it.each(ROUTES.filter(([, , , route]) => route.requiresLearningEvidence))(
    'card %i route %i (%s): fails without learning evidence, and on the assessment pathway',
    (card, index, _kind, route) => {
      const met = meeting(route);
      const without = evaluateEligibility(SEED[card], { ...met, learningEvidenceCount: 0 }, AS_OF).routes[index];
      expect(failed(without)).toEqual(['learning_evidence']);
      expect(without.conditions[2].message).toContain('has 0');

      const assessed = evaluateEligibility(
        SEED[card],
        { ...met, pathway: 'assessment', learningEvidenceCount: 5 },
        AS_OF,
      ).routes[index];
      expect(failed(assessed)).toEqual(['learning_evidence']);
      expect(assessed.conditions[2].message).toContain('assessment pathway');
    },
  );

  it.each(ROUTES.filter(([, , , route]) => !route.requiresLearningEvidence))(
    'card %i route %i (%s): a formal route asks for no learning evidence',
    (card, index, _kind, route) => {
      const sut = evaluateEligibility(SEED[card], meeting(route), AS_OF).routes[index];
      expect(sut.conditions.map((c) => c.kind)).toEqual(['education', 'experience']);
    },
  );

  it.each(SEED_CARDS)('card %i: a candidate with nothing is not eligible', (card) => {
    const sut = evaluate(SEED[card], {});
    expect(sut.outcome).toBe('ineligible');
    expect(sut.routes.every((r) => !r.holds)).toBe(true);
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

describe('the seed cards, case by case', () => {
  describe('card 1 (ТиПО рабочие, no experience · informal, no experience)', () => {
    const card = SEED[1];

    it('admits ТиПО (рабочие профессии) with no work at all', () => {
      const sut = evaluate(card, { educationLevels: ['tvet_worker'] });
      expect(sut.outcome).toBe('eligible');
      expect(holding(sut)).toEqual([0]);
      expect(sut.routes[0].conditions[1]).toMatchObject({
        kind: 'experience',
        holds: true,
        required: 0,
        actual: 0,
        message: 'no work experience required',
      });
    });

    it('refuses general secondary education on the assessment pathway', () => {
      const sut = evaluate(card, { educationLevels: ['general_secondary'], learningEvidenceCount: 2 });
      expect(sut.outcome).toBe('ineligible');
      expect(sut.routes[0].conditions[0].message).toBe('needs ТиПО (рабочие профессии), has общее среднее образование');
    });

    it('admits general secondary education through recognition with one evidence file', () => {
      const sut = evaluate(card, {
        educationLevels: ['general_secondary'],
        pathway: 'recognition',
        learningEvidenceCount: 1,
      });
      expect(sut.outcome).toBe('eligible');
      expect(holding(sut)).toEqual([1]);
      expect(sut.routes[1].conditions[0]).toMatchObject({ holds: true, required: 'none', actual: 'general_secondary' });
      expect(sut.routes[1].conditions[0].message).toBe('no education level required');
    });

    it('admits through both routes at once', () => {
      const sut = evaluate(card, { educationLevels: ['higher'], pathway: 'recognition', learningEvidenceCount: 3 });
      expect(holding(sut)).toEqual([0, 1]);
      expect(sut.summary).toMatch(/^Eligible by route 1 \(formal\): /);
    });
  });

  describe.each([2, 4])('card %i (ТиПО специалист, 12 months remote · informal, same)', (number) => {
    const card = SEED[number];

    it.each([
      ['ТиПО specialist with 12 months', ['tvet_specialist'], 12, 'assessment', 0, 'eligible', [0]],
      ['ТиПО specialist with 11 months', ['tvet_specialist'], 11, 'assessment', 0, 'ineligible', []],
      ['ТиПО worker with 12 months', ['tvet_worker'], 12, 'assessment', 0, 'ineligible', []],
      ['higher education with 12 months', ['higher'], 12, 'assessment', 0, 'eligible', [0]],
      ['no education, 12 months, recognition with evidence', [], 12, 'recognition', 1, 'eligible', [1]],
      ['no education, 11 months, recognition with evidence', [], 11, 'recognition', 1, 'ineligible', []],
      ['no education, 12 months, recognition without evidence', [], 12, 'recognition', 0, 'ineligible', []],
      ['no education, 12 months, assessment with evidence', [], 12, 'assessment', 1, 'ineligible', []],
      [
        'ТиПО specialist, 12 months, recognition with evidence',
        ['tvet_specialist'],
        12,
        'recognition',
        1,
        'eligible',
        [0, 1],
      ],
    ] as const)('%s', (_label, educationLevels, months, pathway, learningEvidenceCount, outcome, routes) => {
      const sut = evaluate(card, {
        educationLevels: [...educationLevels],
        employment: [worked(months, REMOTE)],
        pathway,
        learningEvidenceCount,
      });
      expect(sut.outcome).toBe(outcome);
      expect(holding(sut)).toEqual(routes);
    });

    it('does not count 24 months in reference-information services', () => {
      const sut = evaluate(card, { educationLevels: ['tvet_specialist'], employment: [worked(24, REFERENCE)] });
      expect(sut.outcome).toBe('ineligible');
      expect(sut.routes[0].conditions[1].message).toBe(`needs 12 months in ${REMOTE_LABEL}, has 0`);
    });
  });

  describe('card 3 (ТиПО специалист, 12 months remote, no informal route)', () => {
    const card = SEED[3];

    it('has one route only', () => {
      const sut = evaluate(card, { educationLevels: ['tvet_specialist'], employment: [worked(12, REMOTE)] });
      expect(sut.outcome).toBe('eligible');
      expect(sut.routes).toHaveLength(1);
    });

    it('gives recognition with evidence no way in', () => {
      const sut = evaluate(card, {
        educationLevels: ['tvet_worker'],
        employment: [worked(48, REMOTE)],
        pathway: 'recognition',
        learningEvidenceCount: 10,
      });
      expect(sut.outcome).toBe('ineligible');
      expect(sut.routes.map((r) => r.kind)).toEqual(['formal']);
      expect(sut.routes[0].conditions.map((c) => c.kind)).toEqual(['education', 'experience']);
    });

    it('refuses 11 months and admits 12', () => {
      const at = (months: number) =>
        evaluate(card, { educationLevels: ['tvet_specialist'], employment: [worked(months, REMOTE)] }).outcome;
      expect(at(11)).toBe('ineligible');
      expect(at(12)).toBe('eligible');
    });
  });

  describe('card 5 (ТиПО специалист + 12 months reference · послесреднее · informal 12 months remote)', () => {
    const card = SEED[5];

    it.each([
      ['ТиПО specialist, 12 months reference', ['tvet_specialist'], [worked(12, REFERENCE)], 'assessment', 0, [0]],
      ['ТиПО specialist, 11 months reference', ['tvet_specialist'], [worked(11, REFERENCE)], 'assessment', 0, []],
      ['ТиПО specialist, 12 months remote', ['tvet_specialist'], [worked(12, REMOTE)], 'assessment', 0, []],
      [
        'ТиПО specialist, 12 months remote, recognition',
        ['tvet_specialist'],
        [worked(12, REMOTE)],
        'recognition',
        1,
        [2],
      ],
      ['post-secondary, no work', ['post_secondary'], [], 'assessment', 0, [1]],
      ['higher, no work', ['higher'], [], 'assessment', 0, [1]],
      ['postgraduate and 12 months reference', ['postgraduate'], [worked(12, REFERENCE)], 'assessment', 0, [0, 1]],
      ['ТиПО worker, no work', ['tvet_worker'], [], 'assessment', 0, []],
      ['no education, 12 months remote, recognition', [], [worked(12, REMOTE)], 'recognition', 2, [2]],
      ['no education, 12 months reference, recognition', [], [worked(12, REFERENCE)], 'recognition', 2, []],
    ] as const)('%s', (_label, educationLevels, employment, pathway, learningEvidenceCount, routes) => {
      const sut = evaluate(card, {
        educationLevels: [...educationLevels],
        employment: [...employment],
        pathway,
        learningEvidenceCount,
      });
      expect(holding(sut)).toEqual(routes);
      expect(sut.outcome).toBe(routes.length > 0 ? 'eligible' : 'ineligible');
    });

    it('explains each of the three routes when none holds', () => {
      const sut = evaluate(card, { educationLevels: ['tvet_specialist'], employment: [worked(7, REMOTE)] });
      expect(sut.summary).toBe(
        'Not eligible: no route holds. ' +
          `Route 1 (formal): needs 12 months in ${REFERENCE_LABEL}, has 0. ` +
          'Route 2 (formal): needs послесреднее образование (прикладной бакалавриат), has ТиПО (специалист среднего звена). ' +
          `Route 3 (informal): needs 12 months in ${REMOTE_LABEL}, has 7; ` +
          'needs at least 1 evidence file of non-formal or informal learning on the recognition pathway; ' +
          'this application takes the assessment pathway, which takes no learning evidence.',
      );
    });
  });

  describe.each([6, 7, 8, 9])('card %i (высшее, 36 months remote · informal, same)', (number) => {
    const card = SEED[number];

    it.each([
      ['higher, 36 months', ['higher'], 36, 'assessment', 0, [0]],
      ['higher, 35 months', ['higher'], 35, 'assessment', 0, []],
      ['postgraduate, 36 months', ['postgraduate'], 36, 'assessment', 0, [0]],
      ['post-secondary, 36 months', ['post_secondary'], 36, 'assessment', 0, []],
      ['post-secondary, 36 months, recognition', ['post_secondary'], 36, 'recognition', 1, [1]],
      ['post-secondary, 35 months, recognition', ['post_secondary'], 35, 'recognition', 1, []],
    ] as const)('%s', (_label, educationLevels, months, pathway, learningEvidenceCount, routes) => {
      const sut = evaluate(card, {
        educationLevels: [...educationLevels],
        employment: [worked(months, REMOTE)],
        pathway,
        learningEvidenceCount,
      });
      expect(holding(sut)).toEqual(routes);
    });

    it('counts overlapping and ongoing jobs once: 36 months, not 48', () => {
      const employment: EmploymentPeriod[] = [
        { field: REMOTE, startDate: '2022-07-01', endDate: '2023-12-31' },
        { field: REMOTE, startDate: '2023-01-01', endDate: '2024-03-31' },
        { field: REMOTE, startDate: '2024-04-01', endDate: null },
        { field: REFERENCE, startDate: '2019-01-01', endDate: '2022-06-30' },
      ];
      const sut = evaluate(card, { educationLevels: ['higher'], employment });
      expect(sut.outcome).toBe('eligible');
      expect(sut.routes[0].conditions[1]).toMatchObject({ required: 36, actual: 36 });

      const dayLater = evaluate(card, {
        educationLevels: ['higher'],
        employment: [{ ...employment[0], startDate: '2022-07-02' }, ...employment.slice(1)],
      });
      expect(dayLater.outcome).toBe('ineligible');
      expect(dayLater.routes[0].conditions[1].message).toBe(`needs 36 months in ${REMOTE_LABEL}, has 35`);
    });
  });

  describe('card 10 (послевузовское, 60 months reference · informal, 60 months remote)', () => {
    const card = SEED[10];

    it.each([
      ['postgraduate, 60 months reference', ['postgraduate'], [worked(60, REFERENCE)], 'assessment', 0, [0]],
      ['postgraduate, 59 months reference', ['postgraduate'], [worked(59, REFERENCE)], 'assessment', 0, []],
      ['higher, 60 months reference', ['higher'], [worked(60, REFERENCE)], 'assessment', 0, []],
      ['postgraduate, 60 months remote', ['postgraduate'], [worked(60, REMOTE)], 'assessment', 0, []],
      ['higher, 60 months remote, recognition', ['higher'], [worked(60, REMOTE)], 'recognition', 1, [1]],
      ['higher, 59 months remote, recognition', ['higher'], [worked(59, REMOTE)], 'recognition', 1, []],
      [
        'postgraduate, 60 months reference, recognition',
        ['postgraduate'],
        [worked(60, REFERENCE)],
        'recognition',
        1,
        [0],
      ],
    ] as const)('%s', (_label, educationLevels, employment, pathway, learningEvidenceCount, routes) => {
      const sut = evaluate(card, {
        educationLevels: [...educationLevels],
        employment: [...employment],
        pathway,
        learningEvidenceCount,
      });
      expect(holding(sut)).toEqual(routes);
    });

    it('takes the highest of several education records', () => {
      const sut = evaluate(card, {
        educationLevels: ['tvet_worker', 'postgraduate', 'higher'],
        employment: [worked(60, REFERENCE)],
      });
      expect(sut.outcome).toBe('eligible');
      expect(sut.routes[0].conditions[0]).toMatchObject({ actual: 'postgraduate', holds: true });
    });
  });
});

describe('conditions and messages', () => {
  const card2 = SEED[2];

  it('says how many months are needed in which field and how many the candidate has', () => {
    const sut = evaluate(card2, { educationLevels: ['tvet_specialist'], employment: [worked(7, REMOTE)] });
    expect(sut.routes[0].conditions[1]).toEqual({
      kind: 'experience',
      holds: false,
      required: 12,
      actual: 7,
      message: 'needs 12 months in дистанционное информационно-консультационное обслуживание, has 7',
    });
  });

  it('names the levels needed and held', () => {
    const sut = evaluate(card2, { educationLevels: ['general_secondary'] });
    expect(sut.routes[0].conditions[0]).toEqual({
      kind: 'education',
      holds: false,
      required: 'tvet_specialist',
      actual: 'general_secondary',
      message: 'needs ТиПО (специалист среднего звена), has общее среднее образование',
    });
  });

  it('says "has none" without an education record', () => {
    const sut = evaluate(card2, {});
    expect(sut.routes[0].conditions[0]).toMatchObject({
      actual: 'none',
      message: 'needs ТиПО (специалист среднего звена), has none',
    });
  });

  it('says when a higher level satisfies a lower requirement', () => {
    const sut = evaluate(card2, { educationLevels: ['higher'], employment: [worked(12, REMOTE)] });
    expect(sut.routes[0].conditions[0]).toMatchObject({
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
        const sut = evaluate(card, { educationLevels: [held] });
        expect(sut.routes[0].holds).toBe(educationRank(held) >= educationRank(required));
      }
    }
  });

  it('ignores stored education values that are not levels', () => {
    const sut = evaluate(card2, { educationLevels: ['phd' as EducationLevel, 'tvet_worker'] });
    expect(sut.routes[0].conditions[0].actual).toBe('tvet_worker');
  });

  it('explains the learning evidence condition on each pathway', () => {
    const records = { employment: [worked(12, REMOTE)] };
    const route = (r: Partial<CandidateRecords>) => evaluate(card2, { ...records, ...r }).routes[1].conditions[2];
    expect(route({ pathway: 'recognition', learningEvidenceCount: 2 })).toEqual({
      kind: 'learning_evidence',
      holds: true,
      required: 1,
      actual: 2,
      message: 'needs at least 1 evidence file of non-formal or informal learning, has 2',
    });
    expect(route({ pathway: 'recognition', learningEvidenceCount: 0 })).toMatchObject({
      holds: false,
      message: 'needs at least 1 evidence file of non-formal or informal learning, has 0',
    });
    expect(route({ pathway: 'assessment', learningEvidenceCount: 2 })).toMatchObject({
      holds: false,
      actual: 2,
      message:
        'needs at least 1 evidence file of non-formal or informal learning on the recognition pathway; ' +
        'this application takes the assessment pathway, which takes no learning evidence',
    });
  });

  it('treats a negative or non-numeric evidence count as none', () => {
    for (const learningEvidenceCount of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const sut = evaluate(card2, { employment: [worked(12, REMOTE)], pathway: 'recognition', learningEvidenceCount });
      expect(sut.routes[1].holds).toBe(false);
      expect(sut.routes[1].conditions[2].actual).toBe(0);
    }
  });

  it('counts experience in any field when the route names none', () => {
    const card = structured(formal('general_secondary', 12, null));
    const sut = evaluate(card, {
      educationLevels: ['general_secondary'],
      employment: [worked(4, REMOTE), { field: 'other', startDate: '2023-01-01', endDate: '2023-03-31' }],
    });
    expect(sut.routes[0].conditions[1]).toMatchObject({
      holds: false,
      actual: 7,
      message: 'needs 12 months of work experience in any field, has 7',
    });
  });

  it('uses singular "month" and falls back to the key for a field not in the catalogue', () => {
    const card = structured(formal('general_secondary', 1, 'beekeeping'));
    const sut = evaluate(card, { educationLevels: ['general_secondary'] });
    expect(sut.routes[0].conditions[1].message).toBe('needs 1 month in beekeeping, has 0');
  });

  it('reports the months held even where none are required', () => {
    const sut = evaluate(SEED[1], { educationLevels: ['tvet_worker'], employment: [worked(5, REFERENCE)] });
    expect(sut.routes[0].conditions[1]).toMatchObject({ holds: true, required: 0, actual: 5 });
  });

  it('summarises an eligible result by the first route that holds', () => {
    const sut = evaluate(card2, {
      educationLevels: ['tvet_specialist'],
      employment: [worked(13, REMOTE)],
      pathway: 'recognition',
      learningEvidenceCount: 1,
    });
    expect(sut.summary).toBe(
      'Eligible by route 1 (formal): needs ТиПО (специалист среднего звена), has ТиПО (специалист среднего звена); ' +
        `needs 12 months in ${REMOTE_LABEL}, has 13.`,
    );
  });

  it('summarises an ineligible result by what failed, route by route', () => {
    const sut = evaluate(card2, { educationLevels: ['general_secondary'], employment: [worked(7, REMOTE)] });
    expect(sut.summary).toBe(
      'Not eligible: no route holds. ' +
        'Route 1 (formal): needs ТиПО (специалист среднего звена), has общее среднее образование; ' +
        `needs 12 months in ${REMOTE_LABEL}, has 7. ` +
        `Route 2 (informal): needs 12 months in ${REMOTE_LABEL}, has 7; ` +
        'needs at least 1 evidence file of non-formal or informal learning on the recognition pathway; ' +
        'this application takes the assessment pathway, which takes no learning evidence.',
    );
  });

  it('throws on an asOf that is not a real date, even where no experience is counted', () => {
    expect(() => evaluateEligibility(SEED[1], candidate({ educationLevels: ['higher'] }), '2025-13-01')).toThrow(
      RangeError,
    );
  });

  it('does not change its inputs', () => {
    const card = structuredClone(SEED[5]);
    const records = candidate({ educationLevels: ['higher'], employment: [worked(12, REFERENCE)] });
    const copy = structuredClone(records);
    evaluateEligibility(card, records, AS_OF);
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
  const qualified = { educationLevels: ['higher'] as EducationLevel[], employment: [worked(24, REMOTE)] };

  it('decides nothing for a needs_review card, even when a route holds', () => {
    const sut = evaluate(review, qualified);
    expect(sut.outcome).toBe('needs_review');
    expect(sut.routes[0].holds).toBe(true);
    expect(sut.summary).toBe(
      "Eligibility cannot be decided until an admin confirms the card's prerequisite rules: " +
        'education level: "ТиПО или иное" is not a known education level. 1 of 1 routes read so far hold.',
    );
  });

  it('decides nothing for a needs_review card whose routes fail either', () => {
    expect(evaluate(review, {}).outcome).toBe('needs_review');
  });

  it('decides nothing for a needs_review card with no routes read', () => {
    const sut = evaluate({ status: 'needs_review', routes: [], reviewReasons: ['nothing could be read'] }, qualified);
    expect(sut.outcome).toBe('needs_review');
    expect(sut.routes).toEqual([]);
    expect(sut.summary).toContain('nothing could be read');
  });

  it('decides once an admin has confirmed the rules (confirmed argument)', () => {
    expect(evaluateEligibility(review, candidate(qualified), AS_OF, true).outcome).toBe('eligible');
    expect(evaluateEligibility(review, candidate({}), AS_OF, true).outcome).toBe('ineligible');
    expect(evaluateEligibility(review, candidate(qualified), AS_OF, false).outcome).toBe('needs_review');
  });

  it('decides once an admin has confirmed the rules (status confirmed)', () => {
    const confirmed: EligibilityRules = { ...review, status: 'confirmed' };
    expect(evaluate(confirmed, qualified).outcome).toBe('eligible');
    expect(evaluate(confirmed, {}).outcome).toBe('ineligible');
  });

  it('decides nothing for a card with no routes, whatever its status', () => {
    for (const status of ['structured', 'confirmed'] as const) {
      const sut = evaluate({ status, routes: [] }, qualified);
      expect(sut.outcome).toBe('needs_review');
      expect(sut.summary).toBe(
        'Eligibility cannot be decided: the card states no prerequisite routes; an admin must confirm its rules.',
      );
    }
    expect(evaluateEligibility({ status: 'structured', routes: [] }, candidate(qualified), AS_OF, true).outcome).toBe(
      'needs_review',
    );
  });

  it('treats an unknown status as not reviewed', () => {
    const odd = { ...SEED[3], status: 'draft' } as unknown as EligibilityRules;
    expect(evaluate(odd, qualified).outcome).toBe('needs_review');
  });

  it('summarises without reasons when none are given', () => {
    const sut = evaluate({ status: 'needs_review', routes: review.routes }, {});
    expect(sut.summary).toBe(
      "Eligibility cannot be decided until an admin confirms the card's prerequisite rules. 0 of 1 routes read so far hold.",
    );
  });
});
