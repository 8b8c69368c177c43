import type { TraceBatch, TraceRecord } from '../../../shared/bridge/runEvents';

/**
 * Holds the traces of one flush interval, at most `capacity` of them. Past that it keeps a
 * uniform random sample of everything seen in the interval (reservoir sampling), so a flood
 * on one edge does not hide the others, and counts what it left out.
 */
export class TraceBuffer {
  private traces: TraceRecord[] = [];
  private seen = 0;

  constructor(private readonly capacity: number) {}

  add(trace: TraceRecord): void {
    this.seen++;
    if (this.traces.length < this.capacity) {
      this.traces.push(trace);
      return;
    }
    const slot = Math.floor(Math.random() * this.seen);
    if (slot < this.capacity) this.traces[slot] = trace;
  }

  get size(): number {
    return this.traces.length;
  }

  /** The batch so far (in time order), and start a new interval. */
  take(): TraceBatch {
    const traces = this.traces;
    const droppedTraces = this.seen - traces.length;
    this.traces = [];
    this.seen = 0;
    if (droppedTraces > 0) traces.sort((a, b) => (a.receivedAt ?? a.sentAt) - (b.receivedAt ?? b.sentAt));
    return { traces, droppedTraces };
  }
}
