// Test support (spec-support files): for specs and e2e tests only, never built into dist.
export * from './errors/thrown.spec-support';
export * from './automock.spec-support';
export * from './messages/in-english.spec-support';
