import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConnectionError } from '../../../../main/runtime/broker/BrokerConnectionError';
import { resolveBrokerEndpoint } from '../../../../main/runtime/broker/BrokerEndpoint';
import { probeCapabilities } from '../../../../main/runtime/broker/probeCapabilities';
import { startEmbeddedBroker } from '../../../../main/runtime/broker/startEmbeddedBroker';
import { startRun } from '../../../../main/runtime/startRun';
import { startMosquitto, type MosquittoBroker } from '../../harness/mosquitto';
import { channel, compile, consumer, outsideClient, producer, sleep, startTestRun, waitFor } from '../../harness/runtimeHarness';

const simple = (extra: Record<string, unknown> = {}, consumerSettings: Record<string, unknown> = {}) =>
  compile({
    schemaVersion: 1,
    name: 'simple',
    eventTypes: [{ name: 'tick' }],
    nodes: [producer('clock', { eventType: 'tick', mode: 'manual' }), consumer('worker', consumerSettings)],
    edges: [channel('ticks', 'clock', 'worker', 'clock/ticks')],
    ...extra,
  });

describe('broker connection', () => {
  let mosquitto: MosquittoBroker;
  beforeAll(async () => {
    mosquitto = await startMosquitto();
  });
  afterAll(async () => {
    await mosquitto?.stop();
  });

  it('rejects quickly with a message naming the URL and the fix when the broker is unreachable', async () => {
    const started = Date.now();
    const err = await startRun(simple(), { brokerUrl: 'mqtt://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerConnectionError);
    expect((err as BrokerConnectionError).problem).toBe('unreachable');
    expect((err as Error).message).toMatch(/Cannot reach the MQTT broker at mqtt:\/\/127\.0\.0\.1:1 \(ECONNREFUSED.*Check that the broker is running/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('probes what the broker can do: Mosquitto 2 has MQTT 5 and shared subscriptions, aedes has neither', async () => {
    const embedded = await startEmbeddedBroker();
    try {
      const aedes = await probeCapabilities(resolveBrokerEndpoint({ kind: 'embedded' }, {}, embedded), 'probe/a');
      expect(aedes).toEqual({ mqtt5: false, sharedSubscriptions: false });
    } finally {
      await embedded.close();
    }
    const t = await startTestRun(simple(), { brokerUrl: mosquitto.url, topicPrefix: 'caps/' });
    expect(t.run.status().broker).toMatchObject({ kind: 'external', url: mosquitto.url, connection: 'connected', capabilities: { mqtt5: true, sharedSubscriptions: true } });
    const e = await startTestRun(simple());
    await waitFor('the embedded probe', () => e.run.status().broker.capabilities !== undefined);
    expect(e.run.status().broker).toMatchObject({ kind: 'embedded', capabilities: { mqtt5: false, sharedSubscriptions: false } });
    expect(e.run.status().broker.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs over MQTT 3.1.1 when the flow asks for it', async () => {
    const t = await startTestRun(
      simple({ broker: { kind: 'external', url: mosquitto.url, mqttVersion: '3.1.1', topicPrefix: 'v311/' } }),
    );
    const id = await t.run.fire('clock', { n: 1 });
    await waitFor('the tick', () => t.hops('ticks', 'delivered').some((r) => r.eventId === id));
    expect(t.run.status().topicPrefix).toBe('v311/');
  });

  it('shares a consumer’s work between its instances with $share subscriptions: each event processed once', async () => {
    const plan = simple({}, { instances: 3, processing: { distribution: 'fixed', ms: 5 } });
    expect(plan.nodes.find((n) => n.nodeId === 'worker')!.subscriptions[0]!.filter).toMatch(/^\$share\//);
    const t = await startTestRun(plan, { brokerUrl: mosquitto.url, topicPrefix: 'shared/' });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await t.run.fire('clock', { n: i }));
    await waitFor('30 deliveries', () => t.hops('ticks').length >= 30);
    await sleep(200);
    expect(t.hops('ticks', 'delivered').map((r) => r.eventId).sort()).toEqual(ids.sort());
    // On a broker without shared subscriptions the run refuses to start, saying what to do.
    const err = await startRun(plan).catch((e: Error) => e);
    expect(String(err)).toMatch(/worker \(worker\) has 3 instances.*does not support.*Set instances to 1/);
  });

  it('reconnects with backoff after the broker restarts, and the flow goes on', async () => {
    const own = await startMosquitto();
    let restarted: MosquittoBroker | undefined;
    try {
      const t = await startTestRun(simple(), { brokerUrl: own.url, topicPrefix: 'restart/' });
      const states: string[] = [];
      t.run.subscribe((e) => e.kind === 'status' && states.push(e.status.broker.connection));
      await t.run.fire('clock', { n: 1 });
      await waitFor('the first tick', () => t.hops('ticks').length === 1);
      await own.stop();
      await waitFor('the run to notice', () => t.run.status().broker.connection !== 'connected');
      restarted = await startMosquitto({ port: own.port });
      await waitFor('the reconnection', () => t.run.status().broker.connection === 'connected');
      expect(states).toContain('connected');
      expect(states.some((s) => s === 'reconnecting' || s === 'offline')).toBe(true);
      const id = await t.run.fire('clock', { n: 2 });
      await waitFor('a tick after the restart', () => t.hops('ticks').some((r) => r.eventId === id));
    } finally {
      await restarted?.stop();
      await own.stop();
    }
  });

  it('the embedded broker also serves MQTT over WebSocket when asked', async () => {
    const t = await startTestRun(simple(), { embeddedWsPort: 0 });
    const wsUrl = t.run.status().broker.wsUrl!;
    expect(wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const browser = await outsideClient(wsUrl, ['clock/#']);
    const id = await t.run.fire('clock', { n: 1 });
    await waitFor('the tick over WebSocket', () => browser.messages.length === 1);
    expect(JSON.parse(browser.messages[0]!.payload).id).toBe(id);
  });

  it('an outside subscriber on the printed URL sees the embedded broker’s traffic', async () => {
    const t = await startTestRun(simple());
    const watcher = await outsideClient(t.url(), ['#']);
    const id = await t.run.fire('clock', { n: 1 });
    await waitFor('the tick on the wire', () => watcher.messages.length === 1);
    expect(watcher.messages[0]!.topic).toBe('clock/ticks');
    expect(JSON.parse(watcher.messages[0]!.payload)).toMatchObject({ specversion: '1.0', id, type: 'tick', datacontenttype: 'application/json', data: { n: 1 } });
  });
});
