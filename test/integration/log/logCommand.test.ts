import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventLog } from '../../../main/runtime/log/openEventLog';
import { listSegments } from '../../../main/runtime/log/segmentFiles';
import { replayFlowInput } from './replayFlow';

/** `eventflow log` as a user runs it, on a log written beside a flow file. */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
let dir: string;
let flowFile: string;

async function eventflow(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/eventflow.mjs', ...args], { cwd: ROOT, timeout: 30_000 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflow-logcli-'));
  flowFile = join(dir, 'shop.eventflow.json');
  await writeFile(flowFile, JSON.stringify(replayFlowInput));
  const log = await openEventLog({ flowFile });
  const t = Date.now() - 5_000;
  const ev = (id: string, type: string, corr: string, total: number, cause?: string) => ({
    specversion: '1.0' as const, id, type, source: 'test', time: new Date(t).toISOString(), datacontenttype: 'application/json' as const,
    data: { total }, correlationid: corr, ...(cause ? { causationid: cause } : {}),
  });
  const hop = (e: ReturnType<typeof ev>, edgeId: string, topic: string, dt: number) => ({
    trace: { eventId: e.id, correlationId: e.correlationid, type: e.type, edgeId, topic, sentAt: t + dt, outcome: 'delivered' as const, ...(e.causationid ? { causationId: e.causationid } : {}) },
    event: e,
  });
  const o1 = ev('o1', 'order.placed', 'c-1', 250);
  const p1 = ev('p1', 'payment.succeeded', 'c-1', 250, 'o1');
  const o2 = ev('o2', 'order.placed', 'c-2', 20);
  log.append(hop(o1, 'store-router', 'shop/orders', 0));
  log.append(hop(p1, 'payment-receipts', 'shop/receipts', 20)); // logged before the order's fraud hop
  log.append(hop(o1, 'router-fraud', 'shop/fraud', 5));
  log.append(hop(o2, 'store-router', 'shop/orders', 100));
  await log.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('eventflow log', () => {
  it('prints one checkout by correlation id in causal order, with channel names from the flow', async () => {
    const { stdout, code } = await eventflow('log', flowFile, '--correlation', 'c-1');
    expect(code).toBe(0);
    const rows = stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^time\s+channel\s+topic\s+type\s+outcome\s+id\s+correlation\s+run$/);
    const header = rows[0] as string;
    const at = (name: string): number => header.indexOf(name);
    const cells = (r: string): string[] => [r.slice(at('channel'), at('topic')), r.slice(at('topic'), at('type')), r.slice(at('type'), at('outcome'))].map((c) => c.trim());
    expect(rows.slice(1, 4).map(cells)).toEqual([
      ['Storefront → Router', 'shop/orders', 'order.placed'],
      ['Router → Fraud', 'shop/fraud', 'order.placed'],
      ['Payment → Receipts', 'shop/receipts', 'payment.succeeded'],
    ]);
    expect(rows[4]).toBe('3 hop(s) of 2 event(s), causal order');
  });

  it('filters by type, channel, time and content pattern, and prints NDJSON with --json', async () => {
    const json = await eventflow('log', flowFile, '--json', '--type', 'order.placed', '--since', '1h', '--pattern', '{"data":{"total":[{"numeric":[">",100]}]}}');
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; trace: { edgeId: string } });
    expect(lines.map((l) => [l.seq, l.trace.edgeId])).toEqual([[1, 'store-router'], [3, 'router-fraud']]);
    const byChannel = await eventflow('log', flowFile, '--json', '--channel', 'store-router', '--limit', '1');
    expect(byChannel.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { trace: { eventId: string } }).trace.eventId)).toEqual(['o1']);
    expect((await eventflow('log', flowFile, '--json', '--until', '1h')).stdout).toBe('');
  });

  it('exports the events of a query as NDJSON CloudEvents', async () => {
    const out = join(dir, 'c-1.ndjson');
    const { stdout, code } = await eventflow('log', flowFile, '--correlation', 'c-1', '--export', out);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`exported 2 event(s) to ${out}`);
    const events = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; specversion: string });
    expect(events.map((e) => [e.id, e.specversion])).toEqual([['o1', '1.0'], ['p1', '1.0']]);
  });

  it('names the flag and the fix for a bad filter, and exits 1', async () => {
    const bad = await eventflow('log', flowFile, '--since', 'yesterday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--since: "yesterday" is not a time');
    const channel = await eventflow('log', flowFile, '--channel', 'nope');
    expect(channel.stderr).toContain('--channel: no channel nope in "Replay test"; channel ids are store-router, router-payment');
    const pattern = await eventflow('log', flowFile, '--pattern', '{"data":{"total":[{"numerc":[">",1]}]}}');
    expect(pattern.stderr).toContain('--pattern: data.total[0].numerc');
    const none = await eventflow('log', join(dir, 'missing.eventflow.json'));
    expect(none.code).toBe(1);
  });

  it('warns when the log ended with an incomplete record, and still prints every complete one', async () => {
    const [segment] = await listSegments(join(dir, 'shop.events'));
    await appendFile(join(dir, 'shop.events', segment as string), '{"seq":5,"at":17000000000'); // a writer killed mid-line
    const { stdout, stderr, code } = await eventflow('log', flowFile, '--json');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: .*shop\.events\/segment-000000000001\.ndjson ended with an incomplete record .* dropped its last 25 bytes/m);
    expect(stdout.trim().split('\n')).toHaveLength(4);
    // Cut once: the next reader finds a clean log.
    expect((await eventflow('log', flowFile, '--json')).stderr).toBe('');
  });
});
