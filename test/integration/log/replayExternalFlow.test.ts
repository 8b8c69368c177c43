import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { openEventLog } from '../../../main/runtime/log/openEventLog';
import { startMosquitto, type MosquittoBroker } from '../harness/mosquitto';
import { startCli } from '../main/cli/cliProcess';
import { replayFlowInput } from './replayFlow';

/**
 * `eventflow replay FLOW` without --broker, for a flow whose own broker is an external one with
 * a user (a real Mosquitto that refuses anonymous clients): the flow it starts and the replay
 * both sign in with the flow's user and the password from EVENTFLOW_BROKER_PASSWORD, as
 * `eventflow run` does; without the password the broker's refusal is said, and --port (which
 * places an embedded broker) is refused for such a flow. On an mqtts:// broker the replay's
 * client trusts the flow's CA file as the flow's clients do.
 */
const USER = { username: 'alice', password: 's3cret' };
const T0 = Date.now() - 60_000;
let mosquitto: MosquittoBroker;
let dir: string;
let flow: string;

function order(n: number): CloudEvent {
  return { specversion: '1.0', id: `o${n}`, type: 'order.placed', source: 'test', time: new Date(T0 + n * 1_000).toISOString(), datacontenttype: 'application/json', data: { n }, correlationid: `c-${n}` };
}

beforeAll(async () => {
  mosquitto = await startMosquitto({ user: USER });
  dir = await mkdtemp(join(tmpdir(), 'eventflow-replayext-'));
  flow = join(dir, 'shop.eventflow.json');
  await writeFile(flow, JSON.stringify({ ...replayFlowInput, broker: { kind: 'external', url: mosquitto.url, username: USER.username } }));
  let clock = T0;
  const log = await openEventLog({ flowFile: flow, now: () => clock });
  for (let n = 1; n <= 3; n++) {
    clock = T0 + n * 1_000;
    const e = order(n);
    log.append({ run: 'run-a', trace: { eventId: e.id, correlationId: e.correlationid, type: e.type, edgeId: 'store-router', topic: 'shop/orders', sentAt: clock, outcome: 'delivered' }, event: e });
  }
  await log.close();
});
afterAll(async () => {
  await mosquitto?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('eventflow replay of a flow on its own external broker', () => {
  it('signs the started flow and the replay in with the flow user and EVENTFLOW_BROKER_PASSWORD', async () => {
    const watcher = await mqtt.connectAsync(mosquitto.url, { ...USER, clientId: 'replay-ext-watcher' });
    const seen: { topic: string; id: string }[] = [];
    try {
      watcher.on('message', (topic, payload) => {
        if (topic.startsWith('shop/')) seen.push({ topic, id: (JSON.parse(payload.toString()) as CloudEvent).id });
      });
      await watcher.subscribeAsync('shop/#', { qos: 1 });
      const p = startCli(['replay', flow, '--speed', 'max', '--no-log', '--drain', '2', '--wait', '0'], { EVENTFLOW_BROKER_PASSWORD: USER.password });
      const code = await p.exited;
      expect(code, p.stderr()).toBe(0);
      expect(p.stdout()).toContain(`running with idle producers on ${mosquitto.url}`);
      expect(p.stdout()).toContain('-u alice -P "$EVENTFLOW_BROKER_PASSWORD"');
      expect(p.stdout()).toMatch(/replayed 3 event\(s\)/);
      expect(seen.filter((s) => s.topic === 'shop/orders').map((s) => s.id)).toEqual(['o1', 'o2', 'o3']);
      // The flow started here, signed in too, routed them on.
      expect(seen.filter((s) => s.topic === 'shop/fraud').map((s) => s.id)).toEqual(['o1', 'o2', 'o3']);
    } finally {
      await watcher.endAsync();
    }
  });

  it('with a wrong password says the broker refused the user, and exits 2', async () => {
    const p = startCli(['replay', flow, '--speed', 'max', '--no-log', '--drain', '1', '--wait', '0'], { EVENTFLOW_BROKER_PASSWORD: '' });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toMatch(/could not start the flow: .*(not authori[sz]ed|bad user name or password)/i);
  });

  it('refuses --port, which places an embedded broker this flow does not use', async () => {
    const p = startCli(['replay', flow, '--port', '0', '--wait', '0']);
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim()).toBe(`--port: places the embedded broker this command starts; this flow runs on its external broker ${mosquitto.url}: leave out --port`);
  });
});

describe('eventflow replay of a flow on its own mqtts:// broker with a private CA', () => {
  let tlsBroker: MosquittoBroker;
  let tlsFlow: string;
  beforeAll(async () => {
    tlsBroker = await startMosquitto({ tls: true });
    tlsFlow = join(dir, 'tls-shop.eventflow.json');
    await writeFile(tlsFlow, JSON.stringify({ ...replayFlowInput, broker: { kind: 'external', url: tlsBroker.url, tls: { caFile: tlsBroker.caFile } } }));
    const log = await openEventLog({ flowFile: tlsFlow });
    for (let n = 1; n <= 2; n++) {
      const e = order(n);
      log.append({ run: 'run-tls', trace: { eventId: e.id, correlationId: e.correlationid, type: e.type, edgeId: 'store-router', topic: 'shop/orders', sentAt: T0 + n * 1_000, outcome: 'delivered' }, event: e });
    }
    await log.close();
  });
  afterAll(async () => tlsBroker?.stop());

  it('the replay connects as the flow does, trusting the flow\'s CA file', async () => {
    const watcher = await mqtt.connectAsync(tlsBroker.url, { ca: await readFile(tlsBroker.caFile as string), clientId: 'replay-tls-watcher' });
    const seen: { topic: string; id: string }[] = [];
    try {
      watcher.on('message', (topic, payload) => {
        if (topic.startsWith('shop/')) seen.push({ topic, id: (JSON.parse(payload.toString()) as CloudEvent).id });
      });
      await watcher.subscribeAsync('shop/#', { qos: 1 });
      const p = startCli(['replay', tlsFlow, '--speed', 'max', '--no-log', '--drain', '2', '--wait', '0']);
      expect(await p.exited, p.stderr()).toBe(0);
      expect(p.stdout()).toMatch(/replayed 2 event\(s\)/);
      expect(seen.filter((s) => s.topic === 'shop/orders').map((s) => s.id)).toEqual(['o1', 'o2']);
      expect(seen.filter((s) => s.topic === 'shop/fraud').map((s) => s.id)).toEqual(['o1', 'o2']);
    } finally {
      await watcher.endAsync();
    }
  });
});
