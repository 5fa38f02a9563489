import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, from src/dev (ts-run: tests) or dist/src/dev (compiled). */
export const PROJECT_ROOT = existsSync(join(__dirname, '..', '..', 'package.json'))
  ? join(__dirname, '..', '..')
  : join(__dirname, '..', '..', '..');

/** Everything embedded mode keeps between runs lives here (git-ignored). */
export function dataDir(env = process.env): string {
  const dir = env.SAFETYNET_DATA_DIR ?? join(PROJECT_ROOT, '.data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface EmbeddedSecrets {
  jwtSecret: string;
  piiHmacKey: string;
  piiEncryptionKey: string;
}

/** Generated once per data folder: keys must survive restarts or stored ID numbers become unreadable. */
export function embeddedSecrets(dir: string): EmbeddedSecrets {
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
  const secrets: EmbeddedSecrets = {
    jwtSecret: randomBytes(32).toString('hex'),
    piiHmacKey: randomBytes(32).toString('hex'),
    piiEncryptionKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
