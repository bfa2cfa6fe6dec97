/** Unit tests: the *.spec.ts files beside the code. No database, no network. */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '(apps|libs)/.*\\.spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@qualcert/(\\w+)$': '<rootDir>/libs/$1/src',
    '^@qualcert/(\\w+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};
