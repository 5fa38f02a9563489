import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';

/** What one pass over the bytes tells: the content hash, the container and whether it is valid UTF-8. */
export interface Sniff {
  sha256: string;
  size: number;
  kind: 'ZIP' | 'OLE' | 'TEXT';
  utf8Bom: boolean;
  validUtf8: boolean;
  /** Any byte ≥ 0x80: a pure-ASCII file reads the same in UTF-8 and GB18030. */
  nonAscii: boolean;
}

export async function sniffFile(path: string): Promise<Sniff> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let head = Buffer.alloc(0);
  let validUtf8 = true;
  let nonAscii = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8)]);
    size += chunk.length;
    if (!nonAscii && !isAscii(chunk)) nonAscii = true;
    if (validUtf8) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      decoder.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  return {
    sha256: hash.digest('hex'),
    size,
    kind: starts(0x50, 0x4b, 0x03, 0x04) ? 'ZIP' : starts(0xd0, 0xcf, 0x11, 0xe0) ? 'OLE' : 'TEXT',
    utf8Bom: starts(0xef, 0xbb, 0xbf),
    validUtf8,
    nonAscii,
  };
}
