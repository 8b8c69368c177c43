/** The most bars the replay timeline draws. */
export const MAX_HISTOGRAM_BARS = 60;
/** Sparse traffic gets wider bars, down to this many, so bars hold a few events each (not a comb of 1s and 0s). */
export const MIN_HISTOGRAM_BARS = 24;
/** The events per bar, on average, that sparse traffic is widened to (while above MIN_HISTOGRAM_BARS). */
const MIN_EVENTS_PER_BAR = 3;

/** Bar widths a person reads at a glance (ms): the smallest that keeps within MAX_HISTOGRAM_BARS wins. */
const NICE_BUCKETS_MS = [
  100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Logged hops counted per bar over a time span; bar `i` covers [start + i*bucketMs, start + (i+1)*bucketMs). */
export interface Histogram {
  start: number;
  bucketMs: number;
  counts: number[];
}

/**
 * Count hop times into bars of a round width (100 ms, 1 s, 5 s, 1 min…) over [from, to],
 * the first bar starting at `from` rounded down to the width, so bars line up with the clock.
 * The width is the smallest that keeps within MAX_HISTOGRAM_BARS and, for sparse traffic,
 * gives about MIN_EVENTS_PER_BAR events a bar (never fewer than MIN_HISTOGRAM_BARS bars).
 *
 * @example
 * buildHistogram([1000, 1500, 2100], 1000, 3000)
 * // => { start: 1000, bucketMs: 100, counts: [1, 0, 0, 0, 0, 1, 0, …] } (21 bars of 100 ms: within MIN_HISTOGRAM_BARS)
 */
export function buildHistogram(times: readonly number[], from: number, to: number): Histogram {
  const end = Math.max(from, to);
  const barsOf = (w: number) => Math.floor((end - (from - (from % w))) / w) + 1;
  const fits = (w: number) => {
    const bars = barsOf(w);
    return bars <= MAX_HISTOGRAM_BARS && (bars <= MIN_HISTOGRAM_BARS || times.length / bars >= MIN_EVENTS_PER_BAR);
  };
  const bucketMs = NICE_BUCKETS_MS.find(fits) ?? NICE_BUCKETS_MS.find((w) => barsOf(w) <= MAX_HISTOGRAM_BARS) ?? Math.ceil((end - from + 1) / MAX_HISTOGRAM_BARS);
  const start = from - (from % bucketMs);
  const bars = barsOf(bucketMs);
  const counts = new Array<number>(bars).fill(0);
  for (const t of times) {
    const i = Math.floor((t - start) / bucketMs);
    if (i >= 0 && i < bars) counts[i] = (counts[i] as number) + 1;
  }
  return { start, bucketMs, counts };
}

/**
 * The time range bars [first, last] cover, inclusive of both bars: what a replay of that
 * selection asks the log for.
 *
 * @example
 * barsToRange({ start: 0, bucketMs: 1000, counts: [1, 2, 3] }, 1, 2) // => { since: 1000, until: 2999 }
 */
export function barsToRange(h: Histogram, first: number, last: number): { since: number; until: number } {
  const lo = Math.max(0, Math.min(first, last));
  const hi = Math.min(h.counts.length - 1, Math.max(first, last));
  return { since: h.start + lo * h.bucketMs, until: h.start + (hi + 1) * h.bucketMs - 1 };
}

/**
 * How a bar width reads: `500 ms`, `5 s`, `2 min`, `1 h`.
 *
 * @example
 * formatBucket(30_000) // => '30 s'
 */
export function formatBucket(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${ms / 1_000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

/** A time of day as the replay panel shows it: `14:03:27` (24-hour). */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}
