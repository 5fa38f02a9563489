import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The sandbox boundary and the direction between layers are lint rules (docs/architecture.md,
// "Layers"): prove that they fire.
// ESLint's typed rules need a real file in the project, so a probe is written and removed.

const ROOT = join(__dirname, '..', '..');

function lint(
  relativePath: string,
  source: string,
): Promise<Array<{ ruleId: string | null; line: number; message: string }>> {
  const file = join(ROOT, relativePath);
  writeFileSync(file, source);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', file],
      { cwd: ROOT },
      (error, stdout) => {
        rmSync(file, { force: true });
        try {
          resolve(
            (
              JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null; line: number; message: string }> }>
            )[0]!.messages,
          );
        } catch {
          reject(error ?? new Error(stdout));
        }
      },
    );
  });
}

describe('ESLint rules', () => {
  it('keep workflows/ to @temporalio/workflow, src/core and their own files (activity types allowed)', async () => {
    const messages = await lint(
      `workflows/__lint-probe-${process.pid}.ts`,
      [
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'path';",
        "import { Injectable } from '@nestjs/common';",
        "import { PrismaClient } from '@prisma/client';",
        "import { planDue } from '../src/applications/due-dates';",
        "import type { ParameterStore } from '../src/policy';",
        "import { divisionCovers } from '../src/core/contracts/division';",
        "import type { createTaskActivities } from '../src/tasks/task.activities';",
        "import { proxyActivities } from '@temporalio/workflow';",
        'export const used = [readFileSync, join, Injectable, PrismaClient, planDue, divisionCovers, proxyActivities];',
        'export type A = ParameterStore | typeof createTaskActivities;',
        '',
      ].join('\n'),
    );
    const refused = (rule: string) =>
      [...new Set(messages.filter((m) => m.ruleId === rule).map((m) => m.line))].sort((a, b) => a - b);
    expect(refused('@typescript-eslint/no-restricted-imports')).toEqual([1, 2, 3, 4]);
    expect(refused('safetynet/layering')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keep src/core importable by both sides: its own files, zod, Temporal common; policy types only', async () => {
    const messages = await lint(
      `src/core/__lint-probe-${process.pid}.ts`,
      [
        "import { z } from 'zod';",
        "import { cstDate } from './clock';",
        "import type { ParameterRef } from '../policy/parameters/types';",
        "import { PARAMETER_IDS } from '../policy';",
        "import { refuse } from '../common/refusals';",
        "import { Injectable } from '@nestjs/common';",
        'export const used = [z, cstDate, PARAMETER_IDS, refuse, Injectable];',
        'export type R = ParameterRef;',
        '',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.ruleId === 'safetynet/layering').map((m) => m.line)).toEqual([4, 5, 6]);
  });

  it('keep the policy engine pure and src/ out of workflow internals', async () => {
    const policy = await lint(
      `src/policy/__lint-probe-${process.pid}.ts`,
      [
        "import { PARAMETER_IDS } from '../core/parameter-ids';",
        "import { readFileSync } from 'node:fs';",
        "import { Injectable } from '@nestjs/common';",
        "import type { PrismaClient } from '@prisma/client';",
        "import { proxyActivities } from '@temporalio/workflow';",
        "import { refuse } from '../common/refusals';",
        'export const used = [PARAMETER_IDS, readFileSync, Injectable, proxyActivities, refuse];',
        'export type P = PrismaClient;',
        '',
      ].join('\n'),
    );
    expect(policy.filter((m) => m.ruleId === 'safetynet/layering').map((m) => m.line)).toEqual([2, 3, 4, 5, 6]);
    const api = await lint(
      `src/__lint-probe-${process.pid}.ts`,
      [
        "import { determinationWorkflow } from '../workflows/determination.workflow';",
        "import { humanStep } from '../workflows/shared/human-step';",
        'export const used = [determinationWorkflow, humanStep];',
        '',
      ].join('\n'),
    );
    expect(api.filter((m) => m.ruleId === 'safetynet/layering').map((m) => m.line)).toEqual([2]);
  });

  it('make a floating promise an error', async () => {
    const messages = await lint(
      `src/__lint-probe-${process.pid}.ts`,
      'export async function f(): Promise<void> {\n  Promise.resolve(1);\n}\n',
    );
    expect(messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-floating-promises');
  });
});
