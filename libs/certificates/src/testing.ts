// Test support (spec-support files): for the e2e tests only, never built into dist.
export * from './credentials/conformance/conformance.spec-support';
export * from './pdf/pdf-reader.spec-support';
