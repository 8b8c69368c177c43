import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent, TraceBatch } from '../../../../../shared/bridge/runEvents';
import type { HopRecord, HopSink } from '../../../../../main/runtime/log/HopSink';
import { RunObserver } from '../../../../../main/runtime/observe/RunObserver';
import { traceRecord } from './traceRecord';

/**
 * The observer's bounds as a subscriber sees them: trace batches are size-bounded (sampled,
 * with the left-out count) and time-bounded (pushed every interval), while counters and the
 * event log get every hop.
 */
class MemorySink implements HopSink {
  records: HopRecord[] = [];
  append(record: HopRecord): void {
    this.records.push(record);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

let events: RunEvent[];
const batches = (): TraceBatch[] => events.flatMap((e) => (e.kind === 'traces' ? [e.batch] : []));

beforeEach(() => {
  vi.useFakeTimers();
  events = [];
});
afterEach(() => {
  vi.useRealTimers();
});

/** One hop as a worker reports it: the exact counter, then the trace. */
function hop(observer: RunObserver, n: number, edgeId: string): void {
  observer.edge(edgeId).count++;
  observer.trace(traceRecord(n, edgeId), null);
}

describe('RunObserver', () => {
  it('bounds each trace batch by size, counts what it left out, and keeps counters and the log exact', () => {
    const sink = new MemorySink();
    const observer = new RunObserver((e) => events.push(e), sink, { runId: 'run-1', maxTracesPerBatch: 20, traceIntervalMs: 100, metricsIntervalMs: 10_000 });
    observer.start();
    for (let i = 0; i < 300; i++) hop(observer, i, i % 3 === 0 ? 'e-b' : 'e-a');
    vi.advanceTimersByTime(100);
    const [batch] = batches();
    expect(batches()).toHaveLength(1);
    expect(batch!.traces).toHaveLength(20);
    expect(batch!.droppedTraces).toBe(280);
    // Counters are never sampled.
    const snapshot = observer.snapshot();
    expect(Object.fromEntries(snapshot.edges.map((e) => [e.edgeId, e.count]))).toEqual({ 'e-a': 200, 'e-b': 100 });
    // The event log gets every hop, stamped with the run.
    expect(sink.records).toHaveLength(300);
    expect(sink.records.every((r) => r.run === 'run-1')).toBe(true);
    observer.stop();
  });

  it('bounds each trace batch by time: a trace waits at most one interval, and an empty interval pushes nothing', () => {
    const observer = new RunObserver((e) => events.push(e), undefined, { maxTracesPerBatch: 500, traceIntervalMs: 100, metricsIntervalMs: 10_000 });
    observer.start();
    hop(observer, 1, 'e-a');
    vi.advanceTimersByTime(99);
    expect(batches()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches().map((b) => b.traces.map((t) => t.eventId))).toEqual([['ev-1']]);
    vi.advanceTimersByTime(500); // nothing happened: no empty batches
    expect(batches()).toHaveLength(1);
    hop(observer, 2, 'e-a');
    hop(observer, 3, 'e-a');
    vi.advanceTimersByTime(100);
    expect(batches().map((b) => [b.traces.length, b.droppedTraces])).toEqual([[1, 0], [2, 0]]);
    observer.stop();
  });

  it('over many intervals, traces pushed plus traces dropped is every hop, with each batch within its bound', () => {
    const observer = new RunObserver((e) => events.push(e), undefined, { maxTracesPerBatch: 25, traceIntervalMs: 50, metricsIntervalMs: 10_000 });
    observer.start();
    let n = 0;
    for (let interval = 0; interval < 40; interval++) {
      const burst = interval % 4 === 0 ? 200 : 10; // bursts and quiet intervals
      for (let i = 0; i < burst; i++) hop(observer, n++, 'e-a');
      vi.advanceTimersByTime(50);
    }
    observer.stop();
    const all = batches();
    expect(all.every((b) => b.traces.length <= 25)).toBe(true);
    expect(all.reduce((sum, b) => sum + b.traces.length + b.droppedTraces, 0)).toBe(n);
    expect(all.filter((b) => b.droppedTraces > 0)).toHaveLength(10); // exactly the burst intervals
    expect(observer.snapshot().edges[0]?.count).toBe(n);
  });

  it('pushes what is left on stop, and a retry (toLog false) is traced but not logged twice', () => {
    const sink = new MemorySink();
    const observer = new RunObserver((e) => events.push(e), sink, { traceIntervalMs: 1_000, metricsIntervalMs: 10_000 });
    observer.start();
    observer.trace(traceRecord(1, 'e-a'), null);
    observer.trace({ ...traceRecord(1, 'e-a'), outcome: 'retried' }, null, undefined, false);
    observer.stop();
    expect(batches().map((b) => b.traces.map((t) => t.outcome))).toEqual([['delivered', 'retried']]);
    expect(sink.records.map((r) => r.trace.outcome)).toEqual(['delivered']);
    expect(sink.records[0]?.run).toBeUndefined();
  });

  it('counts as outside arrivals only crossings this process did not publish (what draining waits for)', () => {
    const observer = new RunObserver(() => undefined, undefined, {});
    const local = observer.edge('store-router');
    local.published = 5;
    local.count = 3; // two still in the broker: idle() sees them, they are not outside arrivals
    const replayed = observer.edge('router-fraud');
    replayed.count = 4; // a replay's publisher sent these: nobody here published them
    const mixed = observer.edge('router-payment');
    mixed.published = 2;
    mixed.lost = 1;
    mixed.count = 3; // 1 of the 2 was lost while its target was away, so 2 came from outside
    expect(observer.outsideArrivals()).toBe(4 + 2);
  });
});
