import { CRYPTO_SUITES, type CryptoSuite } from '../core/contracts/crypto-migration';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { hmacSha256Batch } from './hmac-sha256-batch';

/** The algorithm names written into sealed values and lookup hashes. */
export const SEAL_ALGORITHMS = { INTERNATIONAL: 'aes-256-gcm', NATIONAL: 'sm4-ctr-hmac-sm3' } as const;
export const LOOKUP_ALGORITHMS = { INTERNATIONAL: 'hmac-sha256', NATIONAL: 'sm3' } as const;

const V2 = 'v2';
const GCM_IV = 12;
const SM4_IV = 16;
// Separate keys for SM4 and its MAC, derived from the configured key (HKDF with SM3).
const SM4_KEY_INFO = 'safetynet/pii/sm4-ctr/v1';
const SM4_MAC_INFO = 'safetynet/pii/hmac-sm3/v1';

/** A one-way fingerprint of a configured key (never the key): names the key in stored values. */
export function piiKeyId(purpose: 'seal' | 'lookup', keyHex: string): string {
  const digest = createHash('sha256').update(`safetynet/pii-key-id/${purpose}\0`).update(Buffer.from(keyHex, 'hex'));
  return `pk1-${digest.digest('hex').slice(0, 16)}`;
}

interface Key {
  id: string;
  raw: Buffer;
}

export interface PiiKeys {
  hmacKeyHex: string;
  encryptionKeyHex: string;
  /** Default INTERNATIONAL: what existing installations have always written. */
  suite?: CryptoSuite;
  /** Earlier values of PII_HMAC_KEY or PII_ENCRYPTION_KEY, kept readable until a migration finishes. */
  previousKeysHex?: readonly string[];
}

/** A sealed value that cannot be opened: unknown key, unknown algorithm, or altered. */
export class PiiSealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiSealError';
  }
}

/**
 * Resident ID numbers and other personal data: an HMAC for exact-match lookup without the
 * clear value, and ciphertext for the few who may read it. Every value names its algorithm
 * and key, so rows of both suites (and of an old key) live side by side during a migration:
 * - sealed: `v2.<alg>.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts); the earlier
 *   `<iv>.<tag>.<ciphertext>` stays readable as AES-256-GCM under the current or a previous key;
 * - lookup hash: INTERNATIONAL writes the bare 64-hex HMAC-SHA256 it always wrote (so the
 *   department-data joins of an existing installation never mix forms); NATIONAL writes
 *   `sm3:<keyId>:<hex>`. Lookups go through lookupHashes(): every form a row may carry.
 */
export class PiiCipher {
  readonly suite: CryptoSuite;
  private readonly sealKeys: Key[];
  private readonly lookupKeys: Key[];
  private readonly pseudonymKeys = new Map<string, Buffer>();

  constructor(private readonly keys: PiiKeys) {
    this.suite = keys.suite ?? 'INTERNATIONAL';
    const previous = keys.previousKeysHex ?? [];
    const ring = (purpose: 'seal' | 'lookup', current: string): Key[] =>
      [current, ...previous.filter((k) => k.toLowerCase() !== current.toLowerCase())].map((hex) => ({
        id: piiKeyId(purpose, hex),
        raw: Buffer.from(hex, 'hex'),
      }));
    this.sealKeys = ring('seal', keys.encryptionKeyHex);
    this.lookupKeys = ring('lookup', keys.hmacKeyHex);
  }

  /** The same keys under another suite (the migration's target). */
  withSuite(suite: CryptoSuite): PiiCipher {
    return suite === this.suite ? this : new PiiCipher({ ...this.keys, suite });
  }

  /** The lookup hash new rows get (current suite, current key). */
  lookupHash(value: string): string {
    return lookupHashWith(this.suite, this.lookupKeys[0]!, value);
  }

  /** lookupHash for many values in a row (a department file's): the same hashes, cheaper per value. */
  bulkLookupHash(): (value: string) => string {
    if (this.suite !== 'INTERNATIONAL') return (value) => this.lookupHash(value);
    return hmacSha256Batch(this.lookupKeys[0]!.raw);
  }

  /**
   * A person's stable pseudonym for a receiver outside (the provincial platform): HMAC-SHA256,
   * under a key derived from the lookup key for that receiver alone, of the stored lookup hash.
   * The same person gets the same value in every export to that receiver, but it cannot be
   * joined to our lookup hashes, nor to another receiver's pseudonyms.
   */
  pseudonym(lookupHash: string, receiver: string): string {
    let key = this.pseudonymKeys.get(receiver);
    if (!key) {
      key = Buffer.from(
        hkdfSync('sha256', this.lookupKeys[0]!.raw, Buffer.alloc(0), `safetynet/pseudonym/${receiver}`, 32),
      );
      this.pseudonymKeys.set(receiver, key);
    }
    return createHmac('sha256', key).update(lookupHash).digest('hex');
  }

  /** Every hash a row for this value may carry (current suite first): query for any of them. */
  lookupHashes(value: string): string[] {
    const all = [this.lookupHash(value)];
    for (const key of this.lookupKeys)
      for (const suite of CRYPTO_SUITES) {
        const h = lookupHashWith(suite, key, value);
        if (!all.includes(h)) all.push(h);
      }
    return all;
  }

  encrypt(value: string): string {
    const key = this.sealKeys[0]!;
    const alg = SEAL_ALGORITHMS[this.suite];
    const header = `${V2}.${alg}.${key.id}`;
    const { iv, data, tag } = alg === 'aes-256-gcm' ? sealGcm(key.raw, header, value) : sealSm4(key.raw, header, value);
    return [header, ...[iv, data, tag].map((b) => b.toString('base64url'))].join('.');
  }

  decrypt(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length === 3) return this.openLegacy(parts);
    const [version, alg, keyId, iv, data, tag] = parts;
    if (parts.length !== 6 || version !== V2) throw new PiiSealError('密文格式无法识别');
    const key = this.sealKeys.find((k) => k.id === keyId);
    if (!key)
      throw new PiiSealError(`密文的密钥「${keyId}」不在密钥环中：旧密钥须保留在 PII_PREVIOUS_KEYS 中直至迁移完成`);
    const header = `${V2}.${alg}.${keyId}`;
    const [ivB, dataB, tagB] = [iv!, data!, tag!].map((p) => Buffer.from(p, 'base64url'));
    try {
      if (alg === SEAL_ALGORITHMS.INTERNATIONAL) return openGcm(key.raw, header, ivB!, dataB!, tagB!);
      if (alg === SEAL_ALGORITHMS.NATIONAL) return openSm4(key.raw, header, ivB!, dataB!, tagB!);
    } catch {
      throw new PiiSealError('密文未通过完整性校验：内容已被改动或已损坏');
    }
    throw new PiiSealError(`密文算法「${alg}」无法识别`);
  }

  /** Whether a sealed value is already under the current suite and key (a migration skips it). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${V2}.${SEAL_ALGORITHMS[this.suite]}.${this.sealKeys[0]!.id}.`);
  }

  /** The earlier format: AES-256-GCM without a header, under the current or a previous key. */
  private openLegacy([iv, tag, data]: string[]): string {
    const [ivB, tagB, dataB] = [iv!, tag!, data!].map((p) => Buffer.from(p, 'base64url'));
    for (const key of this.sealKeys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.raw, ivB!);
        decipher.setAuthTag(tagB!);
        return Buffer.concat([decipher.update(dataB!), decipher.final()]).toString('utf8');
      } catch {
        // GCM authenticates: a wrong key fails here, so the next key is tried.
      }
    }
    throw new PiiSealError('密文未通过完整性校验：内容已被改动、已损坏或其密钥已不在密钥环中');
  }
}

function lookupHashWith(suite: CryptoSuite, key: Key, value: string): string {
  if (suite === 'INTERNATIONAL') return createHmac('sha256', key.raw).update(value).digest('hex');
  return `${LOOKUP_ALGORITHMS.NATIONAL}:${key.id}:${createHmac('sm3', key.raw).update(value).digest('hex')}`;
}

interface Sealed {
  iv: Buffer;
  data: Buffer;
  tag: Buffer;
}

// The header (version, algorithm, key id) is authenticated too: a value cannot be relabelled.
function sealGcm(key: Buffer, header: string, value: string): Sealed {
  const iv = randomBytes(GCM_IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function openGcm(key: Buffer, header: string, iv: Buffer, data: Buffer, tag: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(header, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

function sm4Keys(secret: Buffer): { enc: Buffer; mac: Buffer } {
  return {
    enc: Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), SM4_KEY_INFO, 16)),
    mac: Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), SM4_MAC_INFO, 32)),
  };
}

function sm4Tag(mac: Buffer, header: string, iv: Buffer, data: Buffer): Buffer {
  return createHmac('sm3', mac).update(header).update('\0').update(iv).update(data).digest();
}

/** SM4-CTR, then HMAC-SM3 over header‖iv‖ciphertext (encrypt-then-MAC). */
function sealSm4(secret: Buffer, header: string, value: string): Sealed {
  const { enc, mac } = sm4Keys(secret);
  const iv = randomBytes(SM4_IV);
  const cipher = createCipheriv('sm4-ctr', enc, iv);
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv, data, tag: sm4Tag(mac, header, iv, data) };
}

function openSm4(secret: Buffer, header: string, iv: Buffer, data: Buffer, tag: Buffer): string {
  const { enc, mac } = sm4Keys(secret);
  const expected = sm4Tag(mac, header, iv, data);
  // Constant-time: the comparison reveals nothing about how much of a forged tag was right.
  if (iv.length !== SM4_IV || tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('tag');
  const decipher = createDecipheriv('sm4-ctr', enc, iv);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
