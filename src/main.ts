import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app.factory';
import { boundHttpDrainOnSignal, exitDeadlineOnSignal } from './common/bounded-shutdown';
import { loadConfig } from './config/config';
import { applyMigrations } from './prisma/migrate';

/** API process: `npm run start:api` in production, or a child of `npm start`. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.DB_MIGRATE_ON_START) await applyMigrations(config.DATABASE_URL);
  const app = await createApp(config);
  await app.listen(config.PORT, process.env.HOST ?? '0.0.0.0');
  // SIGTERM/SIGINT: Nest's shutdown hooks (app.factory.ts) close HTTP, then Prisma and
  // Temporal. Requests still open get 2 s; the whole stop fits in `npm start`'s 3 s per child.
  boundHttpDrainOnSignal(app.getHttpServer() as Server, 2_000);
  exitDeadlineOnSignal('API ', 2_700);
}

main().catch((error: unknown) => {
  console.error('API 启动失败：', error instanceof Error ? error.message : error);
  process.exit(1);
});
