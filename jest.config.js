// Three projects: pure unit specs, integration specs on real engines, end-to-end specs on the built apps.
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  // jose ships ES modules only: Node 20 requires them natively, Jest's CommonJS runtime needs them compiled.
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: { '^@dvc/([^/]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
};
module.exports = {
  // Two workers on the 2-core machines CI runs on (Jest's default is one fewer than the cores): most specs wait on
  // an engine, a browser or a child process as much as they compute, so two side by side take about 2/3 of the time.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/int.setup.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/e2e.setup.ts'],
    },
  ],
};
