import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluateEligibility,
  LEARNING_KINDS,
  type CandidateRecords,
  type EmploymentFacts,
  type RecordCheck,
  experienceMonths,
} from '@qualcert/candidates';
import { buildFieldTree, EDUCATION_LEVELS, parsePrerequisites, parseStandard } from '@qualcert/standards';
import { ROOT } from './support/processes';
import { check, fail, median, ratio, targetsText, writeResult } from './support/results';

/**
 * The eligibility rule (a pure function) over 100,000 synthetic candidates with varied education,
 * employment and learning records, their documents confirmed, pending or rejected, each checked
 * against one of the seed standard's ten cards in turn, with the cards' rules as the prerequisite
 * parser reads them and experience counted over the field tree. Baseline, in the same run: the
 * experience arithmetic alone (the months of work in any field), the part that touches dates.
 */
const CANDIDATES = 100_000;
const ROUNDS = 5;
const AS_OF = '2026-06-30';

/** A small deterministic generator, so every run checks the same candidates. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The tree the migration seeds (GET /api/v1/fields), as the worker reads it. */
const FIELDS = buildFieldTree(
  [
    ['reference_information_services', null],
    ['remote_information_consulting', 'reference_information_services'],
    ['contact_centre', 'remote_information_consulting'],
    ['call_centre', 'remote_information_consulting'],
    ['other', null],
  ].map(([code, parentCode], position) => ({
    code: code as string,
    parentCode,
    position,
    names: { kk: code as string, ru: code as string, en: code as string },
  })),
);

function candidates(): CandidateRecords[] {
  const random = generator(20260630);
  const fields = [...FIELDS.nodes.keys()];
  const asOf = Date.parse(`${AS_OF}T00:00:00Z`);
  const day = 86_400_000;
  let serial = 0;
  // Most documents confirmed, some awaiting the check, a few rejected.
  const check = (): RecordCheck => {
    const roll = random();
    return { hasDocument: true, verdict: roll < 0.7 ? 'confirmed' : roll < 0.9 ? 'pending' : 'rejected', reason: null };
  };
  const record = (label: string) => ({ id: `r${(serial += 1)}`, label, check: check() });
  return Array.from({ length: CANDIDATES }, (): CandidateRecords => {
    // Nobody to three diplomas; nobody to five jobs, some overlapping, some still going on.
    const education = Array.from({ length: Math.floor(random() * 4) }, () => ({
      ...record('Колледж связи, 2016'),
      level: EDUCATION_LEVELS[Math.floor(random() * EDUCATION_LEVELS.length)],
    }));
    const employment: EmploymentFacts[] = Array.from({ length: Math.floor(random() * 6) }, () => {
      const start = asOf - Math.floor(random() * 15 * 365) * day;
      const ongoing = random() < 0.3;
      const end = start + Math.floor(random() * 6 * 365) * day;
      return {
        ...record('АО «Казахтелеком», оператор'),
        field: fields[Math.floor(random() * fields.length)],
        startDate: isoDay(start),
        endDate: ongoing ? null : isoDay(Math.min(end, asOf)),
      };
    });
    const learning = Array.from({ length: Math.floor(random() * 3) }, () => ({
      ...record('Курс «Оператор контакт-центра»'),
      kind: LEARNING_KINDS[Math.floor(random() * LEARNING_KINDS.length)],
    }));
    return { education, employment, learning };
  });
}

function main(): void {
  const standard = parseStandard(
    readFileSync(join(ROOT, 'standards/kz-ps-reference-information-services-2025.txt'), 'utf8'),
  );
  const cards = standard.cards.map((card) => parsePrerequisites(card));
  const people = candidates();

  const evaluate: number[] = [];
  const arithmetic: number[] = [];
  const outcomes: Record<string, number> = {};
  // Keeps the optimiser from discarding work whose result nobody reads.
  let sink = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    for (let i = 0; i < people.length; i += 1) {
      const result = evaluateEligibility(cards[i % cards.length], people[i], FIELDS, AS_OF);
      if (round === 0) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      sink += result.summary.length;
    }
    evaluate.push(performance.now() - started);
    started = performance.now();
    for (const person of people) sink += experienceMonths(person.employment, null, AS_OF);
    arithmetic.push(performance.now() - started);
  }
  if (sink === 0) throw new Error('nothing was evaluated');
  const perItemUs = (ms: number) => +((ms * 1000) / CANDIDATES).toFixed(2);
  const system = perItemUs(median(evaluate));
  const baseline = perItemUs(median(arithmetic));
  const targets = [check('per candidate', system, 'µs', '<', 100)];
  writeResult('eligibility', {
    candidates: CANDIDATES,
    rounds: ROUNDS,
    cards: cards.length,
    outcomes,
    baseline: {
      name: 'experienceMonths(records, any field) alone',
      medianMs: +median(arithmetic).toFixed(1),
      perItemUs: baseline,
    },
    system: {
      name: 'evaluateEligibility (card rules as parsed, field tree, document checks, summary text)',
      medianMs: +median(evaluate).toFixed(1),
      perItemUs: system,
    },
    ratio: ratio(system, baseline),
    target: 'under 100 µs per candidate: a re-check of 100,000 candidates within 10 s of one core',
    targets,
  });
  process.stdout.write(
    `eligibility: ${system} µs per candidate (${CANDIDATES} candidates, median of ${ROUNDS}); experience arithmetic alone ` +
      `${baseline} µs; rule/arithmetic = ${ratio(system, baseline)}x — ${targetsText(targets)}\n`,
  );
}

try {
  main();
} catch (error) {
  fail(error);
}
