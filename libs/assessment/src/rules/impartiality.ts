/**
 * Whether an assessor may be assigned to an exam session or a review (DOMAIN.md §5): only for
 * cards they are accredited for, at an ОРК level at least the card's, and never to a candidate
 * they declared a conflict of interest with, directly or through the candidate's employer.
 *
 * Every refusal is listed, not only the first, so that a centre manager sees at once all that
 * stands in the way (an assessor with a lapsed accreditation and a conflict needs both fixed).
 * Order: accreditation, ОРК level, then per candidate in the order given, the candidate conflict
 * before the employer conflicts in the order of the candidate's employers.
 */
import { DomainException, isIsoDay, fieldError } from '@qualcert/shared';

export type AssessorAccreditationStatus = 'active' | 'revoked';

export interface AssessorAccreditation {
  cardId: string;
  /** YYYY-MM-DD, included. */
  validFrom: string;
  /** YYYY-MM-DD, included. */
  validTo: string;
  status: AssessorAccreditationStatus;
}

export interface ImpartialityCandidate {
  id: string;
  /** Employer names as the candidate recorded them; compared by normaliseEmployer. */
  employers: string[];
}

export type ConflictDeclaration = { kind: 'candidate'; candidateId: string } | { kind: 'employer'; employer: string };

export interface ImpartialityInput {
  assessor: { orkLevel: number | null; accreditations: AssessorAccreditation[] };
  card: { id: string; orkLevel: number };
  /** YYYY-MM-DD: the day the assignment is for (the session date, or today for a review). */
  on: string;
  candidates: ImpartialityCandidate[];
  /** Open declarations only: a withdrawn declaration no longer bars anything. */
  conflicts: ConflictDeclaration[];
}

export type AssessorRefusalRule =
  'NOT_ACCREDITED_FOR_CARD' | 'ORK_LEVEL_TOO_LOW' | 'CONFLICT_WITH_CANDIDATE' | 'CONFLICT_WITH_EMPLOYER';

export interface AssessorRefusal {
  rule: AssessorRefusalRule;
  message: string;
  candidateId?: string;
  /** The employer as the candidate recorded it, so the message matches what the manager sees. */
  employer?: string;
}

// Straight, typographic and German-style quotes all occur in names typed by hand or pasted from
// registry extracts; none of them is part of the name.
const QUOTES = /[«»“”„‟"'‘’‚‛‹›`]/g;

// Punctuation that only separates words: "Казахтелеком, АО" and "АО «Казахтелеком»" name the same
// employer. Hyphens, ampersands and digits stay, because they do distinguish names.
const SEPARATORS = /[,.;:()[\]{}/\\|]/g;

/**
 * Abbreviated legal forms, lower case, after ё→е. Russian and Kazakh forms used in Kazakhstan's
 * registers, and the Latin ones used in English-language extracts. A word is dropped only when it
 * is one of these as a whole, so "Тоотранс" keeps its "тоо".
 */
const LEGAL_FORM_WORDS = new Set([
  // Russian
  'тоо', // товарищество с ограниченной ответственностью
  'тдо', // товарищество с дополнительной ответственностью
  'ао', // акционерное общество
  'нао', // некоммерческое акционерное общество
  'оао',
  'зао',
  'пао',
  'ооо',
  'ип', // индивидуальный предприниматель
  'гу', // государственное учреждение
  'кгу',
  'ргу',
  'ргп', // республиканское государственное предприятие
  'кгп', // коммунальное государственное предприятие
  'гкп',
  'ргкп',
  'гккп',
  'пк', // производственный кооператив
  'оо', // общественное объединение
  'оф', // общественный фонд
  'чу', // частное учреждение
  'уо', // учреждение образования
  'кх', // крестьянское хозяйство
  'фх', // фермерское хозяйство
  // Kazakh
  'жшс', // жауапкершілігі шектеулі серіктестік (ТОО)
  'ақ', // акционерлік қоғам (АО)
  'кеақ', // коммерциялық емес акционерлік қоғам (НАО)
  'жк', // жеке кәсіпкер (ИП)
  'мм', // мемлекеттік мекеме (ГУ)
  'рмк', // республикалық мемлекеттік кәсіпорын (РГП)
  'кмк', // коммуналдық мемлекеттік кәсіпорын (КГП)
  'шжқ', // шаруашылық жүргізу құқығындағы (на ПХВ)
  'пхв', // на праве хозяйственного ведения, as in "РГП на ПХВ"
  'өк', // өндірістік кооператив (ПК)
  'қб', // қоғамдық бірлестік (ОО)
  'шқ', // шаруа қожалығы (КХ)
  // Latin
  'llp',
  'jsc',
  'llc',
  'ltd',
  'plc',
  'inc',
  'corp',
  'gmbh',
]);

/** Spelled-out legal forms, as word sequences; removed before the abbreviations. */
const LEGAL_FORM_PHRASES: string[][] = [
  'товарищество с ограниченной ответственностью',
  'товарищество с дополнительной ответственностью',
  'некоммерческое акционерное общество',
  'акционерное общество',
  'индивидуальный предприниматель',
  'государственное учреждение',
  'республиканское государственное предприятие',
  'коммунальное государственное предприятие',
  'производственный кооператив',
  'на праве хозяйственного ведения',
  // "РГП на ПХВ": the abbreviation goes with the word list, the preposition only in this phrase.
  'на пхв',
  'жауапкершілігі шектеулі серіктестік',
  'жауапкершілігі шектеулі серіктестігі',
  'акционерлік қоғам',
  'акционерлік қоғамы',
  'жеке кәсіпкер',
  'мемлекеттік мекеме',
  'мемлекеттік мекемесі',
  'limited liability partnership',
  'joint stock company',
  'joint-stock company',
].map((phrase) => phrase.split(' '));

function dropPhrases(words: string[]): string[] {
  const kept: string[] = [];
  let index = 0;
  while (index < words.length) {
    const phrase = LEGAL_FORM_PHRASES.find((candidate) =>
      candidate.every((word, offset) => words[index + offset] === word),
    );
    if (phrase) {
      index += phrase.length;
    } else {
      kept.push(words[index]);
      index += 1;
    }
  }
  return kept;
}

/**
 * An employer name reduced to what identifies the organisation, so that "ТОО «Казахтелеком»",
 * "Казахтелеком ТОО" and "казахтелеком" compare equal: lower case, ё→е, quotes removed,
 * separating punctuation turned into spaces, legal forms (ТОО, АО, ИП, ЖШС, LLP, JSC… and their
 * spelled-out forms) dropped, whitespace collapsed. A name that is nothing but a legal form gives
 * the empty string.
 */
export function normaliseEmployer(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(QUOTES, '')
    .replace(SEPARATORS, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  return dropPhrases(words)
    .filter((word) => !LEGAL_FORM_WORDS.has(word))
    .join(' ');
}

function accreditationRefusal(input: ImpartialityInput): AssessorRefusal | null {
  const forCard = input.assessor.accreditations.filter((accreditation) => accreditation.cardId === input.card.id);
  // A malformed date in a stored accreditation cannot be trusted to cover any day.
  const covering = forCard.filter(
    (accreditation) =>
      isIsoDay(accreditation.validFrom) &&
      isIsoDay(accreditation.validTo) &&
      accreditation.validFrom <= input.on &&
      input.on <= accreditation.validTo,
  );
  if (covering.some((accreditation) => accreditation.status === 'active')) return null;

  let why: string;
  if (forCard.length === 0) why = 'has no accreditation for it';
  else if (covering.length > 0) why = 'the accreditation covering that day was revoked';
  else why = 'no accreditation for it is valid on that day';
  return {
    rule: 'NOT_ACCREDITED_FOR_CARD',
    message: `Not accredited for card ${input.card.id} on ${input.on}: ${why}`,
  };
}

function orkLevelRefusal(input: ImpartialityInput): AssessorRefusal | null {
  const { orkLevel } = input.assessor;
  const needed = input.card.orkLevel;
  if (orkLevel === null) {
    return {
      rule: 'ORK_LEVEL_TOO_LOW',
      message: `ОРК level too low: the assessor's level is unknown, card ${input.card.id} needs level ${needed} or higher`,
    };
  }
  if (orkLevel < needed) {
    return {
      rule: 'ORK_LEVEL_TOO_LOW',
      message: `ОРК level too low: the assessor's level ${orkLevel} is below level ${needed} of card ${input.card.id}`,
    };
  }
  return null;
}

function conflictRefusals(input: ImpartialityInput): AssessorRefusal[] {
  const conflictedCandidates = new Set<string>();
  const conflictedEmployers = new Set<string>();
  for (const conflict of input.conflicts) {
    if (conflict.kind === 'candidate') {
      conflictedCandidates.add(conflict.candidateId);
    } else {
      const normalised = normaliseEmployer(conflict.employer);
      // An empty key would match every other name that is only a legal form, which says nothing.
      if (normalised !== '') conflictedEmployers.add(normalised);
    }
  }

  const refusals: AssessorRefusal[] = [];
  const seenCandidates = new Set<string>();
  for (const candidate of input.candidates) {
    if (seenCandidates.has(candidate.id)) continue;
    seenCandidates.add(candidate.id);

    if (conflictedCandidates.has(candidate.id)) {
      refusals.push({
        rule: 'CONFLICT_WITH_CANDIDATE',
        message: `Conflict with candidate: the assessor declared a conflict of interest with candidate ${candidate.id}`,
        candidateId: candidate.id,
      });
    }

    // Two spellings of one employer on a candidate's record are one conflict, not two.
    const seenEmployers = new Set<string>();
    for (const employer of candidate.employers) {
      const normalised = normaliseEmployer(employer);
      if (!conflictedEmployers.has(normalised) || seenEmployers.has(normalised)) continue;
      seenEmployers.add(normalised);
      refusals.push({
        rule: 'CONFLICT_WITH_EMPLOYER',
        message: `Conflict with employer: the assessor declared a conflict of interest with employer "${employer}", which employs candidate ${candidate.id}`,
        candidateId: candidate.id,
        employer,
      });
    }
  }
  return refusals;
}

/**
 * The reasons the assessor may not be assigned to the given card and candidates on the given day;
 * empty when they may. Throws VALIDATION_FAILED when `on` is not a real YYYY-MM-DD day, because
 * a date compared as text must be well formed to mean anything.
 */
export function assessorRefusals(input: ImpartialityInput): AssessorRefusal[] {
  if (!isIsoDay(input.on)) {
    throw DomainException.validation([fieldError('on', 'field:date')]);
  }
  const refusals: AssessorRefusal[] = [];
  const accreditation = accreditationRefusal(input);
  if (accreditation) refusals.push(accreditation);
  const level = orkLevelRefusal(input);
  if (level) refusals.push(level);
  refusals.push(...conflictRefusals(input));
  return refusals;
}
