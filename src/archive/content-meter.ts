import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { HEAD_BYTES } from './magic-bytes';

/** Buffers of 1 MB between the stages: a socket's 64 KB reads then flow without a pause at every chunk. */
export const STREAM_HWM = 1024 * 1024;

/** Over the per-file limit: the stream stops at the first byte past it. */
export class FileTooLargeError extends Error {}

/** One pass over the clear bytes: size (bounded), hash and the first bytes, as they stream by. */
export class ContentMeter extends Transform {
  size = 0;
  head = Buffer.alloc(0);
  private readonly hasher: Hash;
  private digest: string | null = null;

  constructor(
    algorithm: string,
    private readonly maxBytes: number,
  ) {
    super({ highWaterMark: STREAM_HWM });
    this.hasher = createHash(algorithm);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new FileTooLargeError());
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES)]);
    this.hasher.update(chunk);
    done(null, chunk);
  }

  /** The hex digest, once the stream has ended. */
  get hash(): string {
    this.digest ??= this.hasher.digest('hex');
    return this.digest;
  }
}
