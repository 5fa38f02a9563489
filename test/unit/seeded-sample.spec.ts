import { seededSample } from '../../src/monitoring/outreach/seeded-sample';

// The random survey's draw (plan 二(三)3): reproducible from its seed, without replacement.

const ids = Array.from({ length: 50 }, (_, i) => `h${String(i).padStart(2, '0')}`);

describe('seededSample', () => {
  it('draws the same sample, in the same order, from the same items and seed', () => {
    expect(seededSample(ids, 7, 'anyang-2026')).toEqual(seededSample(ids, 7, 'anyang-2026'));
  });

  it('draws another sample from another seed', () => {
    expect(seededSample(ids, 7, 'anyang-2026')).not.toEqual(seededSample(ids, 7, 'anyang-2027'));
  });

  it('draws without replacement, only from the items, and never more than there are', () => {
    const sample = seededSample(ids, 20, 's');
    expect(new Set(sample).size).toBe(20);
    expect(sample.every((h) => ids.includes(h))).toBe(true);
    expect(seededSample(ids, 80, 's').sort()).toEqual(ids);
    expect(seededSample(ids, 0, 's')).toEqual([]);
  });

  it('leaves the items as they were', () => {
    const copy = [...ids];
    seededSample(ids, 10, 's');
    expect(ids).toEqual(copy);
  });

  it('spreads the draws: each item is drawn in some of many seeds', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 200; s++) for (const h of seededSample(ids, 3, `seed-${s}`)) seen.add(h);
    expect(seen.size).toBe(ids.length);
  });
});
