// Test support (spec-support files): for specs and e2e tests only, never built into dist.
export * from './outline/card-outline.spec-support';
