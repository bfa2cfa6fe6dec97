/**
 * A candidate's theory test, assembled when they start it (DOMAIN.md §5): for each skill of the
 * program, `perSkill` distinct questions drawn uniformly at random from that skill's active
 * questions, each with its options in a random order.
 *
 * Choices:
 * - Items stay grouped by skill, in the order the skills are given (the program's order, which
 *   follows the standard), shuffled only within a skill. The test is scored per skill and reviewed
 *   per skill on appeal; a script that reads skill by skill is what the candidate, the assessor
 *   and the panel can follow. Which questions come, and in what order, is still random.
 * - Randomness is injected, so a test can be replayed from a seed and tested; nothing here reads
 *   Math.random. The draws are consumed in a fixed order: per skill, the question draws, then the
 *   option shuffle of each chosen question in turn.
 * - When any skill has too few questions no test is assembled and every short skill is named, so
 *   the bank can be completed in one go rather than one refusal at a time.
 */
import { DomainException, fieldError } from '@qualcert/shared';

export interface BankQuestion {
  /** The current version of an active question: what the candidate is shown and scored against. */
  questionVersionId: string;
  skillId: string;
  optionIds: string[];
}

export interface AssembledItem {
  questionVersionId: string;
  skillId: string;
  /** The question's options, in the order this candidate sees them. */
  optionOrder: string[];
}

export interface ShortSkill {
  skillId: string;
  /** Distinct questions the bank holds for the skill. */
  available: number;
  needed: number;
}

export type AssemblyResult = { ok: true; items: AssembledItem[] } | { ok: false; short: ShortSkill[] };

/** A source of numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

function randomIndex(random: RandomSource, below: number): number {
  const value = random();
  // A source outside [0, 1) would pick out of range or bias the draw; that is a bug to surface.
  if (!(value >= 0 && value < 1)) {
    throw new RangeError(`random() must return a number in [0, 1), got ${value}`);
  }
  return Math.floor(value * below);
}

/**
 * The first `count` elements of a Fisher–Yates shuffle of `items`: every ordered selection of
 * `count` distinct elements is equally likely. `count` defaults to all (a full shuffle). The
 * input is not changed.
 */
export function drawShuffled<T>(items: readonly T[], random: RandomSource, count = items.length): T[] {
  const pool = [...items];
  const take = Math.min(Math.max(count, 0), pool.length);
  for (let index = 0; index < take; index += 1) {
    const pick = index + randomIndex(random, pool.length - index);
    [pool[index], pool[pick]] = [pool[pick], pool[index]];
  }
  return pool.slice(0, take);
}

/**
 * Assembles a test from the bank, or names every skill that lacks questions. A question listed
 * twice in the bank counts once; a skill listed twice is examined once. Throws VALIDATION_FAILED
 * when perSkill is not a positive whole number, which only a broken program configuration gives.
 */
export function assembleTest(
  bank: readonly BankQuestion[],
  skillIds: readonly string[],
  perSkill: number,
  random: RandomSource,
): AssemblyResult {
  if (!Number.isInteger(perSkill) || perSkill < 1) {
    throw DomainException.validation([fieldError('perSkill', 'field:wholeAtLeast', { min: 1 })]);
  }

  const bySkill = new Map<string, BankQuestion[]>();
  const seenVersions = new Set<string>();
  for (const question of bank) {
    if (seenVersions.has(question.questionVersionId)) continue;
    seenVersions.add(question.questionVersionId);
    const pool = bySkill.get(question.skillId) ?? [];
    pool.push(question);
    bySkill.set(question.skillId, pool);
  }

  const skills = [...new Set(skillIds)];
  const short: ShortSkill[] = skills
    .map((skillId) => ({ skillId, available: bySkill.get(skillId)?.length ?? 0, needed: perSkill }))
    .filter((skill) => skill.available < skill.needed);
  if (short.length > 0) return { ok: false, short };

  const items: AssembledItem[] = [];
  for (const skillId of skills) {
    const chosen = drawShuffled(bySkill.get(skillId) ?? [], random, perSkill);
    for (const question of chosen) {
      items.push({
        questionVersionId: question.questionVersionId,
        skillId,
        optionOrder: drawShuffled(question.optionIds, random),
      });
    }
  }
  return { ok: true, items };
}

/**
 * mulberry32: a small, fast 32-bit PRNG, good enough to replay a test or drive unit tests. Not
 * for anything that must be unpredictable to an adversary.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
