import type { DataConverter } from '@temporalio/common';
import type { WorkerConfig } from '../config/config';
import { derivePayloadKey, EncryptionCodec } from './payload-codec';

export type PayloadKeyConfig = Pick<WorkerConfig, 'PII_ENCRYPTION_KEY' | 'TEMPORAL_PAYLOAD_PREVIOUS_KEYS'>;

/** The keyring from the configured secrets: the current PII_ENCRYPTION_KEY and the earlier ones. */
export const payloadCodecFor = (config: PayloadKeyConfig): EncryptionCodec =>
  new EncryptionCodec(
    derivePayloadKey(config.PII_ENCRYPTION_KEY),
    config.TEMPORAL_PAYLOAD_PREVIOUS_KEYS.map(derivePayloadKey),
  );

/**
 * What every client and worker of the service converts payloads with: inputs, signals,
 * Updates, queries, results and memos are sealed before they reach Temporal's history.
 * Search attributes are not payload-encoded, and hold codes only (search-attributes.ts).
 */
export const dataConverterFor = (config: PayloadKeyConfig): DataConverter => ({
  payloadCodecs: [payloadCodecFor(config)],
});
