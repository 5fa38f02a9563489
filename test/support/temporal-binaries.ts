import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

type Which = 'cli' | 'test-server';
const VARIABLE: Record<Which, string> = { cli: 'TEMPORAL_CLI_PATH', 'test-server': 'TEMPORAL_TEST_SERVER_PATH' };

/**
 * The project's own resolver (scripts/temporal-binaries.mjs) run as a child process: it
 * is ESM and jest runs CommonJS. Returns undefined when the SDK should download instead.
 */
export function temporalBinary(which: Which): string | undefined {
  const variable = VARIABLE[which];
  if (process.env[variable]) return process.env[variable];
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'temporal-binaries.mjs'), which], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`无法获得 Temporal ${which}（见上方输出）`);
  const line = result.stdout.split('\n').find((l) => l.startsWith(`${variable}=`));
  const path = line?.slice(variable.length + 1);
  if (path) process.env[variable] = path;
  return path;
}

export const executable = (path: string | undefined) =>
  path ? ({ type: 'existing-path', path } as const) : ({ type: 'cached-download' } as const);
