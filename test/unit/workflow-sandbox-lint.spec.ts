import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The sandbox boundary is a lint rule (architecture.md rule 1): prove that it fires.
// ESLint's typed rules need a real file in the project, so a probe is written and removed.

const ROOT = join(__dirname, '..', '..');

function lint(relativePath: string, source: string): Promise<Array<{ ruleId: string | null; line: number; message: string }>> {
  const file = join(ROOT, relativePath);
  writeFileSync(file, source);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', file], { cwd: ROOT }, (error, stdout) => {
      rmSync(file, { force: true });
      try {
        resolve((JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null; line: number; message: string }> }>)[0]!.messages);
      } catch {
        reject(error ?? new Error(stdout));
      }
    });
  });
}

describe('ESLint rules', () => {
  it('keep workflows/ free of Node built-ins, Nest, Prisma and runtime imports from src/ (types allowed)', async () => {
    const messages = await lint(
      `workflows/__lint-probe-${process.pid}.ts`,
      [
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'path';",
        "import { Injectable } from '@nestjs/common';",
        "import { PrismaClient } from '@prisma/client';",
        "import { divisionCovers } from '../src/contracts/division';",
        "import type { Actor } from '../src/contracts/roles';",
        'export const used = [readFileSync, join, Injectable, PrismaClient, divisionCovers];',
        'export type A = Actor;',
        '',
      ].join('\n'),
    );
    const restricted = messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line);
    expect(restricted).toEqual([1, 2, 3, 4, 5]);
  });

  it('make a floating promise an error', async () => {
    const messages = await lint(`src/__lint-probe-${process.pid}.ts`, 'export async function f(): Promise<void> {\n  Promise.resolve(1);\n}\n');
    expect(messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-floating-promises');
  });
});
