import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../../../shared/bridge/runEvents';

/** Latencies are recorded in microseconds; anything above an hour is clamped. */
export const MAX_RECORDED_LATENCY_US = 3_600_000_000;

/**
 * A latency distribution (HdrHistogram, 3 significant digits) fed in milliseconds and summarised
 * in milliseconds (p50/p95/p99/max with microsecond resolution).
 */
export class LatencyRecorder {
  private readonly histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_RECORDED_LATENCY_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });

  record(ms: number): void {
    const us = Math.round(ms * 1000);
    this.histogram.recordValue(us < 0 ? 0 : us > MAX_RECORDED_LATENCY_US ? MAX_RECORDED_LATENCY_US : us);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): LatencySummary {
    const h = this.histogram;
    if (h.totalCount === 0) return { p50: 0, p95: 0, p99: 0, max: 0, count: 0 };
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      p50: ms(h.getValueAtPercentile(50)),
      p95: ms(h.getValueAtPercentile(95)),
      p99: ms(h.getValueAtPercentile(99)),
      max: ms(h.maxValue),
      count: h.totalCount,
    };
  }
}
