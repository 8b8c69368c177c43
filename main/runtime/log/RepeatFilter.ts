import { GenerationalMap } from '../observe/GenerationalMap';

/**
 * Hop keys a replay remembers to drop repeats (about this many; the oldest are forgotten).
 * Larger than the runtime's own window per channel (MAX_RECENT_EVENT_IDS, 20 000) because a
 * replay's slice interleaves its entry channels; a few MB at most, however long the slice.
 */
export const MAX_REPLAY_REPEAT_KEYS = 50_000;

/**
 * Drops the repeats of one hop in a log slice: the same event of the same run on the same
 * channel. They do occur in one run's log for an entry channel: a QoS 1 redelivery that
 * NodeWorker.decode recognises is still logged (outcome `dropped`, "duplicate delivery"), and
 * a consumer with several instances on a broker without shared subscriptions logs one hop per
 * instance. Both follow the first hop closely (a redelivery within the broker's retry time, the
 * copies at once), so a bounded window of recent keys finds them all in a normal slice, where a
 * set of every key would grow with the slice. Another run of a seeded flow has the same ids,
 * and its events are events of their own: the run is part of the key.
 *
 * @example
 * const repeats = new RepeatFilter();
 * for await (const hop of log.query(q)) if (repeats.firstTime(runOf(hop), hop.trace.eventId, hop.trace.edgeId)) count++;
 */
export class RepeatFilter {
  private readonly recent: GenerationalMap<true>;

  constructor(capacity = MAX_REPLAY_REPEAT_KEYS) {
    this.recent = new GenerationalMap<true>(capacity);
  }

  /** Keys remembered now (never more than the capacity). */
  get size(): number {
    return this.recent.size;
  }

  /** True the first time this hop is seen (within the window), false for a repeat. */
  firstTime(run: string, eventId: string, edgeId: string): boolean {
    const key = `${run}\u0000${eventId}\u0000${edgeId}`;
    if (this.recent.has(key)) return false;
    this.recent.set(key, true);
    return true;
  }
}
