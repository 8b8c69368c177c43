/**
 * Epoch milliseconds with sub-millisecond resolution (Date.now() has whole milliseconds, too
 * coarse for hop latencies on one machine). Monotonic within the process.
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
