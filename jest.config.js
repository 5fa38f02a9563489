// One jest run, four tiers (architecture.md rule 8). Nest 12 ships ESM only, so @swc/jest
// also transforms @nestjs/* into CommonJS (toolchain note).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|nestjs-zod|jose|file-type|token-types|strtok3|uint8array-extras|@tokenizer)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // The generated Prisma client imports its own .ts files with .js extensions; the console's
  // forms import the shared contracts as @contracts (Vite's alias), unit-tested here.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^@contracts/(.*)$': '<rootDir>/src/core/contracts/$1' },
};
module.exports = {
  // Suites that start real servers (PostgreSQL, Temporal) need more than the default 5 s.
  testTimeout: 120_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'workflows',
      setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
      testMatch: ['<rootDir>/test/workflows/**/*.spec.ts', '<rootDir>/test/replay/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
    },
  ],
};
