import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The metadata encoding of a sealed payload; any other encoding is left as it is. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Names the key a payload was sealed with, so keys can rotate. */
export const KEY_ID_METADATA = 'encryption-key-id';

// A label of its own: the ID-number cipher uses PII_ENCRYPTION_KEY as it is, the payloads
// a key derived from it, so the two uses never share a key.
const HKDF_INFO = 'safetynet/temporal-payloads/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** The payload key derived from a 64-hex secret (PII_ENCRYPTION_KEY), with a one-way id. */
export function derivePayloadKey(secretHex: string): PayloadKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secretHex, 'hex'), Buffer.alloc(0), HKDF_INFO, 32));
  const id = `sn1-${createHash('sha256').update('safetynet/temporal-payload-key-id\0').update(key).digest('hex').slice(0, 16)}`;
  return { id, key };
}

export type PayloadCodecErrorCode = 'PAYLOAD_KEY_UNKNOWN' | 'PAYLOAD_TAMPERED';

/** A sealed payload that cannot be opened: its key is not in the keyring, or it was altered. */
export class PayloadCodecError extends Error {
  constructor(
    readonly code: PayloadCodecErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadCodecError';
  }
}

const text = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/**
 * AES-256-GCM over each whole payload (metadata and data, as protobuf): a random 12-byte IV
 * per payload, the key id as associated data. Encodes with the current key; decodes with
 * whichever keyring key the payload names. Payloads recorded before encryption pass
 * through decode unchanged, so old histories replay and running workflows carry on.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keyring: ReadonlyMap<string, Buffer>;

  constructor(
    private readonly current: PayloadKey,
    previous: readonly PayloadKey[] = [],
  ) {
    this.keyring = new Map([...previous, current].map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (EncryptionCodec.isSealed(payload) ? this.open(payload) : payload));
  }

  static isSealed(payload: Payload): boolean {
    return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
  }

  private seal(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(this.current.id, 'utf8'));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [KEY_ID_METADATA]: Buffer.from(this.current.id, 'utf8'),
      },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
    const key = this.keyring.get(keyId);
    if (!key) {
      throw new PayloadCodecError(
        'PAYLOAD_KEY_UNKNOWN',
        `Temporal 负载的加密密钥「${keyId || '未注明'}」不在密钥环中：若 PII_ENCRYPTION_KEY 已更换，请把旧值加入 TEMPORAL_PAYLOAD_PREVIOUS_KEYS`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    try {
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadCodecError(
        'PAYLOAD_TAMPERED',
        `Temporal 负载（密钥「${keyId}」）未通过完整性校验：内容已被改动或已损坏`,
      );
    }
  }
}
