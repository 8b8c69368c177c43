import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../../shared/events/CloudEvent';
import { openEventLog } from '../../../../main/runtime/log/openEventLog';
import { startMosquitto, type MosquittoBroker } from '../../harness/mosquitto';
import { eventflow, ROOT, startCli, until } from './cliProcess';

/**
 * `eventflow run` as a user meets it: it ends by itself when its producers are done, it stops
 * quietly when the reader of its output goes away, and it checks --broker and --topic-prefix
 * and says what the broker can do.
 */
const FIXTURE = join(ROOT, 'test/fixtures/runtime/tiny.eventflow.json');
let dir: string;
let limited: string;
let open: string;
let mosquitto: MosquittoBroker;

interface StatsLine {
  final: boolean;
  broker: string;
  wsUrl?: string;
  topicPrefix: string;
  capabilities?: { mqtt5: boolean; sharedSubscriptions: boolean };
  nodes: { nodeId: string; counters: { in: number; out: number } }[];
}

/** The tiny flow with its producer's settings changed. */
async function variant(name: string, producer: Record<string, unknown>): Promise<string> {
  const doc = JSON.parse(await readFile(FIXTURE, 'utf8')) as { nodes: { kind: string; settings: Record<string, unknown> }[] };
  for (const n of doc.nodes) if (n.kind === 'producer') Object.assign(n.settings, producer);
  const file = join(dir, `${name}.eventflow.json`);
  await writeFile(file, JSON.stringify(doc));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-runflags-'));
  limited = await variant('limited', { ratePerSecond: 50, limit: { count: 25 } });
  open = await variant('manual', { mode: 'manual' });
  mosquitto = await startMosquitto();
});
afterAll(async () => {
  await mosquitto?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('eventflow run ends by itself', () => {
  it('once every producer reached its count limit and the flow finished what they sent: summary, exit 0', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await eventflow(['run', limited, '--no-log', '--stats', 'json', '--seed', '1']);
    expect(code, stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stderr).toContain('every producer has finished; letting the flow finish what they sent (at most 30 s)');
    const final = JSON.parse(stdout.trim().split('\n').at(-1) as string) as StatsLine;
    const node = (id: string) => final.nodes.find((n) => n.nodeId === id)?.counters;
    expect(final.final).toBe(true);
    expect(node('shop')?.out).toBe(25);
    expect(node('billing')?.in).toBe(25);
    expect(node('ledger')?.in).toBe(25); // every bill reached the ledger before the totals
  });

  it('not while a manual producer waits for input: it runs until stopped', async () => {
    const p = startCli(['run', open, '--no-log', '--stats', 'json']);
    await until(() => p.stdout().split('\n').filter((l) => l.includes('"final":false')).length >= 6, 'three seconds of live lines');
    expect(p.child.exitCode).toBeNull();
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).not.toContain('every producer has finished');
  });
});

describe('a closed standard output (| head)', () => {
  it('stops eventflow run quietly: exit 0, no EPIPE, and its event log flushed and closed', async () => {
    const flow = await variant('piped', {});
    const p = startCli(['run', flow, '--stats', 'json', '--seed', '2']);
    await until(() => p.stdout().split('\n').filter(Boolean).length >= 2, 'two JSON lines');
    p.child.stdout?.destroy(); // what `| head -2` does once it has its two lines
    expect(await p.exited).toBe(0);
    expect(p.stderr()).not.toMatch(/EPIPE|Error|at /);
    // The log is closed (no writer holds it) and opens clean, with what the run sent.
    const log = await openEventLog({ flowFile: flow });
    expect(log.opened.tailDrops).toEqual([]);
    expect(log.opened.records).toBeGreaterThan(0);
    await log.close();
  });

  it('stops eventflow log --json quietly: exit 0, no EPIPE', async () => {
    const flow = await variant('biglog', {});
    const log = await openEventLog({ flowFile: flow });
    // Far more than a pipe buffer, so the reader is gone while the command still writes.
    for (let i = 0; i < 3_000; i++) {
      const event = { specversion: '1.0' as const, id: `ev-${i}`, type: 'order.placed', source: 'test', time: new Date().toISOString(), datacontenttype: 'application/json' as const, data: { padding: 'x'.repeat(200) }, correlationid: `c-${i}` };
      log.append({ trace: { eventId: event.id, correlationId: event.correlationid, type: event.type, edgeId: 'orders', topic: 'shop/orders', sentAt: Date.now(), outcome: 'delivered' }, event });
    }
    await log.close();
    const p = startCli(['log', flow, '--json']);
    // Stop reading once two lines are in: the pipe fills and the command is mid-stream when the reader goes.
    const stdout = p.child.stdout;
    const pauseAtTwoLines = (): void => {
      if (p.stdout().split('\n').length <= 2) return;
      stdout?.pause();
      stdout?.off('data', pauseAtTwoLines);
    };
    stdout?.on('data', pauseAtTwoLines);
    await until(() => p.stdout().split('\n').length > 2, 'two JSON lines');
    p.child.stdout?.destroy();
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toBe('');
    expect(p.stdout().split('\n').filter(Boolean).length).toBeLessThan(3_000); // stopped early, not at its end
  });
});

describe('--broker', () => {
  it('refuses a URL that is not an MQTT broker URL, naming --broker and the fix, exit 1', async () => {
    const http = await eventflow(['run', limited, '--no-log', '--broker', 'http://127.0.0.1:1883']);
    expect(http.code).toBe(1);
    expect(http.stdout).toBe('');
    expect(http.stderr.trim()).toBe('--broker: the scheme http:// is not an MQTT transport; give a broker URL such as mqtt://127.0.0.1:1883 (mqtt, mqtts, ws or wss)');
    const bare = await eventflow(['run', limited, '--no-log', '--broker', '127.0.0.1:18831']);
    expect(bare.code).toBe(1);
    expect(bare.stderr.trim()).toBe('--broker: "127.0.0.1:18831" has no scheme; write mqtt://127.0.0.1:18831 (or mqtts://, ws://, wss://)');
  });

  it('uses user:password from the URL but never prints the password, and the hint has -u', async () => {
    const url = `mqtt://alice:s3cret@127.0.0.1:${mosquitto.port}`;
    const { code, stdout, stderr } = await eventflow(['run', limited, '--no-log', '--stats', 'json', '--broker', url]);
    expect(code, stderr).toBe(0);
    expect(`${stdout}${stderr}`).not.toContain('s3cret');
    expect(stderr).toContain(`on the broker mqtt://alice:***@127.0.0.1:${mosquitto.port}`);
    expect(stderr).toContain(`watch the traffic: mosquitto_sub -h 127.0.0.1 -p ${mosquitto.port} -u alice -P "$EVENTFLOW_BROKER_PASSWORD" -t '#' -v`);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as StatsLine);
    expect(lines.every((l) => l.broker === `mqtt://alice:***@127.0.0.1:${mosquitto.port}`)).toBe(true);
  });

  it('says what the probe found: MQTT 5 and shared subscriptions on Mosquitto, in text and in every JSON line', async () => {
    const text = await eventflow(['run', limited, '--no-log', '--broker', mosquitto.url]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('broker: MQTT 5, shared subscriptions');
    const json = await eventflow(['run', limited, '--no-log', '--stats', 'json', '--broker', mosquitto.url]);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as StatsLine);
    expect(lines.every((l) => l.capabilities?.mqtt5 === true && l.capabilities.sharedSubscriptions === true)).toBe(true);
  });
});

describe('--topic-prefix', () => {
  it('refuses wildcards and a leading $, exit 1', async () => {
    const plus = await eventflow(['run', limited, '--no-log', '--topic-prefix', 'a/+/']);
    expect(plus.code).toBe(1);
    expect(plus.stderr.trim()).toBe(`--topic-prefix: "a/+/" contains the wildcard '+'; the prefix goes in front of the topics events are published on, so it must be a plain name such as sim/`);
    const hash = await eventflow(['run', limited, '--no-log', '--topic-prefix', '#']);
    expect(hash.code).toBe(1);
    expect(hash.stderr).toContain("wildcard '#'");
    const sys = await eventflow(['run', limited, '--no-log', '--topic-prefix', '$SYS/']);
    expect(sys.code).toBe(1);
    expect(sys.stderr).toContain("starts with '$'");
  });

  it("adds the final / so the hint's filter sees the run's topics", async () => {
    const p = startCli(['run', open, '--no-log', '--stats', 'json', '--broker', mosquitto.url, '--topic-prefix', 'sim']);
    await until(() => /watch the traffic: .*/.test(p.stderr()), 'the watch hint');
    expect(p.stderr()).toContain(`mosquitto_sub -h 127.0.0.1 -p ${mosquitto.port} -t 'sim/#' -v`);
    await until(() => p.stdout().includes('"final":false'), 'a live line');
    expect((JSON.parse(p.stdout().split('\n')[0] as string) as StatsLine).topicPrefix).toBe('sim/');
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });
});

describe('the embedded broker', () => {
  it('reports MQTT 3.1.1 without shared subscriptions, and --ws-port serves MQTT over WebSocket to an outside client', async () => {
    const flow = await variant('ws', { ratePerSecond: 20 });
    const p = startCli(['run', flow, '--no-log', '--ws-port', '0']);
    await until(() => /MQTT over WebSocket: ws:\/\/127\.0\.0\.1:\d+/.test(p.stdout()), 'the WebSocket URL');
    await until(() => p.stdout().includes('broker: '), 'the probe result');
    expect(p.stdout()).toContain('broker: MQTT 3.1.1 (no MQTT 5), no shared subscriptions');
    const wsUrl = /MQTT over WebSocket: (ws:\/\/\S+)/.exec(p.stdout())?.[1] as string;
    const watcher = await mqtt.connectAsync(wsUrl, { clientId: `ws-watcher-${process.pid}` });
    const seen: CloudEvent[] = [];
    watcher.on('message', (topic, payload) => {
      if (topic === 'shop/orders') seen.push(JSON.parse(payload.toString()) as CloudEvent);
    });
    await watcher.subscribeAsync('#');
    await until(() => seen.length >= 3, 'orders seen over WebSocket');
    expect(seen.every((e) => e.type === 'order.placed')).toBe(true);
    await watcher.endAsync();
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });
});
