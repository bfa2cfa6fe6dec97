/**
 * Browser tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core through the built
 * portal (dist/web, from npm run build) served by the real API, with the real worker, PostgreSQL
 * and Redis. They share the e2e tests' database, so they run in band.
 */
module.exports = {
  rootDir: '../..',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 240000,
  moduleNameMapper: {
    '^@qualcert/(\\w+)$': '<rootDir>/libs/$1/src',
    '^@qualcert/(\\w+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};
