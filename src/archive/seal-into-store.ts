import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContentMeter, STREAM_HWM } from './content-meter';
import { sealStream, type ArchiveKey } from './sealing';
import type { ArchiveStore } from './store/archive-store';

/** A stream hashed, measured and sealed into a temporary object (what the service writes itself: notices). */
export async function sealIntoStore(
  store: ArchiveStore,
  key: ArchiveKey,
  source: Readable,
  hashAlgorithm: string,
): Promise<{ temporaryKey: string; size: number; hash: string }> {
  const meter = new ContentMeter(hashAlgorithm, Number.MAX_SAFE_INTEGER);
  const sealed = new PassThrough({ highWaterMark: STREAM_HWM });
  const writing = store.putTemporary(sealed);
  try {
    await pipeline(source, meter, sealStream(key), sealed);
  } catch (e) {
    sealed.destroy();
    const temporaryKey = await writing.catch(() => null);
    if (temporaryKey) await store.remove(temporaryKey);
    throw e;
  }
  return { temporaryKey: await writing, size: meter.size, hash: meter.hash };
}
