import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { deriveArchiveKey, openStream, sealStream } from '../../src/archive/sealing';
import type { ArchiveStore } from '../../src/archive/store/archive-store';
import { FilesystemStore } from '../../src/archive/store/fs-store';
import { S3Store } from '../../src/archive/store/s3-store';
import { startTestS3, type TestS3 } from '../support/s3rver';

// The archive store's contract on both back ends: the directory of embedded mode and a real
// S3-compatible server (s3rver, started here). A failed write leaves no object; commit moves.

const bytes = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe.each(['filesystem', 's3'] as const)('archive store: %s', (kind) => {
  let store: ArchiveStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'filesystem') {
      const dir = mkdtempSync(join(tmpdir(), 'safetynet-archive-'));
      store = new FilesystemStore(dir);
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const s3: TestS3 = await startTestS3();
      const s = new S3Store({
        bucket: s3.bucket,
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      });
      store = s;
      cleanup = async () => {
        s.close();
        await s3.stop();
      };
    }
  });
  afterAll(() => cleanup?.());

  it('writes under a temporary key, commits to the final key, reads back and removes', async () => {
    const content = randomBytes(6 * 1024 * 1024 + 17); // past one 5 MB multipart part
    const temp = await store.putTemporary(Readable.from([content.subarray(0, 1000), content.subarray(1000)]));
    expect(temp).toMatch(/^tmp\//);
    await store.commit(temp, 'cases/c1/d1');
    expect(await store.list()).toEqual(['cases/c1/d1']);
    const back = await bytes(await store.get('cases/c1/d1'));
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    await store.remove('cases/c1/d1');
    expect(await store.list()).toEqual([]);
  });

  it('leaves no object when the stream fails mid-way', async () => {
    const body = new PassThrough();
    const writing = store.putTemporary(body);
    body.write(randomBytes(64 * 1024));
    setTimeout(() => body.destroy(new Error('client went away')), 50);
    await expect(writing).rejects.toThrow();
    expect(await store.list()).toEqual([]);
  });

  it('seals at rest with AES-256-GCM and opens only unaltered objects', async () => {
    const key = deriveArchiveKey(randomBytes(32).toString('hex'));
    const clear = Buffer.from('%PDF-1.7 安阳市 身份证复印件 '.repeat(500));
    const temp = await store.putTemporary(Readable.from([clear]).pipe(sealStream(key)));
    const stored = await bytes(await store.get(temp));
    expect(stored.includes(Buffer.from('身份证'))).toBe(false);
    const keyring = new Map([[key.id, key.key]]);
    expect(await bytes((await store.get(temp)).pipe(openStream(keyring, key.id)))).toEqual(clear);
    const tampered = Buffer.from(stored);
    tampered[100] = tampered[100]! ^ 1;
    await expect(text(Readable.from([tampered]).pipe(openStream(keyring, key.id)))).rejects.toThrow(/integrity/);
    await store.remove(temp);
  });
});
