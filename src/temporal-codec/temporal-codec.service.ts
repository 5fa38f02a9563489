import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Actor } from '../core/contracts/roles';
import { PrismaClient } from '../prisma/prisma-client';
import { EncryptionCodec, PayloadCodecError } from '../temporal/payload-codec';
import { type CodecRequest, fromJson, toJson } from './payload-json';

/** The remote codec for the Temporal Web UI and CLI: the same keyring as the service's clients and workers. */
@Injectable()
export class TemporalCodecService {
  constructor(
    @Inject(EncryptionCodec) private readonly codec: EncryptionCodec,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async encode(body: CodecRequest): Promise<CodecRequest> {
    return { payloads: (await this.codec.encode(body.payloads.map(fromJson))).map(toJson) };
  }

  /** Opens the payloads, then records who read how many (never what) before answering. */
  async decode(actor: Actor, body: CodecRequest, requestId: string): Promise<CodecRequest> {
    const sealed = body.payloads.map(fromJson);
    const opened = await Promise.all(
      sealed.map((p, i) =>
        this.codec.decode([p]).then(
          ([d]) => d!,
          (e: unknown) => Promise.reject(refusal(e, i)),
        ),
      ),
    );
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'TEMPORAL_PAYLOADS_DECODED',
        targetType: 'TemporalNamespace',
        targetId: this.config.TEMPORAL_NAMESPACE,
        requestId,
        details: { payloads: sealed.length, encrypted: sealed.filter(EncryptionCodec.isSealed).length },
      }),
    );
    return { payloads: opened.map(toJson) };
  }
}

/** A payload that cannot be opened is the caller's input (the protocol's 400), named by its index. */
function refusal(error: unknown, index: number): unknown {
  if (!(error instanceof PayloadCodecError)) return error;
  return new DomainError(400, error.code, error.message, [
    { path: `payloads.${index}`, code: error.code, message: error.message },
  ]);
}
