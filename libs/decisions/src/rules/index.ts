export * from './decision-rule';
export * from './appeal-rule';
export * from './decision-terms';
export * from './reassessment-rule';
