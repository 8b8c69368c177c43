import { topicMatches } from '../../shared/routing/topicMatches';
import type { Run } from '../runtime/startRun';

export type WatcherWait = 'subscriber' | 'key' | 'timeout' | 'cancelled';

export interface WaitForWatcherOptions {
  run: Run;
  /** Wire topics the replay will publish on (prefix included). */
  topics: readonly string[];
  /** The bound, in seconds. */
  seconds: number;
  /** Resolves when the user starts it now (Enter) or cancels (Ctrl-C); see replayKeys. */
  keys?: { onEnter(listener: () => void): void; onCancel(listener: () => void): void };
}

/**
 * Wait, at most `seconds`, until an outside client (not one of the run's own) subscribes on
 * the embedded broker with a filter that matches a topic the replay publishes on
 * (`mosquitto_sub -t '#'` does), so a watcher started after the hint sees every replayed
 * event; or until Enter; or Ctrl-C. Returns what ended the wait.
 */
export function waitForWatcher(options: WaitForWatcherOptions): Promise<WatcherWait> {
  return new Promise<WatcherWait>((resolve) => {
    let done = false;
    const finish = (why: WatcherWait): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stopWatching();
      resolve(why);
    };
    const timer = setTimeout(() => finish('timeout'), options.seconds * 1_000);
    const stopWatching = options.run.watchOutsideSubscriptions((_clientId, filters) => {
      if (filters.some((f) => options.topics.some((t) => topicMatches(f, t)))) finish('subscriber');
    });
    options.keys?.onEnter(() => finish('key'));
    options.keys?.onCancel(() => finish('cancelled'));
  });
}
