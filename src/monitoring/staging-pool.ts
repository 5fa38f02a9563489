import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** node-postgres connections for COPY, which Prisma cannot stream; few, as uploads are rare and long. */
export const STAGING_POOL = Symbol('STAGING_POOL');

export const stagingPoolProvider = {
  provide: STAGING_POOL,
  inject: [APP_CONFIG],
  useFactory: (c: AppConfig) => new Pool({ connectionString: c.DATABASE_URL, max: 4 }),
};

@Injectable()
export class StagingPoolLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STAGING_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
