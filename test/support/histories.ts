import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the replay tier's recorded histories live (test/replay/histories). */
export const HISTORIES_DIR = join(__dirname, '..', 'replay', 'histories');
/** sha256 of every committed history: a changed or re-recorded history fails the replay test. */
export const HISTORIES_LOCK = join(__dirname, '..', 'replay', 'histories.lock');

/**
 * With RECORD_HISTORIES=1, keeps a workflow's history for the replay test, as protobufjs'
 * JSON (what `temporal workflow show --output json` writes). A committed history is never
 * rewritten: a changed path gets a new name (and a patch) beside the old one. With
 * HISTORY_TAG=<tag> a path already recorded is recorded again as `<name>@<tag>.json`, so
 * the current code's histories stand beside those of the code before its patches.
 */
export async function recordHistory(file: string, fetchHistory: () => Promise<unknown>): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  let path = join(HISTORIES_DIR, `${file}.json`);
  const tag = process.env.HISTORY_TAG;
  if (existsSync(path) && tag) path = join(HISTORIES_DIR, `${file}@${tag}.json`);
  if (existsSync(path)) return; // the committed recording stands; a new path needs a new name
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path, `${JSON.stringify(await fetchHistory())}\n`);
}

export const sha256Of = (file: string): string =>
  createHash('sha256')
    .update(readFileSync(join(HISTORIES_DIR, file)))
    .digest('hex');

/** The lock as committed: file name → sha256. */
export function readHistoriesLock(): Map<string, string> {
  const lines = readFileSync(HISTORIES_LOCK, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return new Map(
    lines.map((l) => {
      const [hash, name] = l.trim().split(/\s+/);
      return [name, hash];
    }),
  );
}

/** The history files on disk. */
export const historyFiles = (): string[] =>
  readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
