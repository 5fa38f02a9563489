#!/usr/bin/env node
// Bundles the compiled workflow code once at build time (architecture.md rule 10): a
// workflow importing something the sandbox cannot run fails here, not in production.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { code } = await bundleWorkflowCode({
  workflowsPath: join(root, 'dist', 'workflows', 'index.js'),
  logger: new DefaultLogger('WARN'),
});
writeFileSync(join(root, 'dist', 'workflow-bundle.js'), code);
console.log(`工作流代码已打包：dist/workflow-bundle.js（${(code.length / 1024).toFixed(0)} KiB）`);
