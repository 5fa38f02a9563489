#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma 7 generates the Rust-free client; `migrate diff` runs on
// Prisma 6's CLI (npm alias prisma-migrate-diff), whose WASM schema engine needs no download.
// Both CLIs check for native engines at start-up though they never load them here; npm does
// not run @prisma/engines' download (it needs Prisma's own site, unreachable here), so where
// the engines are absent we point the CLIs at a placeholder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * `prisma migrate diff …` through Prisma 6's CLI and its WASM schema engine (see
 * prisma/migrate-diff.config.mjs). Prisma 6 still wants the datasource's `url` that Prisma 7
 * forbids, so each datamodel is diffed as a temporary copy that names it.
 */
export function runMigrateDiff(args, options = {}) {
  const cli = join(root, 'node_modules', 'prisma-migrate-diff', 'build', 'index.js');
  const config = join(root, 'prisma', 'migrate-diff.config.mjs');
  const scratch = mkdtempSync(join(tmpdir(), 'safetynet-diff-'));
  try {
    const withUrl = (file, i) => {
      const copy = join(scratch, `${i}.prisma`);
      const text = readFileSync(file, 'utf8').replace(
        /(datasource db \{\s*provider\s*=\s*"postgresql")/,
        '$1\n  url = env("DATABASE_URL")',
      );
      writeFileSync(copy, text);
      return copy;
    };
    const datamodel = (a, i) => (/^--(from|to)-schema-datamodel$/.test(args[i - 1] ?? '') ? withUrl(a, i) : a);
    const rewritten = args.map(datamodel);
    const schema = withUrl(join(root, 'prisma', 'schema.prisma'), 'schema');
    return spawnSync(process.execPath, [cli, 'migrate', 'diff', '--config', config, ...rewritten], {
      cwd: root,
      stdio: 'inherit',
      ...options,
      env: { ...prismaEnv(), ...options.env, SAFETYNET_DIFF_SCHEMA: schema },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const result = args[0] === 'migrate' && args[1] === 'diff' ? runMigrateDiff(args.slice(2)) : runPrisma(args);
  process.exit(result.status ?? 1);
}
