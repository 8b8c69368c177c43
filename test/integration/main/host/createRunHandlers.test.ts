import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgePush } from '../../../../shared/bridge/bridgeEvents';
import type { MetricsSnapshot } from '../../../../shared/bridge/runEvents';
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
});
