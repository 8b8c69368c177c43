import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { LoggedHop } from '../../../main/runtime/log/LoggedHop';
import { openEventLog } from '../../../main/runtime/log/openEventLog';
import { startReplay } from '../../../main/runtime/log/startReplay';
import { startRun, type Run } from '../../../main/runtime/startRun';
import { freePort } from '../harness/freePort';
import { replayFlow, replayFlowInput } from './replayFlow';

/**
 * The log and replay with the real runtime: a run leaves one record per channel crossing, and
 * a replayed slice goes through a fresh run of the flow, watched from outside.
 */
const { plan } = replayFlow();
const RUN_MS = 1_000;
const WAIT_MS = 15_000;
let dir: string;
let flowFile: string;
let logDir: string;
let firstRunEdges: Map<string, number>;
let entryHops: LoggedHop[];
const cleanups: (() => Promise<unknown>)[] = [];

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function watch(url: string): Promise<{ client: MqttClient; seen: { topic: string; event: CloudEvent }[] }> {
  const seen: { topic: string; event: CloudEvent }[] = [];
  const client = await mqtt.connectAsync(url, { clientId: `watcher-${Math.random().toString(36).slice(2)}` });
  client.on('message', (topic, payload) => seen.push({ topic, event: JSON.parse(payload.toString()) as CloudEvent }));
  await client.subscribeAsync('#', { qos: 1 });
  cleanups.push(() => client.endAsync());
  return { client, seen };
}

const countBy = <T,>(items: T[], key: (t: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-runlog-'));
  flowFile = join(dir, 'shop.eventflow.json');
  logDir = join(dir, 'shop.events');
  await writeFile(flowFile, JSON.stringify(replayFlowInput));
  const log = await openEventLog({ flowFile });
  const run = await startRun(plan, { hopSink: log, durationMs: RUN_MS });
  await new Promise((r) => setTimeout(r, RUN_MS + 200));
  const totals = await run.stop();
  await log.close();
  firstRunEdges = new Map(totals.edges.map((e) => [e.edgeId, e.count]));
  const reader = await openEventLog({ dir: logDir });
  entryHops = await collect(reader.query({ edgeIds: ['store-router'] }));
  await reader.close();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('the event log of a run', () => {
  it('holds exactly one record per channel crossing: per channel, as many as the run counted', async () => {
    const log = await openEventLog({ dir: logDir });
    const hops = await collect(log.query());
    await log.close();
    expect(firstRunEdges.get('store-router')).toBeGreaterThan(20);
    expect(countBy(hops, (h) => h.trace.edgeId)).toEqual(Object.fromEntries(firstRunEdges));
    // Each order crossed store-router once, then reached payment and fraud.
    expect(new Set(entryHops.map((h) => h.trace.eventId)).size).toBe(firstRunEdges.get('store-router'));
    expect(hops.map((h) => h.seq)).toEqual(Array.from({ length: hops.length }, (_, i) => i + 1));
  });
});

describe('replaying a slice of the log', () => {
  let run: Run;
  let log: Awaited<ReturnType<typeof openEventLog>>;

  beforeAll(async () => {
    log = await openEventLog({ dir: logDir });
    run = await startRun(plan, { producers: 'idle', hopSink: log });
  });
  afterAll(async () => {
    await run?.stop({ drainMs: 500 });
    await log?.close();
  });

  it('delivers exactly that slice, in order, with replayid, through the whole flow', async () => {
    const slice = entryHops.slice(5, 15);
    const since = (slice[0] as LoggedHop).at;
    const until = (slice.at(-1) as LoggedHop).at;
    const { seen } = await watch(run.status().broker.url);
    const maxSeq = log.stats().lastSeq;
    const replay = startReplay({
      records: log.query({ since, until, edgeIds: ['store-router'], includeReplays: false, maxSeq }),
      plan,
      brokerUrl: run.status().broker.url,
      topicPrefix: run.status().topicPrefix,
      speed: 'max',
      replayId: 'slice-1',
    });
    expect(await replay.done).toMatchObject({ published: 10, skipped: 0 });
    const onOrders = (): { topic: string; event: CloudEvent }[] => seen.filter((s) => s.topic === 'shop/orders');
    await waitFor(() => seen.filter((s) => s.topic === 'shop/receipts').length >= 10, 'the flow to answer every replayed order');
    expect(onOrders().map((s) => s.event.id)).toEqual(slice.map((h) => h.trace.eventId));
    expect(seen.every((s) => s.event.replayid === 'slice-1')).toBe(true);

    // The replayed traffic is logged too, marked: every channel crossed once per replayed order.
    await log.flush();
    const replayed = (await collect(log.query({ since: 0 }))).filter((h) => h.trace.replayId === 'slice-1');
    expect(countBy(replayed, (h) => h.trace.edgeId)).toEqual({ 'store-router': 10, 'router-payment': 10, 'router-fraud': 10, 'payment-receipts': 10 });
  });

  it('with targets, reaches only the chosen consumers', async () => {
    const before = new Map(run.metrics().edges.map((e) => [e.edgeId, e.count]));
    const { seen } = await watch(run.status().broker.url);
    const replay = startReplay({
      records: log.query({ edgeIds: ['router-fraud'], includeReplays: false, limit: 8 }),
      plan,
      brokerUrl: run.status().broker.url,
      speed: 'max',
      targets: ['fraud'],
    });
    expect((await replay.done).published).toBe(8);
    await waitFor(() => (run.metrics().edges.find((e) => e.edgeId === 'router-fraud')?.count ?? 0) >= (before.get('router-fraud') ?? 0) + 8, 'fraud to get 8');
    await new Promise((r) => setTimeout(r, 200));
    const delta = Object.fromEntries(run.metrics().edges.map((e) => [e.edgeId, e.count - (before.get(e.edgeId) ?? 0)]));
    expect(delta).toEqual({ 'store-router': 0, 'router-payment': 0, 'router-fraud': 8, 'payment-receipts': 0 });
    expect(new Set(seen.map((s) => s.topic))).toEqual(new Set(['shop/fraud']));
  });
});

describe('eventflow replay', () => {
  it('starts the flow, prints the command to watch, waits for the watcher, and mosquitto_sub sees the replayed events', async () => {
    const root = join(import.meta.dirname, '../../..');
    // A wait far longer than the test may take: only the watcher's subscription can start the replay in time.
    const cli = spawn(process.execPath, ['bin/eventflow.mjs', 'replay', flowFile, '--speed', '100', '--wait', '600', '--limit', '5'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const watchers: ChildProcess[] = [];
    cleanups.push(async () => {
      cli.kill('SIGKILL');
      for (const w of watchers) w.kill('SIGKILL');
    });
    let out = '';
    let err = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    await waitFor(() => out.includes('waiting up to 600 s for a watcher'), 'the watch hint and the wait');
    const hint = /watch it: (mosquitto_sub .*)$/m.exec(out)?.[1] as string;
    const args = /-h (\S+) -p (\d+)/.exec(hint);
    expect(out).toContain('waiting up to 600 s for a watcher: the first subscriber to the replayed topics starts the replay');
    const t0 = Date.now();
    let watched = '';
    const sub = spawn('mosquitto_sub', ['-h', args?.[1] as string, '-p', args?.[2] as string, '-t', '#', '-v'], { stdio: ['ignore', 'pipe', 'pipe'] });
    watchers.push(sub);
    sub.stdout.on('data', (d: Buffer) => (watched += d.toString()));
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(WAIT_MS); // started by the watcher, not by the 600 s bound
    expect(err).toBe('');
    expect(out).toMatch(/replayed 5 event\(s\)/);
    const orders = watched.split('\n').filter((l) => l.startsWith('shop/orders '));
    expect(orders).toHaveLength(5);
    expect(orders.map((l) => (JSON.parse(l.slice('shop/orders '.length)) as CloudEvent).id)).toEqual(entryHops.slice(0, 5).map((h) => h.trace.eventId));
    expect(orders.every((l) => l.includes('"replayid"'))).toBe(true);
  });

  it('--port puts the embedded broker on a port chosen in advance, so a watcher can be ready', async () => {
    const port = await freePort();
    const root = join(import.meta.dirname, '../../..');
    const cli = spawn(process.execPath, ['bin/eventflow.mjs', 'replay', flowFile, '--speed', 'max', '--wait', '0', '--limit', '1', '--no-log', '--port', String(port)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => {
      cli.kill('SIGKILL');
    });
    let out = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => cli.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain(`mosquitto_sub -h 127.0.0.1 -p ${port} -t '#' -v`);
    expect(out).toMatch(/replayed 1 event\(s\)/);
  });
});
