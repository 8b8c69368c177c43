import { formatRate } from './RunStatusLine';
import { useRunStore } from './useRunStore';

/** Channel width bounds (px) for the live rate. */
const MIN_STROKE = 1.5;
const MAX_STROKE = 7;

/**
 * How wide a channel is drawn for its live rate: grows with the logarithm, so 10 and 10,000
 * events/s are both readable.
 *
 * @example
 * edgeStrokeWidth(0) // => 1.5
 */
export function edgeStrokeWidth(ratePerSecond: number): number {
  return Math.min(MAX_STROKE, MIN_STROKE + Math.log10(1 + Math.max(0, ratePerSecond)) * 1.6);
}

/**
 * A channel's exact count and rate from the latest metrics snapshot, in its label: pulses are
 * sampled at high rates, this number never is.
 */
export function EdgeRunCount({ edgeId }: { edgeId: string }) {
  const metrics = useRunStore((s) => s.edges[edgeId]);
  if (!metrics) return null;
  return (
    <span
      className={`ef-edge-count${metrics.count > 0 ? ' is-busy' : ''}`}
      data-testid={`edge-count-${edgeId}`}
      data-count={metrics.count}
      title={`${metrics.count} event(s), ${metrics.ratePerSecond.toFixed(1)}/s, p50 ${metrics.latency.p50.toFixed(1)} ms, p99 ${metrics.latency.p99.toFixed(1)} ms`}
    >
      {metrics.count.toLocaleString('en-US')}
      {metrics.ratePerSecond > 0 && <small> · {formatRate(metrics.ratePerSecond)}/s</small>}
    </span>
  );
}
