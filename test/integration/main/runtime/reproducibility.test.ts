import { describe, expect, it } from 'vitest';
import type { HopRecord } from '../../../../main/runtime/log/HopSink';
import { BROKER_KINDS, channel, compile, consumer, producer, startTestRun, useBroker, waitFor } from '../../harness/runtimeHarness';

const COUNT = 30;
const flow = () =>
  compile({
    schemaVersion: 1,
    name: 'seeded',
    eventTypes: [{ name: 'order.placed' }],
    nodes: [
      producer('shop', {
        eventType: 'order.placed',
        ratePerSecond: 300,
        jitter: 0.5,
        limit: { count: COUNT },
        template:
          '{"seq": seq, "customer": $faker("person.fullName"), "email": $faker("internet.email"), "total": $randomInt(5, 500), "score": $random(), "country": $pick(["NL", "DE", "FR"]), "ref": $uuid()}',
        correlation: '"checkout-" & $string(data.seq % 7)',
      }),
      consumer('sink'),
    ],
    edges: [channel('orders', 'shop', 'sink', 'shop/orders')],
  });

describe.each(BROKER_KINDS)('reproducibility on %s', (kind) => {
  const broker = useBroker(kind);

  async function eventsOf(seed: number) {
    // The event log records each event as the consumer received it from the broker.
    const received: HopRecord[] = [];
    const hopSink = { append: (r: HopRecord) => void received.push(r), flush: async () => {}, close: async () => {} };
    const t = await startTestRun(flow(), { ...broker.runOptions(), seed, hopSink });
    await waitFor(`${COUNT} events`, () => received.length === COUNT);
    await t.run.stop();
    return received
      .map((r) => r.event as { id: string; correlationid: string; data: { seq: number; customer: string } })
      .sort((a, b) => a.data.seq - b.data.seq)
      .map((e) => ({ id: e.id, correlationid: e.correlationid, data: e.data }));
  }

  it('the same seed gives the same events (ids, correlation ids and data); another seed does not', async () => {
    const first = await eventsOf(7);
    const again = await eventsOf(7);
    const other = await eventsOf(8);
    expect(first).toHaveLength(COUNT);
    expect(first.map((e) => e.data.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    expect(again).toEqual(first);
    expect(new Set(first.map((e) => e.id)).size).toBe(COUNT);
    expect(first[3]!.correlationid).toBe('checkout-4');
    expect(other.map((e) => e.id)).not.toEqual(first.map((e) => e.id));
    expect(other.map((e) => e.data.customer)).not.toEqual(first.map((e) => e.data.customer));
  });
});
