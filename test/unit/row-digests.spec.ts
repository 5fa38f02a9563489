import { createHash } from 'node:crypto';
import { RowDigests } from '../../src/monitoring/row-digests';

const digest = (text: string) => createHash('sha256').update(text).digest();

describe('RowDigests (a repeated row of a department file)', () => {
  it('finds the first row of every repeated value across many growths, and nothing for a new one', () => {
    const seen = new RowDigests();
    let repeats = 0;
    for (let row = 2; row < 100_002; row++) if (seen.firstOrAdd(digest(`value ${row}`), row) !== undefined) repeats++;
    expect(repeats).toBe(0);
    for (const row of [2, 1_025, 50_000, 100_001]) expect(seen.firstOrAdd(digest(`value ${row}`), 200_000)).toBe(row);
    expect(seen.firstOrAdd(digest('value 100002'), 100_002)).toBeUndefined();
    expect(seen.firstOrAdd(digest('value 100002'), 100_003)).toBe(100_002);
  });

  it('tells apart digests that share their first 32 bits (same slot) but not the rest', () => {
    const seen = new RowDigests();
    const a = Buffer.alloc(32);
    const b = Buffer.alloc(32);
    b[11] = 1;
    expect(seen.firstOrAdd(a, 2)).toBeUndefined();
    expect(seen.firstOrAdd(b, 3)).toBeUndefined();
    expect(seen.firstOrAdd(Buffer.from(b), 4)).toBe(3);
  });
});
