import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../main/runtime/broker/startEmbeddedBroker';
import type { HopRecord } from '../../../main/runtime/log/HopSink';
import { checkReplayOptions, startReplay } from '../../../main/runtime/log/startReplay';
import { replayFlow } from './replayFlow';

/**
 * startReplay against a real broker, watched by an outside mqtt.js subscriber: what a user
 * running mosquitto_sub would see. The flow itself is not running here (see replayRun.test.ts).
 */
const { plan } = replayFlow();
const T0 = Date.parse('2026-03-01T10:00:00Z');
const WAIT_MS = 10_000;
let broker: EmbeddedBroker;
let watcher: MqttClient;
let seen: { topic: string; event: CloudEvent; at: number }[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker({ port: 0 });
  watcher = await mqtt.connectAsync(broker.url, { clientId: 'replay-test-watcher' });
  watcher.on('message', (topic, payload) => seen.push({ topic, event: JSON.parse(payload.toString()) as CloudEvent, at: performance.now() }));
  await watcher.subscribeAsync('#', { qos: 1 });
});
afterAll(async () => {
  await watcher?.endAsync();
  await broker?.close();
});

function event(id: string, type = 'order.placed', sentAt = T0): CloudEvent {
  return { specversion: '1.0', id, type, source: 'test', time: new Date(sentAt).toISOString(), datacontenttype: 'application/json', data: { id }, correlationid: `c-${id}` };
}

/** An order's hops as the log keeps them: it enters on store-router, then crosses to payment and fraud. */
function orderHops(n: number, sentAt: number): HopRecord[] {
  const e = event(`o${n}`, 'order.placed', sentAt);
  const trace = (edgeId: string, topic: string, dt: number) => ({ eventId: e.id, correlationId: e.correlationid, type: e.type, edgeId, topic, sentAt: sentAt + dt, outcome: 'delivered' as const });
  return [
    { trace: trace('store-router', 'shop/orders', 0), event: e },
    { trace: trace('router-payment', 'shop/payments', 2), event: e },
    { trace: trace('router-fraud', 'shop/fraud', 2), event: e },
  ];
}

/** Ten orders over one second (100 ms apart). */
function slice(): HopRecord[] {
  return Array.from({ length: 10 }, (_, i) => orderHops(i + 1, T0 + i * 100)).flat();
}

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('startReplay', () => {
  it('re-publishes exactly the entry events of a slice, in order, keeping ids and adding replayid', async () => {
    seen = [];
    const replay = startReplay({ records: stream(slice()), plan, brokerUrl: broker.url, speed: 'max', replayId: 'r-max' });
    expect(await replay.done).toMatchObject({ published: 10, skipped: 0, cancelled: false });
    await waitFor(() => seen.length >= 10, 'ten replayed events');
    await new Promise((r) => setTimeout(r, 100)); // nothing more arrives
    expect(seen.map((s) => s.topic)).toEqual(Array(10).fill('shop/orders'));
    expect(seen.map((s) => s.event.id)).toEqual(Array.from({ length: 10 }, (_, i) => `o${i + 1}`));
    expect(seen.every((s) => s.event.replayid === 'r-max')).toBe(true);
    expect(seen[3]?.event).toEqual({ ...event('o4', 'order.placed', T0 + 300), replayid: 'r-max' });
  });

  it('applies the run topic prefix', async () => {
    seen = [];
    const replay = startReplay({ records: stream(slice().slice(0, 3)), plan, brokerUrl: broker.url, speed: 'max', topicPrefix: 'sim/' });
    await replay.done;
    await waitFor(() => seen.length >= 1, 'a replayed event');
    expect(seen[0]?.topic).toBe('sim/shop/orders');
  });

  it('keeps the original gaps divided by the speed: x10 is much faster than x1 over a one-second slice', async () => {
    seen = [];
    const slow = await startReplay({ records: stream(slice()), plan, brokerUrl: broker.url, speed: 1 }).done;
    await waitFor(() => seen.length >= 10, 'x1 replay');
    const slowSpan = (seen[9]?.at as number) - (seen[0]?.at as number);
    seen = [];
    const fast = await startReplay({ records: stream(slice()), plan, brokerUrl: broker.url, speed: 10 }).done;
    await waitFor(() => seen.length >= 10, 'x10 replay');
    const fastSpan = (seen[9]?.at as number) - (seen[0]?.at as number);
    expect(slow.published).toBe(10);
    expect(fast.published).toBe(10);
    // The slice spans 900 ms between its first and last order.
    expect(slowSpan).toBeGreaterThan(800);
    expect(fastSpan).toBeLessThan(slowSpan / 3);
    expect(seen.map((s) => s.event.id)).toEqual(Array.from({ length: 10 }, (_, i) => `o${i + 1}`));
  });

  it('pauses, resumes and cancels', async () => {
    seen = [];
    const replay = startReplay({ records: stream(slice()), plan, brokerUrl: broker.url, speed: 1 });
    await waitFor(() => replay.progress().published >= 2, 'two events');
    replay.pause();
    const atPause = replay.progress().published;
    await new Promise((r) => setTimeout(r, 400)); // four original gaps
    expect(replay.progress()).toMatchObject({ state: 'paused', published: atPause });
    replay.resume();
    await waitFor(() => replay.progress().published >= atPause + 2, 'two more events after resume');
    replay.cancel();
    const summary = await replay.done;
    expect(summary.cancelled).toBe(true);
    expect(summary.published).toBeLessThan(10);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(summary.published); // nothing published after cancel
  });

  it('with targets, replays only into the channels leading to those nodes', async () => {
    seen = [];
    const replay = startReplay({ records: stream(slice()), plan, brokerUrl: broker.url, speed: 'max', targets: ['fraud'] });
    expect((await replay.done).published).toBe(10);
    await waitFor(() => seen.length >= 10, 'ten events');
    await new Promise((r) => setTimeout(r, 100));
    expect(new Set(seen.map((s) => s.topic))).toEqual(new Set(['shop/fraud']));
    expect(seen).toHaveLength(10);
  });

  it('replays imported CloudEvents into the channel their type enters by, and skips the ones no channel carries', async () => {
    seen = [];
    const skips: string[] = [];
    const events = [event('i1'), event('i2', 'payment.succeeded'), event('i3', 'nobody.sends.this')];
    const replay = startReplay({ records: stream(events), plan, brokerUrl: broker.url, speed: 'max', onSkip: (r) => skips.push(r) });
    expect(await replay.done).toMatchObject({ published: 1, skipped: 2 });
    expect(skips[1]).toContain('event i3 (nobody.sends.this): no replay channel carries this type');
    await waitFor(() => seen.length >= 1, 'one event');
    expect(seen.map((s) => [s.topic, s.event.id])).toEqual([['shop/orders', 'i1']]);

    // With a target, an answer event goes into the channel that carries its type to that node.
    seen = [];
    const toReceipts = startReplay({ records: stream(events), plan, brokerUrl: broker.url, speed: 'max', targets: ['receipts'] });
    expect((await toReceipts.done).published).toBe(1);
    await waitFor(() => seen.length >= 1, 'one event');
    expect(seen.map((s) => [s.topic, s.event.id])).toEqual([['shop/receipts', 'i2']]);
  });

  it('publishes everything without waiting for each acknowledgement when order does not matter', async () => {
    seen = [];
    const many = Array.from({ length: 500 }, (_, i) => orderHops(i, T0 + i)).flat();
    const replay = startReplay({ records: stream(many), plan, brokerUrl: broker.url, speed: 'max', keepOrder: false });
    expect((await replay.done).published).toBe(500);
    await waitFor(() => seen.length >= 500, '500 events');
    expect(new Set(seen.map((s) => s.event.id)).size).toBe(500);
  });

  it('keeps the same event of two runs as two events, and leaves replay traffic out unless asked', async () => {
    seen = [];
    const runA = orderHops(1, T0).map((h) => ({ ...h, run: 'run-a' }));
    const runB = orderHops(1, T0 + 50).map((h) => ({ ...h, run: 'run-b' }));
    const replayed = orderHops(2, T0 + 60).map((h) => ({ ...h, trace: { ...h.trace, replayId: 'earlier' }, event: { ...h.event!, replayid: 'earlier' } }));
    const records = [...runA, ...runA, ...runB, ...replayed]; // run-a's hops twice: a redelivery
    const replay = startReplay({ records: stream(records), plan, brokerUrl: broker.url, speed: 'max' });
    expect(await replay.done).toMatchObject({ published: 2, skipped: 0 });
    await waitFor(() => seen.length >= 2, 'two events');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.map((s) => s.event.id)).toEqual(['o1', 'o1']);

    seen = [];
    const withReplays = startReplay({ records: stream(replayed), plan, brokerUrl: broker.url, speed: 'max', includeReplays: true, replayId: 'again' });
    expect((await withReplays.done).published).toBe(1);
    await waitFor(() => seen.length >= 1, 'the earlier replay, replayed');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.map((s) => [s.event.id, s.event.replayid])).toEqual([['o2', 'again']]);
  });

  it('refuses a speed out of range and unknown targets, naming the fix', () => {
    expect(checkReplayOptions({ plan, speed: 0 })).toEqual({ ok: false, message: 'speed: must be a number from 1 to 100, or max (got 0)' });
    expect(checkReplayOptions({ plan, speed: 101 }).ok).toBe(false);
    const bad = checkReplayOptions({ plan, targets: ['fraud', 'nope'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toBe('targets: no node "nope" in this flow; node ids are store, router, payment, fraud, receipts');
  });

  it('fails with a clear message when the broker cannot be reached', async () => {
    const replay = startReplay({ records: stream(slice()), plan, brokerUrl: 'mqtt://127.0.0.1:1', speed: 'max' });
    await expect(replay.done).rejects.toThrow('cannot reach the broker at mqtt://127.0.0.1:1');
    expect(replay.progress().state).toBe('failed');
  });
});
