import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// The WASM schema engine (engine: 'js') lets `prisma migrate diff` run without Prisma's
// native engines, which cannot be downloaded here. Migrations are applied by
// src/prisma/migrate.ts (or `prisma migrate deploy` where native engines exist).
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'node dist/prisma/seed.js' },
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/safetynet' });
  },
});
