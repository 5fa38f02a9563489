import type { Readable } from 'node:stream';

/**
 * Where archived files live: a directory in embedded mode, an S3-compatible bucket in
 * production. An upload is written under a temporary key first and committed (moved to its
 * final key) only inside the transaction that records it, so a refused or failed upload
 * leaves no object behind.
 */
export interface ArchiveStore {
  /** Writes the stream under a new temporary key and returns the key; on error nothing remains. */
  putTemporary(body: Readable): Promise<string>;
  /** Moves a temporary object to its final key. */
  commit(temporaryKey: string, finalKey: string): Promise<void>;
  /** Reads a committed object. */
  get(key: string): Promise<Readable>;
  /** Removes an object (temporary ones, or a final one whose transaction rolled back); absent is fine. */
  remove(key: string): Promise<void>;
  /** Every key under a prefix (tests and checks: "no partial object left"). */
  list(prefix?: string): Promise<string[]>;
}

export const ARCHIVE_STORE = Symbol('ARCHIVE_STORE');

/** Temporary keys share one prefix so leftovers of a crash can be found and removed. */
export const TEMP_PREFIX = 'tmp/';
