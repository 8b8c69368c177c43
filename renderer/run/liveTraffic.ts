import type { TraceBatch, TraceOutcome, TraceRecord } from '../../shared/bridge/runEvents';
import { RingBuffer } from './RingBuffer';

/** The most pulses moving on one channel at once; more hops in that time are counted, not drawn. */
export const MAX_PULSES_PER_EDGE = 24;
/** The fewest a short channel is allowed (see setCapacities). */
export const MIN_PULSES_PER_EDGE = 3;
/**
 * Hops of one batch start as far apart as they were sent, up to this (ms): a batch arrives
 * every 100 ms, and starting all its hops at once would draw them as one blob.
 */
export const MAX_START_SPREAD_MS = 120;
/** The most pulses on screen at once, all channels together. */
export const MAX_PULSES_TOTAL = 4_000;
/** How long a pulse takes to travel its channel (ms). */
export const PULSE_DURATION_MS = 900;
/** Recent hops kept per channel for the event inspector. */
export const MAX_RECENT_PER_EDGE = 100;

/** How a pulse is drawn: by outcome, with replayed hops marked apart. */
export type PulseLook = 'ok' | 'failed' | 'dead-lettered' | 'dropped' | 'replayed';

export interface Pulse {
  edgeId: string;
  /** performance.now() when it left the source. */
  start: number;
  color: string;
  look: PulseLook;
}

/** Event type colours, handed out in the order types are first seen (the legend lists them). */
export const TYPE_PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#a855f7', '#06b6d4', '#ec4899', '#84cc16', '#f97316', '#6366f1', '#14b8a6'];

/** What an outcome (and a replay id) looks like on the canvas. */
export function pulseLook(outcome: TraceOutcome, replayed: boolean): PulseLook {
  if (replayed) return 'replayed';
  switch (outcome) {
    case 'delivered':
    case 'routed':
    case 'retried':
      return 'ok';
    case 'failed':
      return 'failed';
    case 'dead-lettered':
      return 'dead-lettered';
    case 'dropped':
      return 'dropped';
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown outcome ${String(unknown)}`);
    }
  }
}

/**
 * Live traffic of the current run, outside React and outside the document: the pulses the
 * overlay draws (sampled per channel, at most MAX_PULSES_PER_EDGE), per-channel totals of what was
 * drawn and what was only counted, and the recent hops per channel (ring buffers) for the
 * inspector. The exact counters come from metrics snapshots (useRunStore), never from here.
 */
export class LiveTraffic {
  readonly pulses: Pulse[] = [];
  private readonly capacityByEdge = new Map<string, number>();
  private readonly liveByEdge = new Map<string, number>();
  private readonly drawnByEdge = new Map<string, number>();
  private readonly replayedByEdge = new Map<string, number>();
  private readonly sampledOutByEdge = new Map<string, number>();
  private readonly recentByEdge = new Map<string, RingBuffer<TraceRecord>>();
  private readonly typeColors = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  /** Traces the runtime sampled away before sending (its own bound). */
  droppedByRuntime = 0;
  /** Bumped on every batch: readers that poll compare it. */
  version = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Take a batch of traces from the host. */
  add(batch: TraceBatch): void {
    this.droppedByRuntime += batch.droppedTraces;
    const t = this.now();
    let firstSent = Infinity;
    for (const trace of batch.traces) firstSent = Math.min(firstSent, trace.sentAt);
    for (const trace of batch.traces) {
      let recent = this.recentByEdge.get(trace.edgeId);
      if (!recent) {
        recent = new RingBuffer<TraceRecord>(MAX_RECENT_PER_EDGE);
        this.recentByEdge.set(trace.edgeId, recent);
      }
      recent.push(trace);
      const live = this.liveByEdge.get(trace.edgeId) ?? 0;
      const capacity = this.capacityByEdge.get(trace.edgeId) ?? MAX_PULSES_PER_EDGE;
      if (live >= capacity || this.pulses.length >= MAX_PULSES_TOTAL) {
        this.sampledOutByEdge.set(trace.edgeId, (this.sampledOutByEdge.get(trace.edgeId) ?? 0) + 1);
        continue;
      }
      const replayed = trace.replayId !== undefined;
      this.liveByEdge.set(trace.edgeId, live + 1);
      this.drawnByEdge.set(trace.edgeId, (this.drawnByEdge.get(trace.edgeId) ?? 0) + 1);
      if (replayed) this.replayedByEdge.set(trace.edgeId, (this.replayedByEdge.get(trace.edgeId) ?? 0) + 1);
      const start = t + Math.min(MAX_START_SPREAD_MS, Math.max(0, trace.sentAt - firstSent));
      this.pulses.push({ edgeId: trace.edgeId, start, color: this.colorOf(trace.type), look: pulseLook(trace.outcome, replayed) });
    }
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /**
   * How many pulses each channel may have moving at once, from its drawn length: a short
   * channel gets fewer, so its pulses do not bunch into a bar (MIN_PULSES_PER_EDGE to
   * MAX_PULSES_PER_EDGE; a channel not listed gets the maximum).
   */
  setCapacities(capacities: ReadonlyMap<string, number>): void {
    this.capacityByEdge.clear();
    for (const [id, n] of capacities) {
      this.capacityByEdge.set(id, Math.min(MAX_PULSES_PER_EDGE, Math.max(MIN_PULSES_PER_EDGE, Math.floor(n))));
    }
  }

  /** Drop pulses that have arrived; called by the animation loop once per frame. */
  expire(now: number): void {
    let kept = 0;
    for (const pulse of this.pulses) {
      if (now - pulse.start < PULSE_DURATION_MS) this.pulses[kept++] = pulse;
      else this.liveByEdge.set(pulse.edgeId, (this.liveByEdge.get(pulse.edgeId) ?? 1) - 1);
    }
    this.pulses.length = kept;
  }

  colorOf(type: string): string {
    let color = this.typeColors.get(type);
    if (!color) {
      color = TYPE_PALETTE[this.typeColors.size % TYPE_PALETTE.length] as string;
      this.typeColors.set(type, color);
    }
    return color;
  }

  /** Types seen so far with their colours, for the legend. */
  legend(): { type: string; color: string }[] {
    return [...this.typeColors].map(([type, color]) => ({ type, color }));
  }

  /** Pulses drawn per channel since the run started. */
  drawnCounts(): Record<string, number> {
    return Object.fromEntries(this.drawnByEdge);
  }

  replayedCounts(): Record<string, number> {
    return Object.fromEntries(this.replayedByEdge);
  }

  /** Hops counted but not drawn because the channel already had MAX_PULSES_PER_EDGE moving. */
  sampledOutCounts(): Record<string, number> {
    return Object.fromEntries(this.sampledOutByEdge);
  }

  /** The newest hops on these channels, newest first, at most `limit`. */
  recent(edgeIds: readonly string[], limit = MAX_RECENT_PER_EDGE): TraceRecord[] {
    const all: TraceRecord[] = [];
    for (const id of edgeIds) all.push(...(this.recentByEdge.get(id)?.toArray() ?? []));
    all.sort((a, b) => (b.receivedAt ?? b.sentAt) - (a.receivedAt ?? a.sentAt));
    return all.slice(0, limit);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forget everything (a new run starts). */
  reset(): void {
    this.pulses.length = 0;
    this.liveByEdge.clear();
    this.drawnByEdge.clear();
    this.replayedByEdge.clear();
    this.sampledOutByEdge.clear();
    this.recentByEdge.clear();
    this.typeColors.clear();
    this.droppedByRuntime = 0;
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** The app's one live-traffic buffer. */
export const liveTraffic = new LiveTraffic();
