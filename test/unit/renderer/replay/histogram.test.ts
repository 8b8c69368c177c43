import { describe, expect, it } from 'vitest';
import { barsToRange, buildHistogram, formatBucket, MAX_HISTOGRAM_BARS, MIN_HISTOGRAM_BARS } from '../../../../renderer/replay/histogram';

describe('buildHistogram', () => {
  it('picks the smallest round bar width that keeps busy traffic within the bar limit', () => {
    const from = 10_000;
    const busy = Array.from({ length: 6_000 }, (_, i) => from + i * 100); // 10 events/s for 10 min
    const h = buildHistogram(busy, from, from + 10 * 60_000);
    expect(h.bucketMs).toBe(15_000); // 10 s would need 61 bars: both ends are inclusive
    expect(h.counts.length).toBeLessThanOrEqual(MAX_HISTOGRAM_BARS);
  });

  it('widens the bars of sparse traffic so each holds a few events, down to a minimum of bars', () => {
    const from = 0;
    const sparse = Array.from({ length: 50 }, (_, i) => from + i * 200); // 5 events/s for 10 s
    const h = buildHistogram(sparse, from, from + 10_000);
    expect(h.counts.length).toBeGreaterThanOrEqual(MIN_HISTOGRAM_BARS / 2);
    expect(h.counts.length).toBeLessThanOrEqual(MIN_HISTOGRAM_BARS + 1);
    expect(sparse.length / h.counts.length).toBeGreaterThanOrEqual(2);
  });

  it('counts every hop in the span once, in the bar its time falls in', () => {
    const from = 1_700_000_000_250;
    const times = [from, from + 10, from + 999, from + 1_000, from + 4_999];
    const h = buildHistogram(times, from, from + 4_999);
    expect(h.bucketMs).toBe(250); // 100 ms bars would hold 0.1 events each
    expect(h.counts.length).toBeLessThanOrEqual(MIN_HISTOGRAM_BARS + 1);
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
