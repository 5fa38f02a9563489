import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, type DecipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { STREAM_HWM } from './content-meter';

// Archived files hold personal data (ID cards, 户口簿, medical bills): sealed at rest with
// AES-256-GCM under a key derived (HKDF) from PII_ENCRYPTION_KEY, the key of the ID numbers.
// Layout: 'SNA1' | 12-byte IV | ciphertext | 16-byte tag; the key id is the AAD and is
// recorded on the document row, so a rotated key names which secret opens an old file.

const MAGIC = Buffer.from('SNA1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'safetynet/archive-file-key/v1';

export interface ArchiveKey {
  id: string;
  key: Buffer;
}

export function deriveArchiveKey(secretHex: string): ArchiveKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secretHex, 'hex'), Buffer.alloc(0), HKDF_INFO, 32));
  const id = `sna1-${createHash('sha256').update('safetynet/archive-key-id\0').update(key).digest('hex').slice(0, 16)}`;
  return { id, key };
}

/** Encrypts a stream: header first, the tag after the last byte. */
export function sealStream(k: ArchiveKey): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(k.id, 'utf8'));
  let started = false;
  return new Transform({
    highWaterMark: STREAM_HWM,
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        this.push(Buffer.concat([MAGIC, iv]));
        started = true;
      }
      done(null, cipher.update(chunk));
    },
    flush(done: TransformCallback) {
      if (!started) this.push(Buffer.concat([MAGIC, iv]));
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** Decrypts a sealed stream; a tampered or truncated object fails at its end (the tag), never passes silently. */
export function openStream(keyring: ReadonlyMap<string, Buffer>, keyId: string): Transform {
  const key = keyring.get(keyId);
  if (!key) throw new Error(`archive key ${keyId} is not in the keyring`);
  let header = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  // The last TAG_BYTES seen are held back: they may be the tag.
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      let data = chunk;
      if (!decipher) {
        header = Buffer.concat([header, data]);
        if (header.length < MAGIC.length + IV_BYTES) return done();
        if (!header.subarray(0, MAGIC.length).equals(MAGIC)) return done(new Error('not a sealed archive object'));
        decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length, MAGIC.length + IV_BYTES));
        decipher.setAAD(Buffer.from(keyId, 'utf8'));
        data = header.subarray(MAGIC.length + IV_BYTES);
      }
      const all = Buffer.concat([tail, data]);
      const cut = Math.max(0, all.length - TAG_BYTES);
      tail = all.subarray(cut);
      done(null, decipher.update(all.subarray(0, cut)));
    },
    flush(done: TransformCallback) {
      if (!decipher || tail.length !== TAG_BYTES) return done(new Error('sealed archive object is truncated'));
      try {
        decipher.setAuthTag(tail);
        done(null, decipher.final());
      } catch {
        done(new Error('sealed archive object failed its integrity check'));
      }
    },
  });
}
