export * from './decision-rule';
