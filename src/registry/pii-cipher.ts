import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Resident ID numbers are personal data: stored as an HMAC (exact-match lookup without
 * the clear value) and as AES-256-GCM ciphertext (for the few who may read it).
 */
export class PiiCipher {
  private readonly hmacKey: Buffer;
  private readonly encKey: Buffer;

  constructor(keys: { hmacKeyHex: string; encryptionKeyHex: string }) {
    this.hmacKey = Buffer.from(keys.hmacKeyHex, 'hex');
    this.encKey = Buffer.from(keys.encryptionKeyHex, 'hex');
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.hmacKey).update(value).digest('hex');
  }

  encrypt(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  }
}
