export * from './application-progress';
export * from './exam-outcome';
export * from './impartiality';
export * from './option-labels';
export * from './program-readiness';
export * from './scoring';
export * from './test-assembly';
export * from './exam-statistics';
