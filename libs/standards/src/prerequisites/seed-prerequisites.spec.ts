import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStandard } from '../parser/standard-parser';
import { parsePrerequisites } from './prerequisite-parser';

/**
 * The rules read from each card of the seed standard, as the parser hands the texts over. The
 * expectations are what a person reads in the card's text (see docs/STANDARDS-IMPORT.md).
 */
const seed = parseStandard(
  readFileSync(join(__dirname, '../../../../standards/kz-ps-reference-information-services-2025.txt'), 'utf8'),
);

const REMOTE = 'remote_information_consulting';
const REFERENCE = 'reference_information_services';
type Route = [kind: 'formal' | 'informal', minEducation: string | null, months: number, field: string | null];

const EXPECTED: Record<number, Route[]> = {
  1: [
    ['formal', 'tvet_worker', 0, null],
    ['informal', null, 0, null],
  ],
  2: [
    ['formal', 'tvet_specialist', 12, REMOTE],
    ['informal', null, 12, REMOTE],
  ],
  // The card's informal-learning cell is empty: no informal route.
  3: [['formal', 'tvet_specialist', 12, REMOTE]],
  4: [
    ['formal', 'tvet_specialist', 12, REMOTE],
    ['informal', null, 12, REMOTE],
  ],
  5: [
    ['formal', 'tvet_specialist', 12, REFERENCE],
    ['formal', 'post_secondary', 0, null],
    ['informal', null, 12, REMOTE],
  ],
  6: [
    ['formal', 'higher', 36, REMOTE],
    ['informal', null, 36, REMOTE],
  ],
  7: [
    ['formal', 'higher', 36, REMOTE],
    ['informal', null, 36, REMOTE],
  ],
  8: [
    ['formal', 'higher', 36, REMOTE],
    ['informal', null, 36, REMOTE],
  ],
  9: [
    ['formal', 'higher', 36, REMOTE],
    ['informal', null, 36, REMOTE],
  ],
  10: [
    ['formal', 'postgraduate', 60, REFERENCE],
    ['informal', null, 60, REMOTE],
  ],
};

describe('prerequisite rules of the seed standard', () => {
  it('covers every card', () => {
    expect(seed.cards.map((c) => c.number)).toEqual(Object.keys(EXPECTED).map(Number));
  });

  it.each(seed.cards.map((card) => [card.number, card.name, card] as const))(
    'card %i (%s): the structured routes match its text',
    (number, _name, card) => {
      const sut = parsePrerequisites(card);
      expect(sut.status).toBe('structured');
      expect(sut.reviewReasons).toEqual([]);
      expect(sut.routes.map((r) => [r.kind, r.minEducation, r.minExperienceMonths, r.experienceField])).toEqual(
        EXPECTED[number],
      );
      for (const route of sut.routes) {
        expect(route.requiresLearningEvidence).toBe(route.kind === 'informal');
        expect(route.sourceText.length).toBeGreaterThan(0);
      }
    },
  );
});

/**
 * The informal route is a way in on either pathway: a learning record with its document plus the
 * experience the cell names (docs/STANDARDS-IMPORT.md). Each card's cell, by the number the
 * standard prints, read under that rule: no education level, the months and field it names.
 */
const INFORMAL: Record<number, [months: number, field: string | null] | 'none'> = {
  // "…подтверждением компетенции и опыта специалиста (сертификаты, отзывы)": the documents confirm
  // the learning; no length of service is named, so none is asked.
  8: [0, null],
  10: [12, REMOTE],
  // The cell is empty: nobody is admitted without the formal requirements.
  11: 'none',
  12: [12, REMOTE],
  // "…в сфере дистанционного … Обязательно … не менее одного года в соответствующей сфере".
  13: [12, REMOTE],
  14: [36, REMOTE],
  // The cell names no field; "соответствующей сфере" is the one the experience cell names.
  15: [36, REMOTE],
  16: [36, REMOTE],
  17: [36, REMOTE],
  18: [60, REMOTE],
};

describe('the informal cell of each seed card', () => {
  it.each(seed.cards.map((card) => [card.printedNumber ?? card.number, card] as const))(
    'card %i: reads as a learning record plus the experience the cell names',
    (printed, card) => {
      const informal = parsePrerequisites(card).routes.filter((r) => r.kind === 'informal');
      const expected = INFORMAL[printed];
      if (expected === 'none') {
        expect(card.informalText.trim()).toBe('');
        expect(informal).toEqual([]);
        return;
      }
      expect(informal).toHaveLength(1);
      expect(informal[0]).toMatchObject({
        minEducation: null,
        minExperienceMonths: expected[0],
        experienceField: expected[1],
        requiresLearningEvidence: true,
      });
      expect(informal[0].sourceText).toContain(card.informalText.trim().slice(0, 40));
    },
  );

  it('covers the cards the standard prints as 8 and 10 to 18', () => {
    expect(seed.cards.map((c) => c.printedNumber)).toEqual(Object.keys(INFORMAL).map(Number));
  });
});
