import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './data-dir';

type Which = 'cli' | 'test-server';
const VARIABLE: Record<Which, string> = { cli: 'TEMPORAL_CLI_PATH', 'test-server': 'TEMPORAL_TEST_SERVER_PATH' };

/**
 * The project's own resolver (scripts/temporal-binaries.mjs) run synchronously in a child
 * process (it is ESM; jest and the benchmarks run CommonJS). The explicit variable wins.
 * Returns undefined when only the SDK's own download is left (machines with internet).
 */
export function temporalBinaryPath(which: Which): string | undefined {
  const variable = VARIABLE[which];
  if (process.env[variable]) return process.env[variable];
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'temporal-binaries.mjs'), which], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`无法获得 Temporal ${which}（见上方输出）`);
  const path = result.stdout
    .split('\n')
    .find((l) => l.startsWith(`${variable}=`))
    ?.slice(variable.length + 1);
  if (path) process.env[variable] = path;
  return path;
}
