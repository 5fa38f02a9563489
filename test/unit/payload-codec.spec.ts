import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkerConfig } from '../../src/config/config';
import { payloadCodecFor } from '../../src/temporal/data-converter';
import {
  derivePayloadKey,
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  PayloadCodecError,
} from '../../src/temporal/payload-codec';

// The payload codec that keeps personal data out of Temporal's history: AES-256-GCM per
// payload, a key id in the metadata, a keyring for rotation, clear payloads let through.

const secret = () => randomBytes(32).toString('hex');
const utf8 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const NOTE = '入户调查：户主王某某患尿毒症，每周透析三次，家中无其他收入来源';
const facts = {
  members: [{ id: 'p1', birthDate: '1947-11-23', relation: 'APPLICANT' }],
  income: [{ memberId: 'p1', type: 'PENSION', month: '2025-05', amount: 1234 }],
};

function payloadsOf(history: temporal.api.history.v1.IHistory): Payload[] {
  const found: Payload[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (v instanceof Uint8Array) return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.data instanceof Uint8Array && o.metadata && typeof o.metadata === 'object') found.push(o as Payload);
    else Object.values(o).forEach(walk);
  };
  walk(history);
  return found;
}

describe('EncryptionCodec', () => {
  const current = derivePayloadKey(secret());
  const codec = new EncryptionCodec(current);

  it('seals each payload (no clear byte of the value left, the key id named) and opens it to the same payload', async () => {
    const clear = [defaultPayloadConverter.toPayload({ note: NOTE, facts }), defaultPayloadConverter.toPayload(null)];
    const sealed = await codec.encode(clear);
    expect(sealed).toHaveLength(2);
    for (const p of sealed) {
      expect(utf8(p.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(utf8(p.metadata![KEY_ID_METADATA])).toBe(current.id);
      expect(Object.keys(p.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA].sort());
    }
    const bytes = Buffer.from(sealed[0]!.data!);
    for (const needle of [NOTE, '王某某', '1947-11-23', '1234', 'json/plain', 'birthDate'])
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    const opened = await codec.decode(sealed);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([{ note: NOTE, facts }, null]);
    expect(utf8(opened[0]!.metadata!.encoding)).toBe('json/plain');
  });

  it('uses a fresh IV each time: the same value never seals to the same bytes', async () => {
    const p = defaultPayloadConverter.toPayload(NOTE);
    const [a, b] = await codec.encode([p, p]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  });

  it('refuses a payload altered anywhere (IV, ciphertext, tag, truncated, or relabelled to another key of the ring) as PAYLOAD_TAMPERED', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ note: NOTE })]);
    const data = Buffer.from(sealed!.data!);
    const flipped = (at: number) => {
      const copy = Buffer.from(data);
      copy[at] = copy[at]! ^ 0x01;
      return { ...sealed!, data: copy };
    };
    for (const bad of [
      flipped(0),
      flipped(20),
      flipped(data.length - 1),
      { ...sealed!, data: data.subarray(0, 20) },
      { ...sealed!, data: data.subarray(0, data.length - 1) },
    ]) {
      await expect(codec.decode([bad])).rejects.toMatchObject({
        name: 'PayloadCodecError',
        code: 'PAYLOAD_TAMPERED',
        message: expect.stringContaining('完整性校验'),
      });
    }
    // The key id is authenticated too: a payload moved under another key of the ring fails.
    const other = derivePayloadKey(secret());
    const ring = new EncryptionCodec(current, [other]);
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from(other.id) } };
    await expect(ring.decode([relabelled])).rejects.toMatchObject({ code: 'PAYLOAD_TAMPERED' });
    await expect(ring.decode([sealed!])).resolves.toHaveLength(1);
  });

  it('refuses a payload whose key is not in the keyring, naming the key and what to configure', async () => {
    const [sealed] = await new EncryptionCodec(derivePayloadKey(secret())).encode([
      defaultPayloadConverter.toPayload(NOTE),
    ]);
    const unknownId = utf8(sealed!.metadata![KEY_ID_METADATA]);
    const error = await codec.decode([sealed!]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PayloadCodecError);
    expect(error).toMatchObject({ code: 'PAYLOAD_KEY_UNKNOWN' });
    expect((error as Error).message).toContain(unknownId);
    expect((error as Error).message).toContain('TEMPORAL_PAYLOAD_PREVIOUS_KEYS');
    const noId = { ...sealed!, metadata: { encoding: sealed!.metadata!.encoding! } };
    await expect(codec.decode([noId])).rejects.toMatchObject({
      code: 'PAYLOAD_KEY_UNKNOWN',
      message: expect.stringContaining('未注明'),
    });
  });

  it('lets every payload of a history recorded before encryption through decode unchanged', async () => {
    const raw = JSON.parse(
      readFileSync(join(__dirname, '..', 'replay', 'histories', 'objection-reinvestigate.json'), 'utf8'),
    ) as Record<string, unknown>;
    const payloads = payloadsOf(temporal.api.history.v1.History.fromObject(raw));
    expect(payloads.length).toBeGreaterThan(10);
    const decoded = await codec.decode(payloads);
    decoded.forEach((p, i) => expect(p).toBe(payloads[i]));
    // And a clear payload of any encoding, binary/null included.
    const nullish = defaultPayloadConverter.toPayload(undefined);
    expect(await codec.decode([nullish])).toEqual([nullish]);
  });

  it('rotates: a payload sealed under the previous key opens while that key is in the keyring; new payloads use the new key', async () => {
    const oldSecret = secret();
    const newSecret = secret();
    const [old] = await payloadCodecFor({ PII_ENCRYPTION_KEY: oldSecret, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: [] }).encode([
      defaultPayloadConverter.toPayload({ note: NOTE }),
    ]);
    // Configured as an operator would after rotating PII_ENCRYPTION_KEY.
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgres://x',
      PII_ENCRYPTION_KEY: newSecret,
      TEMPORAL_PAYLOAD_PREVIOUS_KEYS: ` ${oldSecret} , ${secret()}`,
    });
    const rotated = payloadCodecFor(config);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual({ note: NOTE });
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(1)]);
    expect(utf8(fresh!.metadata![KEY_ID_METADATA])).toBe(derivePayloadKey(newSecret).id);
    expect(rotated.currentKeyId).toBe(derivePayloadKey(newSecret).id);
    expect(utf8(old!.metadata![KEY_ID_METADATA])).toBe(derivePayloadKey(oldSecret).id);
    // Without the old key it no longer opens.
    await expect(
      payloadCodecFor({ PII_ENCRYPTION_KEY: newSecret, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: [] }).decode([old!]),
    ).rejects.toMatchObject({ code: 'PAYLOAD_KEY_UNKNOWN' });
    expect(() =>
      loadWorkerConfig({
        DATABASE_URL: 'postgres://x',
        PII_ENCRYPTION_KEY: newSecret,
        TEMPORAL_PAYLOAD_PREVIOUS_KEYS: 'abc',
      }),
    ).toThrow(/TEMPORAL_PAYLOAD_PREVIOUS_KEYS/);
  });

  it('derives a key of its own from PII_ENCRYPTION_KEY: never the ID-number key itself, the same for the same secret, with an id that reveals nothing', () => {
    const s = secret();
    const k = derivePayloadKey(s);
    expect(k.key).toHaveLength(32);
    expect(k.key.equals(Buffer.from(s, 'hex'))).toBe(false);
    expect(derivePayloadKey(s)).toEqual(k);
    expect(k.id).toMatch(/^sn1-[0-9a-f]{16}$/);
    expect(k.id).not.toContain(s.slice(0, 16));
    expect(k.id).not.toContain(k.key.toString('hex').slice(0, 16));
    expect(derivePayloadKey(secret()).id).not.toBe(k.id);
  });
});
