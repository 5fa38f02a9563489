import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { payloadCodecFor } from './data-converter';
import { EncryptionCodec } from './payload-codec';

/**
 * A second connection for /health, without the SDK's retry interceptor: a probe must
 * answer promptly, and must not leave a retry timer behind that fires after shutdown.
 */
export const TEMPORAL_PROBE = Symbol('TEMPORAL_PROBE');

@Injectable()
export class TemporalLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_PROBE) private readonly probe: Connection,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client.connection.close(), this.probe.close()]);
  }
}

/**
 * One Temporal client per API process, sealing every payload it sends and opening what it
 * reads (data-converter.ts). Connects lazily so the API can report Temporal down.
 */
@Global()
@Module({
  providers: [
    { provide: EncryptionCodec, inject: [APP_CONFIG], useFactory: (config: AppConfig) => payloadCodecFor(config) },
    {
      provide: Client,
      inject: [APP_CONFIG, EncryptionCodec],
      useFactory: (config: AppConfig, codec: EncryptionCodec) =>
        new Client({
          connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS }),
          namespace: config.TEMPORAL_NAMESPACE,
          dataConverter: { payloadCodecs: [codec] },
        }),
    },
    {
      provide: TEMPORAL_PROBE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => Connection.lazy({ address: config.TEMPORAL_ADDRESS, interceptors: [] }),
    },
    TemporalLifecycle,
  ],
  exports: [Client, TEMPORAL_PROBE, EncryptionCodec],
})
export class TemporalModule {}
