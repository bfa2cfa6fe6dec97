// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The libraries from the bottom up: each may import only those before it (docs/ARCHITECTURE.md,
 * "Layers"). `database` lists every context's entities, so it sits on top.
 */
const LAYERS = [
  'shared',
  'identity',
  'standards',
  'centres',
  'candidates',
  'evidence',
  'assessment',
  'decisions',
  'certificates',
  'notifications',
  'database',
];

// Another library is reached through its index.ts only; tests may also use its test support.
const DEEP_IMPORT = {
  regex: '^@qualcert/[^/]+/(?!testing$)',
  message: "Import another library from its index ('@qualcert/<name>'); export what it offers there.",
};
// A relative path into another library's folder would get round both rules.
const RELATIVE_INTO_LIBRARY = {
  regex: '^(\\.\\./)+(libs/)?[a-z-]+/src(/|$)',
  message: "Import another library as '@qualcert/<name>'.",
};
const TEST_SUPPORT = {
  regex: '^@qualcert/[^/]+/testing$',
  message: 'Test support is for tests only.',
};

function restrictedImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const layerRules = LAYERS.map((lib, i) => ({
  files: [`libs/${lib}/**/*.ts`],
  ignores: ['**/*.spec.ts'],
  rules: restrictedImports(DEEP_IMPORT, RELATIVE_INTO_LIBRARY, TEST_SUPPORT, {
    regex: `^@qualcert/(${[lib, ...LAYERS.slice(i + 1)].join('|')})(/|$)`,
    message: `libs/${lib} may import only the libraries below it (${LAYERS.slice(0, i).join(', ') || 'none'}), and its own files by relative path.`,
  }),
}));
const layerSpecRules = LAYERS.map((lib, i) => ({
  files: [`libs/${lib}/**/*.spec.ts`],
  rules: restrictedImports(DEEP_IMPORT, RELATIVE_INTO_LIBRARY, {
    regex: `^@qualcert/(${[lib, ...LAYERS.slice(i + 1)].join('|')})(/|$)`,
    message: `libs/${lib} may import only the libraries below it (${LAYERS.slice(0, i).join(', ') || 'none'}), and its own files by relative path.`,
  }),
}));

/**
 * A service orchestrates; its queries live in its context's `*.repository.ts` (or a `*.reader.ts`
 * another context may call): docs/ARCHITECTURE.md, "Each context answers for its own tables".
 */
const SQL_IN_SERVICE = "SQL belongs in the context's *.repository.ts; a service calls the repository.";
const NO_SQL_IN_SERVICES = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
      message: SQL_IN_SERVICE,
    },
    { selector: 'CallExpression[callee.name=/^(preparedQuery|updateReturning)$/]', message: SQL_IN_SERVICE },
    {
      selector:
        "CallExpression:matches([callee.object.name='manager'], [callee.object.property.name='manager'])[callee.property.name=/^(find|findOne|findOneOrFail|findBy|findOneBy|findAndCount|insert|update|upsert|delete|save|remove|count|exists|increment|decrement)$/]",
      message: SQL_IN_SERVICE,
    },
  ],
};
/**
 * Services whose queries are not yet moved (docs/ARCHITECTURE.md lists them); a file leaves this
 * list when its service is moved, and none is added. The kernel's audit trail and outbox write
 * their own one table each and are their own repositories.
 */
const SERVICES_WITH_SQL = [
  'libs/shared/src/audit/audit.service.ts',
  'libs/shared/src/outbox/outbox.service.ts',
  'libs/shared/src/outbox/outbox-relay.service.ts',
];

/** Where a library's SQL lives: its repositories and readers, the entities, the kernel's helpers, tests. */
const SQL_HOMES = [
  'libs/**/*.repository.ts',
  'libs/**/*.reader.ts',
  'libs/**/*.entity.ts',
  'libs/**/*.spec.ts',
  'libs/**/testing/**',
  'libs/**/*.spec-support.ts',
  'libs/shared/src/database-helpers.ts',
  // The one writer of an application's status, with its state machine (docs/ARCHITECTURE.md).
  'libs/candidates/src/applications/application-transition.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.jest/**',
      '*.config.js',
      '*.config.mjs',
      'test/*.config.js',
      'test/browser/*.config.js',
      // Plain Node scripts outside the TypeScript project.
      'scripts/*.js',
      // Generated from the API's OpenAPI document (npm run web:api-types).
      'apps/web/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/**/*.ts', 'bench/**/*.ts'],
    rules: restrictedImports(DEEP_IMPORT, RELATIVE_INTO_LIBRARY, TEST_SUPPORT),
  },
  {
    files: ['test/**/*.ts'],
    rules: restrictedImports(DEEP_IMPORT, RELATIVE_INTO_LIBRARY),
  },
  ...layerRules,
  ...layerSpecRules,
  {
    files: ['libs/**/*.ts'],
    ignores: [...SERVICES_WITH_SQL, ...SQL_HOMES],
    rules: NO_SQL_IN_SERVICES,
  },
  {
    // The portal runs in the browser.
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests use supertest's untyped bodies and Jest's matchers freely.
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  {
    // A focused or skipped test silently shrinks the suite: none may reach main.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
    },
  },
);
