export * from './parsed-standard';
export { parseStandard } from './standard-parser';
export { WarningCode } from './parse-warnings';
export { skillTableWords, wordsOf } from './word-accounting';
export type { SkillTableWords } from './word-accounting';
