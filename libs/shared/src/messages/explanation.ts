import { MESSAGES, renderMessage, type ExplanationCode, type MessageParams } from './catalogue';

/**
 * Explanations and warnings shown to people: a stable code, its parameters and a message. What is
 * stored is the code and the parameters; the message is rendered from the catalogue
 * (catalogue.ts) in English here and again in the caller's language when an answer carries it
 * (localise.ts). A code, once published, keeps its meaning and its parameters.
 */
export type ExplanationParams = MessageParams;
export type { ExplanationCode };

export interface Explanation {
  code: string;
  params: ExplanationParams;
  message: string;
}

/** Every explanation code's English template (the catalogue holds all three languages). */
export const EXPLANATION_TEMPLATES = Object.fromEntries(
  Object.entries(MESSAGES).map(([code, templates]) => [code, templates.en]),
) as Record<ExplanationCode, string>;

export function explain(code: ExplanationCode, params: ExplanationParams = {}): Explanation {
  return { code, params: { ...params }, message: renderMessage('en', code, params) };
}
