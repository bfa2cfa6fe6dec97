/**
 * Turns a profession card's three prerequisite texts (DOMAIN.md §3) into PrerequisiteRoute rules.
 *
 * The code knows the vocabulary of such texts in Kazakhstan's professional standards (education
 * level names, number words, "не менее", "без предъявления требований к стажу", "или"/"либо") and
 * nothing about one particular standard, because an assessment centre loads many standards written
 * in the same register. What it cannot read it reports (status needs_review) instead of guessing:
 * a wrong rule would silently admit or refuse candidates, a review costs a person a minute.
 *
 * Readings chosen where the texts leave room:
 * - An education level text naming several levels ("послесреднее … ТиПО (специалист среднего
 *   звена)") lists the levels the card accepts, so its minimum is the lowest of them.
 * - An alternative naming ТиПО without saying which ("Техническое и профессиональное по
 *   специальности") means the ТиПО level the card's education level text names; when the card
 *   names none, any ТиПО qualifies, i.e. ТиПО (рабочие профессии).
 * - An alternative naming no level takes the card's education level.
 * - "в соответствующей сфере деятельности" refers to the field named in the same text (its nearest
 *   antecedent); failing that, to the single field the card's other prerequisite text names.
 *   No field or several candidate fields → needs_review.
 * - Experience stated without a field ("с опытом работы не менее одного года") counts experience
 *   in any field (experienceField null), as the text says. With no experience required the field
 *   is null too, because there is nothing to count.
 * - The informal text is one route: its "либо"/"или" join kinds of learning evidence, not
 *   alternative routes. An informal text that states no experience gives a route with 0 months
 *   (the text, not DOMAIN's typical "at least one year", decides). An empty informal text (a card
 *   whose cell is blank) or an explicit refusal ("не допускается") gives no informal route.
 * - "по специальности (квалификации)" after an education level is not modelled: routes carry no
 *   speciality, and the seed cards' Специальность column is "-".
 * - Only routes read in full are returned; with needs_review the list is incomplete and must not
 *   decide eligibility on its own.
 */
import {
  type CardPrerequisites,
  type EducationLevel,
  educationRank,
  type PrerequisiteRoute,
} from './prerequisite-rules';
import { splitAlternatives } from './alternatives';
import { type EducationMention, type EducationReading, readEducationLevel } from './education-levels';
import { readStatement, type StatementReading } from './experience-statements';
import { globalCopy, normaliseText, prepare, quote, uniq, wordRe } from './prerequisite-text';

// What the specs and the library read from the parser.
export { EXPERIENCE_FIELDS, isExperienceField, listExperienceFields } from './experience-fields';
export { matchExperienceField } from './experience-statements';
export { findEducationMentions, readEducationLevel } from './education-levels';
export { scanDurations } from './durations';
export { splitAlternatives } from './alternatives';
export { normaliseText } from './prerequisite-text';

export interface PrerequisiteTexts {
  /** "Уровень образования", cleaned (letter spacing joined, lines re-joined). */
  educationLevelText: string;
  /** "Требования к опыту работы", cleaned. */
  experienceText: string;
  /** "Связь с неформальным и информальным образованием", cleaned; "" when the cell is empty. */
  informalText: string;
}

const EMPTY_TEXT_RE = /^[\s\-–—.]*$/;
const INFORMAL_REFUSED_RE = wordRe('не\\s+(?:допускается|допустимо|предусмотрен[а-я]*|применяется)');
const INFORMAL_LEARNING_RE = wordRe('(?:неформальн|информальн|обучени|курс|сертификат|самообразовани)[а-я]*');
const SOURCE_JOINER = ' — ';

interface LevelChoice {
  level: EducationLevel;
  /** The card's education level text decided or narrowed the level. */
  fromCardText: boolean;
}

function levelOfMentions(mentions: EducationMention[], card: EducationReading): LevelChoice | null {
  const choices = mentions.map((m): LevelChoice => {
    if (m.level !== null) return { level: m.level, fromCardText: false };
    const named = card.tvetLevels[0];
    return named !== undefined ? { level: named, fromCardText: true } : { level: 'tvet_worker', fromCardText: false };
  });
  if (choices.length === 0) return null;
  return choices.reduce((low, c) => (educationRank(c.level) < educationRank(low.level) ? c : low));
}

interface FieldChoice {
  field: string | null;
  /** Text of another statement the field was taken from ("соответствующей сфере"). */
  borrowedFrom: string | null;
  problems: string[];
}

/**
 * The field a stated duration must be served in. `elsewhere` lists, nearest first, the other
 * statements of the card that may hold the antecedent of "соответствующей сфере".
 */
function chooseField(own: StatementReading, elsewhere: StatementReading[][]): FieldChoice {
  const problems = own.fields.unknown.map(
    (phrase) => `field ${quote(phrase)} is not in the experience field catalogue`,
  );
  if (own.fields.known.length > 1) {
    problems.push(`names several fields (${own.fields.known.join(', ')}); which one counts is unclear`);
  }
  if (problems.length > 0) return { field: null, borrowedFrom: null, problems };
  if (own.fields.known.length === 1) {
    return { field: own.fields.known[0], borrowedFrom: null, problems };
  }
  if (!own.fields.relative) return { field: null, borrowedFrom: null, problems };
  for (const tier of elsewhere) {
    const keys = uniq(tier.flatMap((s) => s.fields.known));
    if (keys.length === 1) {
      const source = tier.find((s) => s.fields.known.includes(keys[0]));
      return { field: keys[0], borrowedFrom: source?.text ?? null, problems };
    }
    if (keys.length > 1) {
      return {
        field: null,
        borrowedFrom: null,
        problems: [`"соответствующей сфере" may mean any of ${keys.join(', ')}; which one is unclear`],
      };
    }
  }
  return {
    field: null,
    borrowedFrom: null,
    problems: ['"соответствующей сфере" refers to a field that the card does not name'],
  };
}

function durationOf(statement: StatementReading): { months: number | null; problems: string[] } {
  const problems = [...statement.durationProblems];
  if (statement.noRequirement && statement.durations.length > 0) {
    problems.push('states both that no experience is required and a duration');
  } else if (statement.durations.length > 1) {
    problems.push(`states several durations (${statement.durations.join(', ')} months)`);
  } else if (
    statement.durations.length === 0 &&
    !statement.noRequirement &&
    statement.mentionsExperience &&
    problems.length === 0
  ) {
    problems.push('speaks of experience but its duration cannot be read');
  }
  if (problems.length > 0) return { months: null, problems };
  return { months: statement.durations[0] ?? 0, problems };
}

interface Work {
  routes: PrerequisiteRoute[];
  reasons: string[];
}

function readFormalRoutes(
  texts: PrerequisiteTexts,
  card: EducationReading,
  informal: StatementReading | null,
  work: Work,
): void {
  const educationText = prepare(texts.educationLevelText).original;
  const alternatives = EMPTY_TEXT_RE.test(texts.experienceText)
    ? []
    : splitAlternatives(texts.experienceText).map((t) => readStatement(t, 'experience'));

  if (alternatives.length === 0) {
    // Nothing is said about experience: the education level alone is the requirement.
    if (card.level === null) {
      work.reasons.push('no education level and no experience requirement could be read');
      return;
    }
    work.routes.push({
      kind: 'formal',
      minEducation: card.level,
      minExperienceMonths: 0,
      experienceField: null,
      requiresLearningEvidence: false,
      sourceText: educationText,
    });
    return;
  }

  alternatives.forEach((alt, index) => {
    const where =
      alternatives.length > 1
        ? `experience requirement, alternative ${index + 1} (${quote(alt.text)})`
        : `experience requirement (${quote(alt.text)})`;
    const problems: string[] = [];

    let level: LevelChoice | null = levelOfMentions(alt.mentions, card);
    if (level === null) {
      if (card.level === null) {
        problems.push("names no education level, and the card's education level could not be read");
      } else {
        level = { level: card.level, fromCardText: true };
      }
    }

    const duration = durationOf(alt);
    problems.push(...duration.problems);
    if (
      duration.months === 0 &&
      !alt.noRequirement &&
      alternatives.slice(index + 1).some((later) => later.durations.length > 0 || later.mentionsExperience)
    ) {
      // "A или B с опытом …": the experience may belong to both.
      problems.push('states no experience while a later alternative does; it may share that requirement');
    }

    let field: FieldChoice = { field: null, borrowedFrom: null, problems: [] };
    if (duration.months !== null && duration.months > 0) {
      const others = alternatives.filter((_, i) => i !== index);
      field = chooseField(alt, [others, informal === null ? [] : [informal]]);
      problems.push(...field.problems);
    }

    if (problems.length > 0 || level === null || duration.months === null) {
      work.reasons.push(...problems.map((p) => `${where}: ${p}`));
      return;
    }
    const sources = [
      ...(level.fromCardText ? [educationText] : []),
      alt.text,
      ...(field.borrowedFrom !== null ? [field.borrowedFrom] : []),
    ];
    work.routes.push({
      kind: 'formal',
      minEducation: level.level,
      minExperienceMonths: duration.months,
      experienceField: duration.months > 0 ? field.field : null,
      requiresLearningEvidence: false,
      sourceText: uniq(sources).join(SOURCE_JOINER),
    });
  });
}

function readInformalRoute(
  texts: PrerequisiteTexts,
  card: EducationReading,
  informal: StatementReading | null,
  work: Work,
): void {
  if (informal === null) return;
  const lower = normaliseText(informal.text);
  if (globalCopy(INFORMAL_REFUSED_RE).test(lower)) return;
  const where = `informal learning (${quote(informal.text)})`;
  if (!globalCopy(INFORMAL_LEARNING_RE).test(lower)) {
    work.reasons.push(`${where}: does not say which non-formal or informal learning is accepted`);
    return;
  }
  const problems: string[] = [];
  const duration = durationOf(informal);
  problems.push(...duration.problems);

  let field: FieldChoice = { field: null, borrowedFrom: null, problems: [] };
  if (duration.months !== null && duration.months > 0) {
    const experience = EMPTY_TEXT_RE.test(texts.experienceText)
      ? []
      : splitAlternatives(texts.experienceText).map((t) => readStatement(t, 'experience'));
    field = chooseField(informal, [experience]);
    problems.push(...field.problems);
  }
  const level = levelOfMentions(informal.mentions, card);

  if (problems.length > 0 || duration.months === null) {
    work.reasons.push(...problems.map((p) => `${where}: ${p}`));
    return;
  }
  const sources = [
    informal.text,
    ...(level?.fromCardText === true ? [prepare(texts.educationLevelText).original] : []),
    ...(field.borrowedFrom !== null ? [field.borrowedFrom] : []),
  ];
  work.routes.push({
    kind: 'informal',
    minEducation: level?.level ?? null,
    minExperienceMonths: duration.months,
    experienceField: duration.months > 0 ? field.field : null,
    requiresLearningEvidence: true,
    sourceText: uniq(sources).join(SOURCE_JOINER),
  });
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Reads a card's prerequisite texts into alternative routes: one formal route per alternative of
 * the experience text, then the informal route. Never throws: text it cannot read comes back as
 * status needs_review with one reason per problem.
 */
export function parsePrerequisites(input: PrerequisiteTexts): CardPrerequisites {
  try {
    // Callers pass data read from files and databases; a missing text must not crash an import.
    const raw: Partial<Record<keyof PrerequisiteTexts, unknown>> = input ?? {};
    const texts: PrerequisiteTexts = {
      educationLevelText: asText(raw.educationLevelText),
      experienceText: asText(raw.experienceText),
      informalText: asText(raw.informalText),
    };
    const work: Work = { routes: [], reasons: [] };

    const reading = readEducationLevel(texts.educationLevelText);
    const educationText = prepare(texts.educationLevelText).original;
    if (!EMPTY_TEXT_RE.test(educationText)) {
      if (reading.level === null) {
        work.reasons.push(`education level: ${quote(educationText)} is not a known education level`);
      } else if (reading.unrecognised.length > 0) {
        work.reasons.push(
          `education level: ${quote(reading.unrecognised.join(' '))} in ${quote(educationText)} is not a known education level`,
        );
      }
    }
    // With an unknown word in it the card's minimum may be lower than the levels that were read,
    // so routes that rely on it are not built.
    const card: EducationReading = reading.unrecognised.length > 0 ? { ...reading, level: null } : reading;

    const informal = EMPTY_TEXT_RE.test(texts.informalText) ? null : readStatement(texts.informalText, 'informal');

    readFormalRoutes(texts, card, informal, work);
    readInformalRoute(texts, card, informal, work);

    const reviewReasons = uniq(work.reasons);
    return {
      status: reviewReasons.length > 0 ? 'needs_review' : 'structured',
      routes: work.routes,
      reviewReasons,
    };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'needs_review',
      routes: [],
      reviewReasons: [`the prerequisite texts could not be read: ${message}`],
    };
  }
}
