import type { WireEvent } from '../preload/ipcChannels';

/**
 * How often pushed events cross a process boundary. The runtime already batches traces a few
 * times a second; this coalesces everything else (status, metrics, log lines) that arrives in
 * between, so a busy run costs ~20 messages a second per hop, not one per event.
 */
export const EVENT_FLUSH_INTERVAL_MS = 50;
/** A batch this large is sent at once rather than waiting for the interval. */
export const MAX_EVENTS_PER_BATCH = 256;

export interface EventBatcher {
  push(event: WireEvent): void;
  /** Send what is queued now (before shutdown, or on a reply that must not overtake events). */
  flush(): void;
  dispose(): void;
}

/**
 * Coalesce events into batches: at most one `send` per interval, or sooner when the batch is
 * full. Order is kept; nothing is dropped here (counters must stay exact; trace sampling is
 * the runtime's job, upstream).
 */
export function createEventBatcher(
  send: (batch: WireEvent[]) => void,
  options: {
    intervalMs?: number;
    maxBatch?: number;
    setTimer?: (fn: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
  } = {},
): EventBatcher {
  const intervalMs = options.intervalMs ?? EVENT_FLUSH_INTERVAL_MS;
  const maxBatch = options.maxBatch ?? MAX_EVENTS_PER_BATCH;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let queue: WireEvent[] = [];
  let timer: unknown;
  let disposed = false;

  const flush = (): void => {
    if (timer !== undefined) {
      clearTimer(timer);
      timer = undefined;
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    send(batch);
  };

  return {
    push(event) {
      if (disposed) return;
      queue.push(event);
      if (queue.length >= maxBatch) flush();
      else if (timer === undefined) timer = setTimer(flush, intervalMs);
    },
    flush,
    dispose() {
      flush();
      disposed = true;
    },
  };
}
