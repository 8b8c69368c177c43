import { describe, expect, it } from 'vitest';
import { BROKER_KINDS, channel, compile, consumer, producer, sleep, startTestRun, useBroker, waitFor } from '../../harness/runtimeHarness';

const flow = (durable: boolean) =>
  compile({
    schemaVersion: 1,
    name: `pause ${durable ? 'durable' : 'volatile'}`,
    eventTypes: [{ name: 'order.placed' }],
    nodes: [producer('shop', { eventType: 'order.placed', mode: 'manual' }), consumer('billing', { durable })],
    edges: [channel('orders', 'shop', 'billing', 'shop/orders', { qos: 1 })],
  });

const node = (t: Awaited<ReturnType<typeof startTestRun>>) => t.run.metrics().nodes.find((n) => n.nodeId === 'billing')!;

describe.each(BROKER_KINDS)('pausing a consumer on %s', (kind) => {
  const broker = useBroker(kind);

  it('a paused durable consumer leaves its events in the broker (its backlog) and receives every one of them on resume', async () => {
    const t = await startTestRun(flow(true), broker.runOptions());
    const before = [await t.run.fire('shop', { n: 1 }), await t.run.fire('shop', { n: 2 })];
    await waitFor('the first two', () => t.hops('orders', 'delivered').length === 2);

    await t.run.pauseConsumer('billing');
    expect(node(t).paused).toBe(true);
    const during: string[] = [];
    for (let i = 0; i < 25; i++) during.push(await t.run.fire('shop', { n: 10 + i }));
    await sleep(300);
    expect(t.hops('orders')).toHaveLength(2); // nothing reached it while paused
    expect(node(t).counters).toMatchObject({ in: 2, backlog: 25 });

    await t.run.resumeConsumer('billing');
    await waitFor('the backlog to drain', () => t.hops('orders', 'delivered').length === 27);
    await sleep(100);
    const delivered = t.hops('orders', 'delivered').map((r) => r.eventId);
    expect(delivered.sort()).toEqual([...before, ...during].sort()); // nothing lost, nothing twice
    expect(node(t).counters).toMatchObject({ in: 27, backlog: 0, dropped: 0 });
    expect(node(t).paused).toBe(false);
    // The hops that waited in the broker show it in their latency.
    const waited = t.hops('orders').filter((r) => during.includes(r.eventId));
    expect(Math.min(...waited.map((r) => r.receivedAt! - r.sentAt))).toBeGreaterThan(250);
  });

  it('a paused non-durable consumer misses what was published meanwhile, and says so (dropped)', async () => {
    const t = await startTestRun(flow(false), broker.runOptions());
    await t.run.fire('shop', { n: 1 });
    await waitFor('the first', () => t.hops('orders').length === 1);
    await t.run.pauseConsumer('billing');
    for (let i = 0; i < 5; i++) await t.run.fire('shop', { n: i });
    await sleep(200);
    expect(node(t).counters.backlog).toBe(5);
    await t.run.resumeConsumer('billing');
    const after = await t.run.fire('shop', { n: 99 });
    await waitFor('the one after resuming', () => t.hops('orders').some((r) => r.eventId === after));
    await sleep(100);
    expect(t.hops('orders')).toHaveLength(2);
    expect(node(t).counters).toMatchObject({ in: 2, backlog: 0, dropped: 5 });
  });
});
