import { loadConfig, loadWorkerConfig } from '../../src/config/config';
import { launcherDrillRefusal } from '../../src/config/drill';

// Drill mode (SAFETYNET_DRILL) shortens statutory limits: it runs only in the embedded demo
// that `npm start` builds, and every production sign makes the process refuse to start.

const embedded = {
  NODE_ENV: 'development',
  DATABASE_URL: 'postgresql://postgres:postgres@127.0.0.1:54329/safetynet',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  PII_HMAC_KEY: 'a'.repeat(64),
  PII_ENCRYPTION_KEY: 'b'.repeat(64),
  SAFETYNET_EMBEDDED: 'true',
  SAFETYNET_DRILL: '1',
};

describe('drill mode in the configuration', () => {
  it('is on in the embedded demo, for the API and the worker alike', () => {
    expect(loadConfig(embedded).SAFETYNET_DRILL).toBe(true);
    expect(loadWorkerConfig(embedded).SAFETYNET_DRILL).toBe(true);
    expect(
      loadConfig({
        ...embedded,
        DATABASE_URL: 'postgresql://u:p@localhost:5432/db',
        TEMPORAL_ADDRESS: 'localhost:7233',
      }).SAFETYNET_DRILL,
    ).toBe(true);
  });

  it('is off unless asked for, and then nothing is checked', () => {
    const off: Record<string, string> = { ...embedded };
    delete off.SAFETYNET_DRILL;
    expect(
      loadConfig({
        ...off,
        NODE_ENV: 'production',
        SAFETYNET_EMBEDDED: 'false',
        DATABASE_URL: 'postgresql://u:p@db.internal:5432/safetynet',
      }).SAFETYNET_DRILL,
    ).toBe(false);
    expect(loadConfig({ ...embedded, SAFETYNET_DRILL: 'false' }).SAFETYNET_DRILL).toBe(false);
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }, /NODE_ENV=production/],
    [
      'a database elsewhere',
      { DATABASE_URL: 'postgresql://u:p@db.anyang.gov.cn:5432/safetynet' },
      /DATABASE_URL 指向外部服务（db\.anyang\.gov\.cn）/,
    ],
    [
      'a Temporal cluster elsewhere',
      { TEMPORAL_ADDRESS: 'temporal.internal:7233' },
      /TEMPORAL_ADDRESS 指向外部服务（temporal\.internal）/,
    ],
    ['services not started by the launcher', { SAFETYNET_EMBEDDED: 'false' }, /不是由 npm start 内置启动的/],
  ])('refuses to start with %s, saying why in Chinese', (_name, change, why) => {
    for (const load of [loadConfig, loadWorkerConfig]) {
      expect(() => load({ ...embedded, ...change })).toThrow(
        /^拒绝启动：演练模式（SAFETYNET_DRILL）.*只能在内置演示环境/,
      );
      expect(() => load({ ...embedded, ...change })).toThrow(why);
    }
  });

  it('the launcher refuses before starting anything when it is pointed at existing services or production', () => {
    expect(launcherDrillRefusal({ SAFETYNET_DRILL: '1' })).toBeNull();
    expect(launcherDrillRefusal({ SAFETYNET_DRILL: 'true', NODE_ENV: 'development' })).toBeNull();
    expect(launcherDrillRefusal({ DATABASE_URL: 'postgresql://u:p@db.internal/x' })).toBeNull(); // no drill asked
    expect(launcherDrillRefusal({ SAFETYNET_DRILL: '1', DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/x' })).toMatch(
      /拒绝启动.*设置了 DATABASE_URL 或 TEMPORAL_ADDRESS/,
    );
    expect(launcherDrillRefusal({ SAFETYNET_DRILL: '1', TEMPORAL_ADDRESS: 'temporal.internal:7233' })).toMatch(
      /拒绝启动/,
    );
    expect(launcherDrillRefusal({ SAFETYNET_DRILL: 'yes', NODE_ENV: 'production' })).toMatch(/NODE_ENV=production/);
  });
});
