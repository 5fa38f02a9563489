import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TEMP_PREFIX, type ArchiveStore } from './archive-store';

/** Keys are made by the service (uuids and fixed prefixes); this refuses anything else as a path. */
function safeKey(key: string): string {
  if (!/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) || key.split('/').some((p) => p === '..' || p === '.' || p === ''))
    throw new Error(`archive key not allowed: ${key}`);
  return key;
}

/** The embedded store: one file per object under the data folder; commit is a rename (atomic on one filesystem). */
export class FilesystemStore implements ArchiveStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, ...safeKey(key).split('/'));
  }

  async putTemporary(body: Readable): Promise<string> {
    const key = `${TEMP_PREFIX}${randomUUID()}`;
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600, highWaterMark: 1024 * 1024 }));
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return key;
  }

  async commit(temporaryKey: string, finalKey: string): Promise<void> {
    const to = this.path(finalKey);
    await mkdir(dirname(to), { recursive: true });
    await rename(this.path(temporaryKey), to);
  }

  async get(key: string): Promise<Readable> {
    const stream = createReadStream(this.path(key));
    // Open before answering so a missing object is an error here, not mid-response.
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async list(prefix = ''): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((k) => k.startsWith(prefix))
      .sort();
  }
}
