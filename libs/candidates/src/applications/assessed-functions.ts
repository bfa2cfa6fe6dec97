/**
 * Which labour functions an application is assessed on (DOMAIN.md §4, §6): every mandatory
 * function, and the additional functions the candidate chose when applying. A standard's
 * additional functions are optional for the candidate, so none is examined unless asked for; a
 * centre offers those its program covers (the program's `additionalFunctionIds`), and a
 * candidate may choose only among them, so that an exam never examines a skill the program has
 * no questions or tasks for.
 */
import { DomainException, fieldFault, FieldFault } from '@qualcert/shared';

export interface AdditionalFunctionChoice {
  chosen: string[];
  /** The card's additional functions. */
  cardAdditional: string[];
  /** What the centre's active program offers; null when the centre has no active program for the card. */
  offered: string[] | null;
}

/** Refuses a choice naming the same function twice or a function that is not the card's additional one (400), or one the centre does not offer (409). */
export function checkAdditionalFunctions(choice: AdditionalFunctionChoice): string[] {
  const messages: FieldFault[] = [];
  const seen = new Set<string>();
  for (const id of choice.chosen) {
    if (seen.has(id)) messages.push(fieldFault('field:namedTwice', { id }));
    else if (!choice.cardAdditional.includes(id)) messages.push(fieldFault('field:notAdditionalFunction', { id }));
    seen.add(id);
  }
  if (messages.length > 0) throw DomainException.validation([{ field: 'additionalFunctionIds', messages }]);
  const notOffered = choice.chosen.filter((id) => !(choice.offered ?? []).includes(id));
  if (notOffered.length > 0) {
    throw new DomainException(
      'FUNCTION_NOT_OFFERED',
      choice.offered === null
        ? 'The centre runs no program for this card yet: no additional function can be chosen'
        : 'The centre does not assess these additional functions',
      {
        functionIds: notOffered,
        fields: [
          { field: 'additionalFunctionIds', messages: notOffered.map((id) => fieldFault('field:notOffered', { id })) },
        ],
      },
    );
  }
  return [...seen];
}
