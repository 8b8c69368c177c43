import { describe, expect, it } from 'vitest';
import type { HopRecord } from '../../../main/runtime/log/HopSink';
import { channel, compile, consumer, producer, sleep, startTestRun, waitFor } from '../harness/runtimeHarness';

const MAX_BACKLOG = 100;
const RATE = 400;

/** A producer far faster than its consumer (one event at a time, 20 ms each: 50 events/s). */
const flow = () =>
  compile(
    {
      schemaVersion: 1,
      name: 'overload',
      eventTypes: [{ name: 'tick' }],
      nodes: [
        producer('fast', { eventType: 'tick', mode: 'rate', ratePerSecond: RATE }),
        consumer('slow', { concurrency: 1, processing: { distribution: 'fixed', ms: 20 } }),
      ],
      edges: [channel('ticks', 'fast', 'slow', 'fast/ticks')],
    },
    'aedes',
  );

describe('a flow the machine cannot keep up with', () => {
  it('keeps its backlog near the bound: the producer skips events, counts them and says why', async () => {
    const t = await startTestRun(flow(), { maxBacklog: MAX_BACKLOG });
    const counters = (id: string) => t.run.metrics().nodes.find((n) => n.nodeId === id)!.counters;
    await waitFor('skipped events', () => counters('fast').dropped > 50);
    let maxBacklog = 0;
    for (let i = 0; i < 20; i++) {
      maxBacklog = Math.max(maxBacklog, counters('slow').backlog);
      await sleep(50);
    }
    // Worked out at most every OVERLOAD_CHECK_INTERVAL_MS when the producer asks: little of the rate gets past the bound.
    expect(maxBacklog).toBeGreaterThan(MAX_BACKLOG / 2);
    expect(maxBacklog).toBeLessThan(MAX_BACKLOG + RATE);
    expect(t.logs.filter((l) => l.nodeId === 'fast' && /does not keep up with 400 events\/s on this machine \(more than 100 events wait at its nodes\); events are being skipped/.test(l.message))).toHaveLength(1);
  });

  it('stopped while overloaded: what could not be processed is traced as dropped with the reason, and the log gets one record per counted crossing', async () => {
    const records: HopRecord[] = [];
    const sink = { append: (r: HopRecord) => void records.push(r), flush: async () => {}, close: async () => {} };
    const t = await startTestRun(flow(), { maxBacklog: MAX_BACKLOG, hopSink: sink });
    const counters = (id: string) => t.run.metrics().nodes.find((n) => n.nodeId === id)!.counters;
    await waitFor('a backlog at the slow consumer', () => counters('slow').backlog > 20);
    const final = await t.run.stop({ drainMs: 50 });
    const abandoned = records.filter((r) => r.trace.outcome === 'dropped' && /^the run stopped before it was processed \(the 50 ms drain ran out\)$/.test(r.trace.reason ?? ''));
    expect(abandoned.length).toBeGreaterThan(0);
    // The warning counts what was queued when the drain ran out; what still arrived is traced the same way.
    const warning = t.logs.find((l) => l.message.startsWith('stopped with events still in flight after 50 ms of draining; '));
    const named = Number(/; (\d+) received events were not processed \(traced as dropped\)$/.exec(warning?.message ?? '')?.[1]);
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThanOrEqual(abandoned.length);
    expect(records).toHaveLength(final.edges.reduce((n, e) => n + e.count, 0));
  });
});
