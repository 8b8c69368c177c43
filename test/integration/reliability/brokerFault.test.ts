import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerConnectionState, NodeCounters } from '../../../shared/bridge/runEvents';
import { SeededRandom } from '../../../main/runtime/random/SeededRandom';
import { startMosquitto } from '../harness/mosquitto';
import { channel, compile, consumer, producer, sleep, startTestRun, waitFor } from '../harness/runtimeHarness';

const SEED = 7;
const RATE = 200;
/** Small, so a two-second outage overflows it and the drops beyond it show. */
const OFFLINE_LIMIT = 150;

const flow = () =>
  compile({
    schemaVersion: 1,
    name: 'fault',
    eventTypes: [{ name: 'tick' }],
    nodes: [
      producer('clock', { eventType: 'tick', mode: 'rate', ratePerSecond: RATE }),
      consumer('store', { durable: true }),
    ],
    edges: [channel('ticks', 'clock', 'store', 'clock/ticks', { qos: 1 })],
  });

/** The ids a producer's first `n` events carry: they come from the run seed and the node id. */
function producedIds(n: number): string[] {
  const ids = SeededRandom.derive(SEED, 'clock', 'ids');
  return Array.from({ length: n }, () => ids.uuid());
}

describe('broker fault: Mosquitto killed and restarted mid-run', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('reconnects with backoff and says so; the durable QoS 1 consumer loses nothing; producers buffer up to the bound and count what they drop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-fault-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await startMosquitto({ persistenceDir: dir });
    cleanup.push(() => first.stop());

    const t = await startTestRun(flow(), { brokerUrl: first.url, topicPrefix: 'fault/', seed: SEED, offlineBufferLimit: OFFLINE_LIMIT });
    const states: BrokerConnectionState[] = [];
    t.run.subscribe((e) => e.kind === 'status' && states.push(e.status.broker.connection));
    const clock = (): NodeCounters => t.run.metrics().nodes.find((n) => n.nodeId === 'clock')!.counters;

    await waitFor('traffic before the fault', () => t.hops('ticks', 'delivered').length >= 100);
    await first.kill();
    await waitFor('the run to notice the broker is gone', () => t.run.status().broker.connection !== 'connected');

    // While the broker is down the producer buffers, up to its bound, then drops (counted).
    let maxBuffered = 0;
    await waitFor('the offline buffer to fill and overflow', () => {
      const c = clock();
      maxBuffered = Math.max(maxBuffered, c.buffered);
      return c.buffered >= OFFLINE_LIMIT && c.dropped > 0;
    });
    await sleep(300);
    maxBuffered = Math.max(maxBuffered, clock().buffered);

    const second = await startMosquitto({ port: first.port, persistenceDir: dir });
    cleanup.push(() => second.stop());
    await waitFor('the reconnection', () => t.run.status().broker.connection === 'connected');
    expect(clock().buffered).toBe(0);
    await sleep(500);
    t.run.stopProducers();

    const produced = producedIds(clock().out);
    const consumed = () => new Set(t.hops('ticks', 'delivered').map((r) => r.eventId));
    const missing = () => {
      const got = consumed();
      return produced.flatMap((id, i) => (got.has(id) ? [] : [i]));
    };
    await waitFor(`all ${produced.length} produced events at the durable consumer`, () => missing().length === 0, 20_000).catch((err: Error) => {
      throw new Error(`${err.message}; missing (by sequence): ${missing().join(', ')}; logs: ${t.logs.map((l) => l.message).join(' | ')}`);
    });

    // Says so: the status went through reconnecting back to connected, with a log line each way.
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('connected');
    expect(t.logs.some((l) => l.level === 'warn' && l.message.startsWith(`lost the connection to the broker at ${first.url}; reconnecting with backoff`))).toBe(true);
    expect(t.logs.some((l) => /^reconnected to the broker at .* after \d+\.\d s/.test(l.message))).toBe(true);

    // Buffered up to the named bound, visible in the metrics; what it dropped is counted and named.
    expect(maxBuffered).toBeGreaterThanOrEqual(OFFLINE_LIMIT);
    expect(maxBuffered).toBeLessThan(OFFLINE_LIMIT + 20);
    const dropped = clock().dropped;
    expect(dropped).toBeGreaterThan(0);
    const named = t.logs.filter((l) => l.nodeId === 'clock' && /dropped \d+ events? while the broker was unreachable/.test(l.message));
    expect(named.map((l) => Number(/dropped (\d+)/.exec(l.message)![1])).reduce((a, b) => a + b, 0)).toBe(dropped);

    // Nothing lost: every produced id consumed at least once; redeliveries counted as duplicates.
    const final = await t.run.stop({ drainMs: 2_000 });
    const duplicateHops = t.hops('ticks', 'dropped').filter((r) => /duplicate delivery/.test(r.reason ?? ''));
    expect(final.duplicates).toBe(duplicateHops.length);
    expect(final.nodes.find((n) => n.nodeId === 'store')!.counters.in).toBe(produced.length + final.duplicates);
  });
});
