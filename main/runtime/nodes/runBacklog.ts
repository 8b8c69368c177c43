import { ConsumerWorker } from './ConsumerWorker';
import type { NodeWorker } from './NodeWorker';

/**
 * Events that may wait at a run's running nodes (on their way to them, or received and not yet
 * started) before rate producers skip events: past it the machine does not keep up with the
 * offered rate, and a backlog that only grows would only grow memory. A paused consumer's
 * backlog is left out: it waits in the broker by design.
 */
export const MAX_RUN_BACKLOG = 20_000;
/** The run's backlog is summed at most this often (when a producer asks), not per event. */
export const OVERLOAD_CHECK_INTERVAL_MS = 10;

/** The events waiting at the run's nodes that are not paused. */
export function runBacklog(workers: readonly NodeWorker[]): number {
  let n = 0;
  for (const w of workers) {
    if (w.planned.kind === 'producer' || (w instanceof ConsumerWorker && w.isPaused)) continue;
    n += w.stats.backlog();
  }
  return n;
}
