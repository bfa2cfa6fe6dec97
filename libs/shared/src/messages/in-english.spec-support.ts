import { localise } from './localise';

/** A value as the API would answer it in English: field faults become their text. */
export function inEnglish<T>(value: T): T {
  return localise(value, 'en');
}
