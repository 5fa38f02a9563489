import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfig } from './config/config';
import { applyMigrations } from './prisma/migrate';

/** API process: `npm run start:api` in production, or a child of `npm start`. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.DB_MIGRATE_ON_START) await applyMigrations(config.DATABASE_URL);
  const app = await createApp(config);
  await app.listen(config.PORT, process.env.HOST ?? '0.0.0.0');
}

main().catch((error: unknown) => {
  console.error('API 启动失败：', error instanceof Error ? error.message : error);
  process.exit(1);
});
