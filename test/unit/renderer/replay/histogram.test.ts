import { describe, expect, it } from 'vitest';
import { barsToRange, buildHistogram, formatBucket, MAX_HISTOGRAM_BARS } from '../../../../renderer/replay/histogram';

describe('buildHistogram', () => {
  it('picks the smallest round bar width that keeps the span within the bar limit', () => {
    const h = buildHistogram([], 10_000, 10_000 + 10 * 60_000);
    expect(h.bucketMs).toBe(15_000); // 10 s would need 61 bars: both ends are inclusive
    expect(h.counts.length).toBeLessThanOrEqual(MAX_HISTOGRAM_BARS);
    expect(h.counts.length).toBeGreaterThan(MAX_HISTOGRAM_BARS / 3);
  });

  it('counts every hop in the span once, in the bar its time falls in', () => {
    const from = 1_700_000_000_250;
    const times = [from, from + 10, from + 999, from + 1_000, from + 4_999];
    const h = buildHistogram(times, from, from + 4_999);
    expect(h.bucketMs).toBe(100);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(times.length);
    expect(h.start % h.bucketMs).toBe(0);
    expect(h.counts[Math.floor((from + 4_999 - h.start) / h.bucketMs)]).toBe(1);
    expect(h.counts.at(-1)).toBe(1);
  });

  it('leaves out hops outside the span and copes with a zero-length run', () => {
    const h = buildHistogram([5, 500, 2_000], 500, 500);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('barsToRange', () => {
  it('covers the chosen bars whole, in either drag direction', () => {
    const h = { start: 0, bucketMs: 1_000, counts: [1, 2, 3, 4] };
    expect(barsToRange(h, 1, 2)).toEqual({ since: 1_000, until: 2_999 });
    expect(barsToRange(h, 2, 1)).toEqual({ since: 1_000, until: 2_999 });
    expect(barsToRange(h, -3, 99)).toEqual({ since: 0, until: 3_999 });
  });
});

describe('formatBucket', () => {
  it('reads in the largest whole unit', () => {
    expect([250, 5_000, 120_000, 3_600_000].map(formatBucket)).toEqual(['250 ms', '5 s', '2 min', '1 h']);
  });
});
