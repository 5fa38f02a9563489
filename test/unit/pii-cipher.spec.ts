import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { hmacSha256Batch } from '../../src/registry/hmac-sha256-batch';
import { PiiCipher, PiiSealError, piiKeyId } from '../../src/registry/pii-cipher';

// The personal-data cipher under both suites (CRYPTO_SUITE), the rows an installation wrote
// before values named their algorithm, and the national algorithms checked against the
// standards' own examples, so OpenSSL's sm3 and sm4 are the real ones.

const keys = () => ({ hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') });
const ID = '410502195803120012';

/** The format written before sealed values named their algorithm: iv.tag.data, AES-256-GCM. */
function legacySeal(keyHex: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

/** Replaces one base64url part of a sealed value by the same bytes with the first one flipped. */
function flip(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('the national algorithms as OpenSSL provides them', () => {
  it('SM3 of "abc" is the GB/T 32905-2016 example', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('SM4 (ECB, one block) is the GB/T 32907-2016 example', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    expect(Buffer.concat([cipher.update(key), cipher.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });
});

describe('PiiCipher', () => {
  it.each(['INTERNATIONAL', 'NATIONAL'] as const)('round-trips under %s, naming algorithm and key', (suite) => {
    const k = keys();
    const pii = new PiiCipher({ ...k, suite });
    const sealed = pii.encrypt(ID);
    const alg = suite === 'NATIONAL' ? 'sm4-ctr-hmac-sm3' : 'aes-256-gcm';
    expect(sealed.startsWith(`v2.${alg}.${piiKeyId('seal', k.encryptionKeyHex)}.`)).toBe(true);
    expect(sealed).not.toContain(k.encryptionKeyHex);
    expect(pii.decrypt(sealed)).toBe(ID);
    expect(pii.encrypt(ID)).not.toBe(sealed); // a fresh IV each time
    expect(pii.isCurrent(sealed)).toBe(true);
  });

  it('default suite is INTERNATIONAL: the lookup hash is the bare HMAC-SHA256 existing rows carry', () => {
    const k = keys();
    expect(new PiiCipher(k).lookupHash(ID)).toBe(
      createHmac('sha256', Buffer.from(k.hmacKeyHex, 'hex')).update(ID).digest('hex'),
    );
  });

  it('bulkLookupHash gives lookupHash under either suite, for short, long, non-ASCII values and long keys', () => {
    const values = [ID, ID.toLowerCase(), '', '测试患者甲', 'x'.repeat(300), '身'.repeat(200)];
    for (const k of [keys(), { ...keys(), hmacKeyHex: randomBytes(100).toString('hex') }])
      for (const suite of ['INTERNATIONAL', 'NATIONAL'] as const) {
        const pii = new PiiCipher({ ...k, suite });
        const bulk = pii.bulkLookupHash();
        for (const v of values) expect(bulk(v)).toBe(pii.lookupHash(v));
      }
    const k = keys();
    expect(hmacSha256Batch(Buffer.from(k.hmacKeyHex, 'hex'))(ID)).toBe(
      createHmac('sha256', Buffer.from(k.hmacKeyHex, 'hex')).update(ID).digest('hex'),
    );
  });

  it('NATIONAL lookup hash is HMAC-SM3 named by algorithm and key id', () => {
    const k = keys();
    const hash = new PiiCipher({ ...k, suite: 'NATIONAL' }).lookupHash(ID);
    const hex = createHmac('sm3', Buffer.from(k.hmacKeyHex, 'hex')).update(ID).digest('hex');
    expect(hash).toBe(`sm3:${piiKeyId('lookup', k.hmacKeyHex)}:${hex}`);
  });

  it('reads the legacy AES-256-GCM values under either suite, with the current or a previous key', () => {
    const k = keys();
    const old = randomBytes(32).toString('hex');
    const national = new PiiCipher({ ...k, suite: 'NATIONAL', previousKeysHex: [old] });
    expect(national.decrypt(legacySeal(k.encryptionKeyHex, ID))).toBe(ID);
    expect(national.decrypt(legacySeal(old, ID))).toBe(ID);
    expect(national.isCurrent(legacySeal(k.encryptionKeyHex, ID))).toBe(false);
    expect(() => new PiiCipher(k).decrypt(legacySeal(old, ID))).toThrow(PiiSealError);
  });

  it('reads values of the other suite and of a previous key (a migration in progress)', () => {
    const k = keys();
    const before = new PiiCipher({ ...k, suite: 'INTERNATIONAL' }).encrypt(ID);
    const rotated = new PiiCipher({
      hmacKeyHex: k.hmacKeyHex,
      encryptionKeyHex: randomBytes(32).toString('hex'),
      suite: 'NATIONAL',
      previousKeysHex: [k.encryptionKeyHex],
    });
    expect(rotated.decrypt(before)).toBe(ID);
    expect(rotated.isCurrent(before)).toBe(false);
    const withoutOld = new PiiCipher({ ...k, encryptionKeyHex: randomBytes(32).toString('hex'), suite: 'NATIONAL' });
    expect(() => withoutOld.decrypt(before)).toThrow(/不在密钥环中/);
  });

  it.each([
    ['iv', 3],
    ['ciphertext', 4],
    ['tag', 5],
  ])('refuses an SM4 value whose %s was altered', (_, part) => {
    const pii = new PiiCipher({ ...keys(), suite: 'NATIONAL' });
    const sealed = pii.encrypt(ID);
    expect(() => pii.decrypt(flip(sealed, part))).toThrow(/完整性校验/);
  });

  it('refuses a value relabelled to another key id or algorithm', () => {
    const pii = new PiiCipher({ ...keys(), suite: 'NATIONAL' });
    const parts = pii.encrypt(ID).split('.');
    expect(() => pii.decrypt(['v2', 'aes-256-gcm', ...parts.slice(2)].join('.'))).toThrow(PiiSealError);
    expect(() => pii.decrypt(['v2', 'sm4-ctr-hmac-sm3', 'pk1-0000000000000000', ...parts.slice(3)].join('.'))).toThrow(
      /不在密钥环中/,
    );
  });

  it('lookupHashes finds a row hashed under either suite (and a previous key)', () => {
    const k = keys();
    const old = randomBytes(32).toString('hex');
    const international = new PiiCipher({ ...k }).lookupHash(ID);
    const national = new PiiCipher({ ...k, suite: 'NATIONAL' }).lookupHash(ID);
    const oldKey = new PiiCipher({ hmacKeyHex: old, encryptionKeyHex: k.encryptionKeyHex }).lookupHash(ID);
    const candidates = new PiiCipher({ ...k, suite: 'NATIONAL', previousKeysHex: [old] }).lookupHashes(ID);
    expect(candidates[0]).toBe(national);
    expect(candidates).toEqual(expect.arrayContaining([international, national, oldKey]));
    expect(new PiiCipher(k).lookupHashes(ID)[0]).toBe(international);
    expect(candidates).not.toContain(new PiiCipher(keys()).lookupHash(ID));
  });
});
