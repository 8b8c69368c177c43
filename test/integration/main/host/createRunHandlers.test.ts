import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgePush } from '../../../../shared/bridge/bridgeEvents';
import type { MetricsSnapshot, ReplayProgress } from '../../../../shared/bridge/runEvents';
import { loadFlow } from '../../../../shared/flow/loadFlow';
import type { FlowDocument } from '../../../../shared/flow/FlowDocument';
import { createRunHandlers, type RunService } from '../../../../main/host/createRunHandlers';

const REPO = resolve(import.meta.dirname, '../../../..');
const SETTLE_TIMEOUT_MS = 20_000;

async function checkoutManual(): Promise<FlowDocument> {
  const raw = JSON.parse(await readFile(join(REPO, 'examples/checkout.eventflow.json'), 'utf8')) as { nodes: { kind: string; settings: Record<string, unknown> }[] };
  for (const n of raw.nodes) if (n.kind === 'producer') n.settings.mode = 'manual';
  const loaded = loadFlow(raw);
  if (!loaded.ok) throw new Error('fixture does not load');
  return loaded.doc;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('createRunHandlers', () => {
  let dir: string;
  let service: RunService;
  let pushes: BridgePush[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflow-runs-'));
    pushes = [];
    service = createRunHandlers({ push: (p) => pushes.push(p), workspaceRoots: [dir], fallbackLogDir: join(dir, 'untitled.events'), log: () => undefined });
  });
  afterEach(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  const lastMetrics = (): MetricsSnapshot | undefined =>
    pushes.filter((p) => p.event === 'runMetrics').at(-1)?.payload as MetricsSnapshot | undefined;
  const edgeCount = (id: string): number => lastMetrics()?.edges.find((e) => e.edgeId === id)?.count ?? 0;

  it('refuses a flow with compile errors, listing them, and runs nothing', async () => {
    const doc = await checkoutManual();
    doc.edges.push({ ...doc.edges[0]!, id: 'dangling', target: 'nowhere' });
    await expect(service.handlers.startRun({ doc })).rejects.toThrow(/does not compile \(\d+ error\(s\)\).*nowhere/);
    expect((await service.handlers.getRunStatus({})).status).toBeNull();
  });

  it('runs, pushes status, traces and metrics, fires, queries the log and replays into the run', async () => {
    const doc = await checkoutManual();
    const { status } = await service.handlers.startRun({ doc });
    expect(status.state).toBe('running');
    expect(status.broker.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    for (let i = 0; i < 3; i++) await service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => edgeCount('orders-payment') === 3, 'three orders at payment');
    expect(pushes.some((p) => p.event === 'runTraces')).toBe(true);

    const { hops } = await service.handlers.queryLog({ edgeIds: ['storefront-orders'], limit: 100 });
    expect(hops).toHaveLength(3);
    const path = await service.handlers.queryLog({ correlationId: hops[0]!.trace.correlationId, order: 'causal', limit: 100 });
    expect(path.hops.map((h) => h.trace.edgeId)).toEqual(expect.arrayContaining(['storefront-orders', 'orders-payment']));

    const replay = await service.handlers.startReplay({ since: status.startedAt ?? 0, until: Date.now(), speed: 100, ordered: true });
    expect(replay.eventCount).toBe(3);
    await until(() => edgeCount('storefront-orders') === 6, 'three replayed orders');

    const stopped = await service.handlers.stopRun({});
    expect(stopped.status.state).toBe('stopped');
    await expect(service.handlers.fireProducer({ nodeId: 'storefront' })).rejects.toThrow(/no flow is running/);
  });

  it('after Stop, the log can still be read and replayed: the flow restarts with idle producers', async () => {
    const doc = await checkoutManual();
    const { status } = await service.handlers.startRun({ doc });
    for (let i = 0; i < 2; i++) await service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => edgeCount('orders-payment') === 2, 'two orders at payment');
    await service.handlers.stopRun({});

    const { hops } = await service.handlers.queryLog({ edgeIds: ['storefront-orders'], limit: 100 });
    expect(hops).toHaveLength(2);

    pushes = [];
    const replay = await service.handlers.startReplay({ since: status.startedAt ?? 0, speed: 100, ordered: true });
    expect(replay.eventCount).toBe(2);
    // A fresh run: its counters start at zero, and only the two replayed orders move.
    await until(() => edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    const restarted = pushes.find((p) => p.event === 'runStatus')?.payload as { state: string } | undefined;
    expect(restarted?.state).toBe('running');
    await new Promise((r) => setTimeout(r, 500));
    expect(edgeCount('storefront-orders')).toBe(2);
  });

  const progress = (replayId: string): ReplayProgress[] =>
    pushes.filter((p) => p.event === 'replayProgress').map((p) => p.payload as ReplayProgress).filter((p) => p.replayId === replayId);

  /** One run of the (seeded) flow with `orders` orders fired, then Stop. */
  async function oneRun(doc: FlowDocument, orders: number, path?: string): Promise<string> {
    const { status } = await service.handlers.startRun({ doc, ...(path !== undefined ? { path } : {}) });
    for (let i = 0; i < orders; i++) await service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => edgeCount('orders-payment') === orders, `${orders} orders at payment`);
    await service.handlers.stopRun({});
    return status.runId as string;
  }

  it('keeps two runs of the same seeded flow apart: runs listed, queried and replayed one at a time', async () => {
    const doc = await checkoutManual();
    const first = await oneRun(doc, 2);
    const second = await oneRun(doc, 2);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);

    const { runs } = await service.handlers.listLogRuns({});
    expect(runs.map((r) => r.runId)).toEqual([first, second]);
    expect(runs[0]!.hops).toBe(runs[1]!.hops); // same seed, same events
    expect(runs[0]!.lastAt).toBeLessThanOrEqual(runs[1]!.firstAt);

    // Same seed, same ids: without a run the log has every order twice; with one, once.
    const all = await service.handlers.queryLog({ edgeIds: ['storefront-orders'], limit: 100 });
    expect(all.hops.map((h) => h.trace.eventId)).toEqual([...all.hops.slice(0, 2), ...all.hops.slice(0, 2)].map((h) => h.trace.eventId));
    const one = await service.handlers.queryLog({ edgeIds: ['storefront-orders'], runId: first, limit: 100 });
    expect(one.hops).toHaveLength(2);
    const chain = await service.handlers.queryLog({ correlationId: one.hops[0]!.trace.correlationId, runId: first, limit: 100 });
    expect(chain.hops.filter((h) => h.trace.edgeId === 'storefront-orders')).toHaveLength(1);

    pushes = [];
    const replay = await service.handlers.startReplay({ runId: first, speed: 100, ordered: true });
    expect(replay.eventCount).toBe(2); // not 4: the second run's identical orders are not mixed in
    await until(() => progress(replay.replayId).at(-1)?.state === 'done', 'the replay to end');
    await until(() => edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    const latest = await service.handlers.startReplay({ speed: 100, ordered: false, types: ['checkout.order.placed'] });
    expect(latest.eventCount).toBe(2); // the latest run with original events, not all three runs
  });

  it('replays into chosen nodes only, and names an unknown target', async () => {
    const doc = await checkoutManual();
    await oneRun(doc, 3);
    pushes = [];
    const replay = await service.handlers.startReplay({ targets: ['payment'], speed: 100, ordered: true });
    expect(replay.eventCount).toBe(3);
    await until(() => edgeCount('orders-payment') === 3, 'three orders replayed into payment');
    await new Promise((r) => setTimeout(r, 300));
    expect(edgeCount('storefront-orders')).toBe(0);
    expect(edgeCount('orders-inventory')).toBe(0);
    await expect(service.handlers.startReplay({ targets: ['nope'], speed: 1, ordered: true })).rejects.toMatchObject({
      code: 'bad-params',
      message: expect.stringMatching(/^targets: no node "nope" in this flow; node ids are storefront, /),
    });
  });

  it('pauses and resumes a replay, pushing its progress when it starts, pauses, resumes and ends', async () => {
    const doc = await checkoutManual();
    const { status } = await service.handlers.startRun({ doc });
    for (let i = 0; i < 4; i++) {
      await service.handlers.fireProducer({ nodeId: 'storefront' });
      await new Promise((r) => setTimeout(r, 250)); // x1 replay: about 750 ms from the first to the last
    }
    await until(() => edgeCount('orders-payment') === 4, 'four orders at payment');
    pushes = [];
    const { replayId, eventCount } = await service.handlers.startReplay({ since: status.startedAt ?? 0, speed: 1, ordered: true });
    expect(eventCount).toBe(4);
    expect(progress(replayId)[0]).toEqual({ replayId, state: 'running', published: 0, total: 4 });
    await service.handlers.pauseReplay({ replayId });
    const paused = progress(replayId).at(-1)!;
    expect(paused.state).toBe('paused');
    await new Promise((r) => setTimeout(r, 1_200)); // longer than the whole replay would take
    expect(progress(replayId).at(-1)).toEqual(paused);
    expect(edgeCount('storefront-orders')).toBeLessThanOrEqual(4 + paused.published);
    await service.handlers.resumeReplay({ replayId });
    expect(progress(replayId).at(-1)?.state).toBe('running');
    await until(() => progress(replayId).at(-1)?.state === 'done', 'the replay to end');
    expect(progress(replayId).at(-1)).toEqual({ replayId, state: 'done', published: 4, total: 4 });
    const states = progress(replayId).map((p) => p.state);
    expect(states.indexOf('paused')).toBeLessThan(states.lastIndexOf('running'));
    await expect(service.handlers.pauseReplay({ replayId })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('with no run this session, replays the log beside a saved flow into that flow, started with idle producers', async () => {
    const doc = await checkoutManual();
    const path = join(dir, 'shop.eventflow.json');
    await writeFile(path, JSON.stringify(doc));
    await oneRun(doc, 2, path);
    await service.close();

    pushes = [];
    service = createRunHandlers({ push: (p) => pushes.push(p), workspaceRoots: [dir], fallbackLogDir: join(dir, 'untitled.events'), log: () => undefined });
    await expect(service.handlers.startReplay({ speed: 100, ordered: true })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('pass doc and path') });
    const broken = structuredClone(doc);
    broken.edges.push({ ...broken.edges[0]!, id: 'dangling', target: 'nowhere' });
    await expect(service.handlers.startReplay({ doc: broken, path, speed: 100, ordered: true })).rejects.toMatchObject({
      code: 'invalid-flow',
      message: expect.stringMatching(/^doc: the flow to replay into does not compile \(2 error\(s\)\): edges\[\d+\]\.target: .*"nowhere"/),
    });
    expect((await service.handlers.listLogRuns({ path })).runs).toHaveLength(1);
    const replay = await service.handlers.startReplay({ doc, path, speed: 100, ordered: true });
    expect(replay.eventCount).toBe(2);
    await until(() => edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    expect((await service.handlers.getRunStatus({})).status?.state).toBe('running');
    expect(existsSync(join(dir, 'shop.events'))).toBe(true);
  });
});
