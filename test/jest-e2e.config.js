/**
 * End-to-end tests: the real app over HTTP (supertest) against real PostgreSQL and Redis.
 * They share one database, so they run in band.
 */
module.exports = {
  rootDir: '..',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
  moduleNameMapper: {
    '^@qualcert/(\\w+)$': '<rootDir>/libs/$1/src',
    '^@qualcert/(\\w+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};
