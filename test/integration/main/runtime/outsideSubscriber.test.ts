import { describe, expect, it } from 'vitest';
import type { HopRecord, HopSink } from '../../../../main/runtime/log/HopSink';
import { BROKER_KINDS, channel, compile, consumer, outsideClient, producer, router, startTestRun, useBroker, waitFor } from '../../harness/runtimeHarness';

/** An event log that keeps records in memory. */
class MemorySink implements HopSink {
  records: HopRecord[] = [];
  flushed = 0;
  append(record: HopRecord): void {
    this.records.push(record);
  }
  async flush(): Promise<void> {
    this.flushed++;
  }
  async close(): Promise<void> {}
}

describe.each(BROKER_KINDS)('what an outside subscriber sees on %s', (kind) => {
  const broker = useBroker(kind);

  it('is exactly the hops the traces report, and the event log gets one record per hop', async () => {
    const plan = compile({
      schemaVersion: 1,
      name: 'watched',
      eventTypes: [{ name: 'order.placed' }, { name: 'order.billed' }],
      nodes: [
        producer('shop', { eventType: 'order.placed', template: '{"total": $randomInt(1, 200)}' }),
        router('router'),
        consumer('billing', { outputs: [{ on: 'success', eventType: 'order.billed' }], processing: { distribution: 'exponential', meanMs: 2 } }),
        consumer('big'),
        consumer('ledger'),
      ],
      edges: [
        channel('orders', 'shop', 'router', 'shop/orders'),
        channel('to-billing', 'router', 'billing', 'orders/billing'),
        channel('to-big', 'router', 'big', 'orders/big', { rule: { pattern: { data: { total: [{ numeric: ['>', 100] }] } } } }),
        channel('billed', 'billing', 'ledger', 'orders/billed'),
      ],
    });
    const sink = new MemorySink();
    // Subscribe from outside before any traffic: idle producers, then events fired from the template.
    const t = await startTestRun(plan, { ...broker.runOptions(), hopSink: sink, producers: 'idle' });
    const watcher = await outsideClient(t.url(), [`${t.prefix()}#`]);
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(await t.run.fire('shop'));
    await waitFor('the flow to settle', () => t.hops('billed').length === 50 && t.hops('orders').length === 50);
    const final = await t.run.stop();

    const hops = t.traces.filter((r) => r.outcome !== 'retried');
    const seenOnWire = watcher.messages.map((m) => `${m.topic} ${JSON.parse(m.payload).id}`).sort();
    const traced = hops.map((r) => `${r.topic} ${r.eventId}`).sort();
    expect(traced).toEqual(seenOnWire);
    expect(t.droppedTraces).toBe(0);
    // Topics on the wire carry the run's prefix; traces name the edge each hop travelled.
    expect(new Set(hops.map((r) => r.edgeId))).toEqual(new Set(['orders', 'to-billing', 'to-big', 'billed']));
    for (const r of hops) expect(r.topic.startsWith(t.prefix())).toBe(true);
    // Counters agree with the traces, edge by edge.
    for (const e of final.edges) expect(e.count, e.edgeId).toBe(hops.filter((r) => r.edgeId === e.edgeId).length);
    // The log got every crossing once, with the event.
    expect(sink.records.map((r) => `${r.trace.topic} ${r.event?.id}`).sort()).toEqual(seenOnWire);
    expect(sink.flushed).toBeGreaterThan(0);
    // Each billed event is caused by an order and belongs to its business flow.
    for (const r of sink.records.filter((x) => x.trace.edgeId === 'billed')) {
      expect(r.event?.causationid).toBe(r.event?.correlationid);
    }
    expect([...ids].every((id) => hops.some((r) => r.eventId === id && r.edgeId === 'orders'))).toBe(true);
  });
});
