/**
 * What a candidate must know before choosing the recognition pathway for a card (DOMAIN.md §4):
 * only skills the standard recommends for recognition can be credited on evidence, so on a card
 * that recommends none (card 18 of the seed standard) the pathway is still offered — a candidate
 * may prefer it, and the informal route of admission is the same — but every skill will be
 * examined at an exam session. The warning says so as a stable code.
 */
import { explain, type Explanation } from '@qualcert/shared';

export function recognitionWarnings(skills: { recognition: 'recommended' | 'not_recommended' }[]): Explanation[] {
  return skills.some((skill) => skill.recognition === 'recommended') ? [] : [explain('EVERY_SKILL_EXAMINED')];
}
