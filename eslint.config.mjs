import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Test code: specs, the test setups, and the test-only libraries (never built into dist: .swcrc). */
const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  'test/**',
  'libs/testing/src/**',
  'libs/indicators-reference/src/**',
  '**/testing/**',
];

const RESTRICTED_PATHS = [
  { name: '@dvc/indicators-reference', message: 'The reference is test-only code.' },
  { name: 'fast-check', message: 'Arbitraries are test-only code.' },
  {
    name: 'nestjs-zod',
    importNames: ['createZodDto'],
    message: "Make DTOs with apps/api/src/http/zod-dto's createZodDto (documents nullable fields right).",
  },
];
const RESTRICTED_PATTERNS = [
  { group: ['**/*.spec', '**/*.int-spec', '**/*.e2e-spec'], message: 'Specs are test-only code.' },
  { group: ['@dvc/*/src/**'], message: "Import another lib by its index: '@dvc/name'." },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-dev/**', 'node_modules/**', 'data/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    // No import cycles, within a lib or between libs (through their index files): a lib's dependencies form a tree.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Boundaries: no code reaches into the reference or specs; DTOs from our createZodDto; libs by their index.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'tools/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { paths: RESTRICTED_PATHS, patterns: RESTRICTED_PATTERNS }] },
  },
  {
    // What ships in dist (the apps, the libs, the operators' CLI) never imports test code either; the developer
    // tools (bench, schema dump, security doc) may use libs/testing's engines (they build into dist-dev).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'tools/cli/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...RESTRICTED_PATHS,
            { name: '@dvc/testing', message: 'libs/testing is test-only code (not in dist).' },
          ],
          patterns: [
            ...RESTRICTED_PATTERNS,
            { group: ['**/testing/*', '!@dvc/*'], message: 'Test setups are test-only code (not in dist).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { module: 'readonly', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @dvc/config only.' },
      ],
    },
  },
  {
    files: [
      'libs/config/src/**',
      'libs/testing/src/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'test/**',
      'apps/web/e2e/**',
      'tools/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
