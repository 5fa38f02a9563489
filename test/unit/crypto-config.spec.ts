import { loadConfig, loadWorkerConfig } from '../../src/config/config';

// CRYPTO_SUITE and the previous personal-data keys: the default changes nothing for an
// existing installation, a wrong value stops the process with a Chinese message.

const env = {
  DATABASE_URL: 'postgresql://u:p@localhost:5432/db',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  PII_HMAC_KEY: 'a'.repeat(64),
  PII_ENCRYPTION_KEY: 'b'.repeat(64),
};

describe('CRYPTO_SUITE in the configuration', () => {
  it('defaults to INTERNATIONAL with no previous keys, for the API and the worker', () => {
    expect(loadConfig(env)).toMatchObject({ CRYPTO_SUITE: 'INTERNATIONAL', PII_PREVIOUS_KEYS: [] });
    expect(loadWorkerConfig(env)).toMatchObject({ CRYPTO_SUITE: 'INTERNATIONAL', PII_HMAC_KEY: 'a'.repeat(64) });
  });

  it('reads NATIONAL and a list of previous keys', () => {
    const c = loadConfig({
      ...env,
      CRYPTO_SUITE: 'NATIONAL',
      PII_PREVIOUS_KEYS: ` ${'c'.repeat(64)}, ${'d'.repeat(64)} `,
    });
    expect(c.CRYPTO_SUITE).toBe('NATIONAL');
    expect(c.PII_PREVIOUS_KEYS).toEqual(['c'.repeat(64), 'd'.repeat(64)]);
  });

  it('refuses an unknown suite or a malformed previous key, in Chinese', () => {
    expect(() => loadConfig({ ...env, CRYPTO_SUITE: 'SM' })).toThrow(/CRYPTO_SUITE: 须为 INTERNATIONAL 或 NATIONAL/);
    expect(() => loadWorkerConfig({ ...env, PII_PREVIOUS_KEYS: 'abc' })).toThrow(/每个旧密钥须为 64 位十六进制/);
  });

  it('a worker without PII_HMAC_KEY still starts (it cannot run a crypto migration)', () => {
    expect(loadWorkerConfig({ ...env, PII_HMAC_KEY: undefined }).PII_HMAC_KEY).toBeUndefined();
  });
});
