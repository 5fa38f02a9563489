import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { freePort, startTestPostgres, type TestDatabase } from '../support/postgres';

// Production mode, and a Temporal that is not there: what operators see.

describe('operations without Temporal, in production mode', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await startTestPostgres();
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, // nothing listens here
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      AUTH_DEV_TOKENS: 'true', // asked for, but production always wins
      PII_HMAC_KEY: randomBytes(32).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    });
    app = await createApp(config);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.stop();
  });

  it('answers 503 from /health naming Temporal as down, the database up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'up' }, temporal: { status: 'down', error: expect.any(String) } },
    });
  });

  it('has no dev token endpoint (404)', async () => {
    await request(app.getHttpServer()).post('/api/v1/dev/tokens').send({ username: 'auditor' }).expect(404);
    await request(app.getHttpServer()).get('/api/v1/dev/users').expect(404);
  });

  it('refuses to start without a token verification key, naming the variables', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: db.url, PII_HMAC_KEY: 'a'.repeat(64), PII_ENCRYPTION_KEY: 'b'.repeat(64) }),
    ).toThrow(/AUTH_JWT_SECRET 或 AUTH_JWKS_URL/);
    expect(() =>
      loadConfig({
        DATABASE_URL: db.url,
        AUTH_JWT_SECRET: 'short',
        PII_HMAC_KEY: 'x',
        PII_ENCRYPTION_KEY: 'b'.repeat(64),
      }),
    ).toThrow(/AUTH_JWT_SECRET[\s\S]*PII_HMAC_KEY/);
  });
});
