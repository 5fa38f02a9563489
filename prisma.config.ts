import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 7's CLI here only generates the client (src/generated/prisma). Migrations are
// authored by scripts/db-migration.mjs (Prisma 6's WASM schema engine, prisma/migrate-diff.config.mjs)
// and applied by src/prisma/migrate.ts, or by `prisma migrate deploy` where native engines exist.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'node dist/prisma/seed.js' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/safetynet' },
});
