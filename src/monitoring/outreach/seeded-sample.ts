import { createHash } from 'node:crypto';

/**
 * A reproducible random sample: `size` items drawn without replacement by a partial
 * Fisher–Yates shuffle driven by mulberry32, seeded from the seed's SHA-256. The same items in
 * the same order and the same seed give the same sample, in the same draw order.
 */
export function seededSample<T>(items: readonly T[], size: number, seed: string): T[] {
  let state = createHash('sha256').update(seed, 'utf8').digest().readUInt32BE(0);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = [...items];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, n);
}
