import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { openEventLog } from '../../../main/runtime/log/openEventLog';
import { freePort } from '../harness/freePort';
import { startCli, until } from '../main/cli/cliProcess';
import { replayFlowInput } from './replayFlow';

/**
 * `eventflow replay` flags, through the command, watched by a plain mqtt.js subscriber on the
 * port given with --port (the replay waits for it): a time range, targets, no order, import.
 */
const T0 = Date.now() - 120_000;
let dir: string;
let flow: string;

function order(n: number): CloudEvent {
  return { specversion: '1.0', id: `o${n}`, type: 'order.placed', source: 'test', time: new Date(T0 + n * 1_000).toISOString(), datacontenttype: 'application/json', data: { n }, correlationid: `c-${n}` };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-replaycli-'));
  flow = join(dir, 'shop.eventflow.json');
  await writeFile(flow, JSON.stringify(replayFlowInput));
  let clock = T0;
  const log = await openEventLog({ flowFile: flow, now: () => clock });
  // Ten orders a second apart (o1 at T0 + 1 s): each enters on store-router, then reaches payment and fraud.
  for (let n = 1; n <= 10; n++) {
    clock = T0 + n * 1_000;
    const e = order(n);
    const hop = (edgeId: string, topic: string) => ({
      run: 'run-a',
      trace: { eventId: e.id, correlationId: e.correlationid, type: e.type, edgeId, topic, sentAt: clock, outcome: 'delivered' as const },
      event: e,
    });
    log.append(hop('store-router', 'shop/orders'));
    log.append(hop('router-payment', 'shop/payments'));
    log.append(hop('router-fraud', 'shop/fraud'));
  }
  await log.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

interface Watched {
  code: number | null;
  stdout: string;
  stderr: string;
  seen: { topic: string; event: CloudEvent }[];
}

/** Run `eventflow replay FLOW ...args` on its own embedded broker, with a watcher that attaches once it waits. */
async function replayWatched(...args: string[]): Promise<Watched> {
  const port = await freePort();
  const p = startCli(['replay', flow, '--speed', 'max', '--no-log', '--drain', '1', '--port', String(port), '--wait', '30', ...args]);
  await until(() => p.stdout().includes('waiting up to 30 s for a watcher') || p.child.exitCode !== null, 'the replay to wait for a watcher');
  const seen: { topic: string; event: CloudEvent }[] = [];
  const watcher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: `replay-cli-watcher-${port}` });
  try {
    watcher.on('message', (topic, payload) => {
      if (!topic.includes('eventflow-probe/')) seen.push({ topic, event: JSON.parse(payload.toString()) as CloudEvent });
    });
    await watcher.subscribeAsync('#', { qos: 1 });
    const code = await p.exited;
    return { code, stdout: p.stdout(), stderr: p.stderr(), seen };
  } finally {
    await watcher.endAsync();
  }
}

const on = (w: Watched, topic: string): string[] => w.seen.filter((s) => s.topic === topic).map((s) => s.event.id);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('eventflow replay', () => {
  it('--from/--to replays exactly the orders logged in that range, in order', async () => {
    const w = await replayWatched('--from', iso(T0 + 3_000), '--to', iso(T0 + 6_000));
    expect(w.code, w.stderr).toBe(0);
    expect(on(w, 'shop/orders')).toEqual(['o3', 'o4', 'o5', 'o6']);
    expect(on(w, 'shop/fraud')).toEqual(['o3', 'o4', 'o5', 'o6']); // the flow routed them again
    expect(w.stdout).toMatch(/replaying from run run-a .*\nthe flow carried .*\nreplayed 4 event\(s\)/);
  });

  it('--targets delivers only into the chosen node: nothing enters at the storefront or reaches payment', async () => {
    const w = await replayWatched('--targets', 'fraud');
    expect(w.code, w.stderr).toBe(0);
    expect(on(w, 'shop/fraud')).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10']);
    expect(new Set(w.seen.map((s) => s.topic))).toEqual(new Set(['shop/fraud']));
    expect(w.seen.every((s) => typeof s.event.replayid === 'string')).toBe(true);
  });

  it('--no-order publishes every event without waiting for each acknowledgement', async () => {
    const w = await replayWatched('--no-order');
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toContain('at max speed, order not kept');
    expect(on(w, 'shop/orders').sort()).toEqual(['o1', 'o10', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9']);
  });

  it('--import replays the CloudEvents of an NDJSON file, telling the bad lines by number', async () => {
    const file = join(dir, 'picked.ndjson');
    await writeFile(file, [JSON.stringify(order(2)), '{"specversion":"1.0"', JSON.stringify(order(7))].join('\n'));
    const w = await replayWatched('--import', file);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: skipped: `, 'm'));
    expect(on(w, 'shop/orders')).toEqual(['o2', 'o7']);
    expect(w.stdout).toMatch(/replayed 2 event\(s\) in [\d.]+ s; skipped 1/);
  });

  it('names a bad flag and its fix, and starts nothing', async () => {
    const targets = startCli(['replay', flow, '--targets', 'nope', '--wait', '0']);
    expect(await targets.exited).toBe(1);
    expect(targets.stderr()).toContain('--targets: no node "nope" in this flow; node ids are store, router, payment, fraud, receipts');
    const run = startCli(['replay', flow, '--run', 'zzz', '--wait', '0']);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim()).toBe(`--run: no run "zzz" in this log (it has 1); list them with: eventflow log ${flow} --runs`);
    const from = startCli(['replay', flow, '--from', 'yesterday', '--wait', '0']);
    expect(await from.exited).toBe(1);
    expect(from.stderr()).toContain('--from: "yesterday" is not a time');
  });
});

describe('eventflow replay: flags that belong to the flow it starts', () => {
  it('--topic-prefix without --broker is the prefix the started flow runs and replays under', async () => {
    const w = await replayWatched('--topic-prefix', 'sim', '--limit', '3');
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toContain("-t 'sim/#'");
    expect(on(w, 'sim/shop/orders')).toEqual(['o1', 'o2', 'o3']);
    expect(on(w, 'sim/shop/fraud')).toEqual(['o1', 'o2', 'o3']); // the started flow routed them under the prefix
    expect(on(w, 'shop/orders')).toEqual([]);
  });

  it('refuses --port, --wait, --drain, --no-log and --log-dir with --broker, naming each, and connects nowhere', async () => {
    // Nothing listens on port 1: had the command gone on, it would fail to connect (exit 2) instead.
    const p = startCli(['replay', flow, '--broker', 'mqtt://127.0.0.1:1', '--port', '0', '--wait', '5', '--drain', '1', '--no-log', '--log-dir', dir]);
    expect(await p.exited).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['--port', '--wait', '--drain', '--no-log', '--log-dir']);
    expect(lines.every((l) => l.endsWith('leave it out, or leave out --broker'))).toBe(true);
    expect(lines[0]).toBe('--port: places the embedded broker this command starts; with --broker the flow runs elsewhere and nothing is started here: leave it out, or leave out --broker');
    expect(p.stdout()).toBe('');
  });
});
