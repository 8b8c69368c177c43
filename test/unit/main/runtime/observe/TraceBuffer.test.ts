import { describe, expect, it } from 'vitest';
import { TraceBuffer } from '../../../../../main/runtime/observe/TraceBuffer';
import { traceRecord } from './traceRecord';

describe('TraceBuffer', () => {
  it('keeps every trace up to its capacity, in order, and drops none', () => {
    const buffer = new TraceBuffer(5);
    for (let i = 0; i < 5; i++) buffer.add(traceRecord(i));
    const batch = buffer.take();
    expect(batch.droppedTraces).toBe(0);
    expect(batch.traces.map((t) => t.eventId)).toEqual(['ev-0', 'ev-1', 'ev-2', 'ev-3', 'ev-4']);
  });

  it('past its capacity keeps exactly capacity traces, counts the rest as dropped, and keeps them in time order', () => {
    const buffer = new TraceBuffer(10);
    for (let i = 0; i < 1_000; i++) buffer.add(traceRecord(i));
    expect(buffer.size).toBe(10);
    const batch = buffer.take();
    expect(batch.traces).toHaveLength(10);
    expect(batch.droppedTraces).toBe(990);
    const times = batch.traces.map((t) => t.receivedAt as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(batch.traces.map((t) => t.eventId)).size).toBe(10); // a sample, no trace twice
  });

  it('samples uniformly, so a flood on one channel does not hide a quiet one', () => {
    // 10% of the traffic is on the quiet channel; over many intervals its share of the sample is about 10%.
    let quiet = 0;
    let kept = 0;
    const buffer = new TraceBuffer(50);
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 500; i++) buffer.add(traceRecord(i, i % 10 === 0 ? 'e-quiet' : 'e-flood'));
      const batch = buffer.take();
      kept += batch.traces.length;
      quiet += batch.traces.filter((t) => t.edgeId === 'e-quiet').length;
    }
    expect(kept).toBe(200 * 50);
    expect(quiet / kept).toBeGreaterThan(0.08);
    expect(quiet / kept).toBeLessThan(0.12);
  });

  it('starts each interval afresh: the dropped count is per batch', () => {
    const buffer = new TraceBuffer(2);
    for (let i = 0; i < 7; i++) buffer.add(traceRecord(i));
    expect(buffer.take().droppedTraces).toBe(5);
    buffer.add(traceRecord(8));
    expect(buffer.take()).toEqual({ traces: [traceRecord(8)], droppedTraces: 0 });
    expect(buffer.size).toBe(0);
  });
});
