export * from './decision-rule';
export * from './appeal-rule';
