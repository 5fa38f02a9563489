#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma 6 checks for its native engines at start-up even
// though the Rust-free client (engineType "client") and the WASM schema engine never
// load them; npm does not run @prisma/engines' download (it needs Prisma's own site,
// unreachable here), so where the engines are absent we point the CLI at a placeholder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function prismaEnv() {
  const enginesDir = join(root, 'node_modules', '@prisma', 'engines');
  const files = existsSync(enginesDir) ? readdirSync(enginesDir) : [];
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  const placeholder = join(root, 'node_modules', '.cache', 'safetynet', 'prisma-engine-placeholder');
  const need = (prefix, variable) => {
    if (!files.some((f) => f.startsWith(prefix)) && !env[variable]) {
      mkdirSync(dirname(placeholder), { recursive: true });
      if (!existsSync(placeholder)) writeFileSync(placeholder, '');
      env[variable] = placeholder;
    }
  };
  need('libquery_engine', 'PRISMA_QUERY_ENGINE_LIBRARY');
  need('schema-engine', 'PRISMA_SCHEMA_ENGINE_BINARY');
  return env;
}

/** True when Prisma's native schema engine is installed (then `migrate deploy` works). */
export function hasNativeSchemaEngine() {
  const enginesDir = join(root, 'node_modules', '@prisma', 'engines');
  return existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
}

export function runPrisma(args, options = {}) {
  const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, env: prismaEnv(), stdio: 'inherit', ...options });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = runPrisma(process.argv.slice(2));
  process.exit(result.status ?? 1);
}
