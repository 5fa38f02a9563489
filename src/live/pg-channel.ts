import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LIVE_CHANNEL, parseSignal, type LiveSignal } from './live-signal';

const RECONNECT_MS = 2_000;

/**
 * The API process's one LISTEN connection to PostgreSQL, opened when the first stream does and
 * kept: whatever the number of open streams, the database sees one more connection per API
 * process. When it drops it reconnects, and `onResync` tells the streams that signals may have
 * been missed meanwhile.
 */
@Injectable()
export class PgChannel implements OnApplicationShutdown {
  private readonly log = new Logger(PgChannel.name);
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private onSignal: (s: LiveSignal) => void = () => undefined;
  private onResync: () => void = () => undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  listen(onSignal: (s: LiveSignal) => void, onResync: () => void): void {
    this.onSignal = onSignal;
    this.onResync = onResync;
  }

  /** Connects unless connected; resolves once LISTEN is in place. */
  ensure(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'safetynet-live' });
    client.on('notification', (m) => {
      const signal = m.channel === LIVE_CHANNEL ? parseSignal(m.payload) : null;
      if (signal) this.onSignal(signal);
    });
    client.on('error', (e) => {
      this.log.warn(`实时推送的数据库连接中断：${e.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    setTimeout(() => {
      void this.ensure().then(
        () => this.onResync(),
        (e: Error) => this.log.warn(`实时推送重新连接数据库失败：${e.message}`),
      );
    }, RECONNECT_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
