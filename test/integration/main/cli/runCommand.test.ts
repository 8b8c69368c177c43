import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../../harness/mosquitto';
import { CLI_TIMEOUT_MS, eventflow } from './cliProcess';

const FIXTURE = 'test/fixtures/runtime/tiny.eventflow.json';

interface StatsLine {
  final: boolean;
  broker: string;
  nodes: { nodeId: string; counters: { in: number; out: number } }[];
  edges: { edgeId: string; count: number }[];
}

describe('eventflow run', () => {
  let mosquitto: MosquittoBroker;
  beforeAll(async () => {
    mosquitto = await startMosquitto();
  });
  afterAll(async () => {
    await mosquitto?.stop();
  });

  it('--stats json prints one JSON object per line, the last the final totals, and exits 0', async () => {
    const { code, stdout, stderr } = await eventflow(['run', FIXTURE, '--no-log', '--duration', '2', '--stats', 'json', '--seed', '3']);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as StatsLine);
    expect(lines.length).toBeGreaterThanOrEqual(3); // live snapshots twice a second, then the totals
    const final = lines.at(-1)!;
    expect(lines.slice(0, -1).every((l) => !l.final)).toBe(true);
    expect(final.final).toBe(true);
    const node = (id: string) => final.nodes.find((n) => n.nodeId === id)!.counters;
    expect(node('shop').out).toBeGreaterThanOrEqual(30); // 20/s for 2 s
    // Drained before the totals: every order reached billing and every bill reached the ledger.
    expect(node('billing').in).toBe(node('shop').out);
    expect(node('ledger').in).toBe(node('billing').out);
    expect(stderr).toMatch(/watch the traffic: mosquitto_sub -h 127\.0\.0\.1 -p \d+ -t '#' -v/);
  });

  it('keeps the event log beside the flow file by default, and eventflow log reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-runlog-'));
    try {
      const flow = join(dir, 'tiny.eventflow.json');
      await copyFile(FIXTURE, flow);
      const run = await eventflow(['run', flow, '--duration', '1', '--stats', 'json', '--seed', '3']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(join(dir, 'tiny.events'));
      expect((await readdir(join(dir, 'tiny.events'))).some((f) => f.endsWith('.ndjson'))).toBe(true);
      const final = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as StatsLine;
      const crossings = final.edges.reduce((sum, e) => sum + e.count, 0);
      const log = await eventflow(['log', flow, '--json']);
      expect(log.code, log.stderr).toBe(0);
      expect(log.stdout.trim().split('\n').filter(Boolean)).toHaveLength(crossings);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs the same flow against Mosquitto with --broker and a topic prefix', async () => {
    const { code, stdout, stderr } = await eventflow(['run', FIXTURE, '--no-log', '--duration', '1', '--stats', 'json', '--broker', mosquitto.url, '--topic-prefix', 'cli/']);
    expect(code, stderr).toBe(0);
    const final = JSON.parse(stdout.trim().split('\n').at(-1)!) as StatsLine;
    expect(final.broker).toBe(mosquitto.url);
    expect(final.edges.find((e) => e.edgeId === 'orders')!.count).toBeGreaterThan(10);
    expect(stderr).toMatch(new RegExp(`mosquitto_sub -h 127\\.0\\.0\\.1 -p ${mosquitto.port} -t 'cli/#' -v`));
  });

  it('prints the live table and a final summary in text mode', async () => {
    const { code, stdout } = await eventflow(['run', FIXTURE, '--duration', '1', '--no-log']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Tiny shop: run [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} on the embedded broker mqtt:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/final totals\nnode +kind +in +out +failed +dead-lettered +in-flight +backlog +rate\/s +p50 ms +p99 ms\nshop +producer/);
  });

  it('exits 2 with one clear paragraph when the broker cannot be reached', async () => {
    const { code, stdout, stderr } = await eventflow(['run', FIXTURE, '--no-log', '--broker', 'mqtt://127.0.0.1:1', '--duration', '1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/^Cannot reach the MQTT broker at mqtt:\/\/127\.0\.0\.1:1 \(ECONNREFUSED.*leave out --broker to run on the embedded broker\.$/);
  });

  it('exits 1 with the diagnostics when the flow does not compile', async () => {
    const { code, stderr } = await eventflow(['run', 'test/fixtures/runtime/dangling.eventflow.json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/compile error/);
    expect(stderr).toMatch(/edges\[0\]\.target.*nowhere/);
  });

  it('stops on SIGTERM: drains, prints the totals and exits 0', async () => {
    const child = spawn(process.execPath, ['bin/eventflow.mjs', 'run', FIXTURE, '--stats', 'json', '--no-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + CLI_TIMEOUT_MS;
    while (!stdout.includes('"final":false') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(0);
    const final = JSON.parse(stdout.trim().split('\n').at(-1)!) as StatsLine;
    expect(final.final).toBe(true);
    expect(final.nodes.find((n) => n.nodeId === 'shop')!.counters.out).toBeGreaterThan(0);
  });
});
