import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './data-dir';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

type Start = (opts: { dir: string; port: number; database: string; persistent?: boolean }) => Promise<RunningPostgres>;

/** The one implementation lives in scripts/embedded-postgres.mjs (ESM, also run by the tests). */
export async function startEmbeddedPostgres(opts: Parameters<Start>[0]): Promise<RunningPostgres> {
  const url = pathToFileURL(join(PROJECT_ROOT, 'scripts', 'embedded-postgres.mjs')).href;
  const { startEmbeddedPostgres: start } = (await import(url)) as { startEmbeddedPostgres: Start };
  return start(opts);
}
