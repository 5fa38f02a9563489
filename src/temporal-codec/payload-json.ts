import type { Payload } from '@temporalio/common';
import { z } from 'zod';

// Payloads as protobuf JSON (Temporal's remote codec protocol): metadata values and data
// are base64 strings.

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '须为 base64 编码' });

export const PayloadJson = z.object({
  metadata: z.record(z.string().max(200, { error: '元数据键过长' }), Base64).nullish(),
  data: Base64.nullish(),
});
export type PayloadJson = z.infer<typeof PayloadJson>;

export const CodecRequest = z.object({
  payloads: z.array(PayloadJson, { error: '须为负载数组' }).max(1000, { error: '一次最多 1000 个负载' }),
});
export type CodecRequest = z.infer<typeof CodecRequest>;

export const fromJson = ({ metadata, data }: PayloadJson): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

export const toJson = ({ metadata, data }: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
});
