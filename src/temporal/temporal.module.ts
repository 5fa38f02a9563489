import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config/config';

@Injectable()
export class TemporalLifecycle implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** One Temporal client per API process. Connects lazily so the API can report Temporal down. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Client({ connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE }),
    },
    TemporalLifecycle,
  ],
  exports: [Client],
})
export class TemporalModule {}
