// Configuration for `migrate diff` only, run by Prisma 6's CLI (the npm alias prisma-migrate-diff):
// its WASM schema engine (engine: 'js') diffs two datamodels offline, where Prisma 7 would need
// its native schema engine, which cannot be downloaded here.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';

export default {
  // The datamodel with its url, written by scripts/prisma.mjs for each diff.
  schema: process.env.SAFETYNET_DIFF_SCHEMA ?? path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/safetynet' });
  },
};
