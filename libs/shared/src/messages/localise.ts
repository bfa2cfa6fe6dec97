import { isMessageCode, renderMessage, type MessageCode, type MessageParams } from './catalogue';
import type { Language } from './language';

/**
 * How an answer's body is put in the caller's language, when it is given (the API's interceptor
 * and error filter call localise). What is stored keeps codes and parameters, so an explanation
 * written by the worker in one language reads in the language of whoever reads it later.
 *
 * - An object `{ code, params, message }` whose code is in the catalogue gets its message
 *   rendered from the code and the params.
 * - An object whose `reason` is its `explanations` joined (an exam outcome, exam-outcome.ts) gets
 *   the reason joined again from the rendered explanations.
 * - An object `{ code, params }` and nothing else (what is wrong with a request's field, FieldFault)
 *   becomes its text: error details list a field's faults as strings.
 * - A context may register a composer for a richer shape (an eligibility result, a notification):
 *   it renders that object, and the walk does not go below it.
 */
export interface MessageComposer {
  /** Whether the composer renders this object (checked on every object of a body: keep it cheap). */
  matches(value: Record<string, unknown>): boolean;
  /** Renders a copy of the object (the composer may change it) and returns it. */
  compose(value: Record<string, unknown>, language: Language): Record<string, unknown>;
}

const composers: MessageComposer[] = [];

export function registerComposer(composer: MessageComposer): void {
  if (!composers.includes(composer)) composers.push(composer);
}

const isPlainParams = (value: unknown): value is MessageParams =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field's fault (FieldFault: a code and its parameters, nothing else); an explanation also has its message. */
const isFieldFault = (object: Record<string, unknown>): object is { code: MessageCode; params: MessageParams } =>
  isMessageCode(object.code) && isPlainParams(object.params) && Object.keys(object).length === 2;

/**
 * A copy of the body with every explanation rendered in the language. Only the objects on the
 * way to an explanation are copied: what a service keeps (a cache) is never changed.
 */
export function localise<T>(body: T, language: Language): T {
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value !== 'object' || value === null || depth > 40) return value;
    if (Array.isArray(value)) {
      const items = value as unknown[];
      let copy: unknown[] | null = null;
      items.forEach((item, i) => {
        const next = walk(item, depth + 1);
        if (next !== item) (copy ??= [...items])[i] = next;
      });
      return copy ?? value;
    }
    // Only plain objects and DTO instances: never a Buffer, a Date or a stream.
    if (value instanceof Date || Buffer.isBuffer(value) || typeof (value as { pipe?: unknown }).pipe === 'function')
      return value;
    const object = value as Record<string, unknown>;
    // A field's fault (errors' details.fields[].messages) is answered as its text.
    if (isFieldFault(object)) return renderMessage(language, object.code, object.params);
    const composer = composers.find((c) => c.matches(object));
    if (composer) return composer.compose(structuredClone(object), language);
    let copy: Record<string, unknown> | null = null;
    if (isMessageCode(object.code) && typeof object.message === 'string' && isPlainParams(object.params)) {
      copy = { ...object, message: renderMessage(language, object.code, object.params) };
    }
    for (const [key, item] of Object.entries(object)) {
      const next = walk(item, depth + 1);
      if (next !== item) (copy ??= { ...object })[key] = next;
    }
    const explanations = copy?.explanations;
    if (copy && typeof copy.reason === 'string' && Array.isArray(explanations)) {
      copy.reason = (explanations as { message?: unknown }[]).map((e) => String(e.message)).join('; ');
    }
    return copy ?? value;
  };
  return walk(body, 0) as T;
}
