import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../../shared/flow/FlowDocument';
import { checkoutManual, until, useRunService } from './runServiceFixture';

describe('createRunHandlers', () => {
  const t = useRunService('eventflow-runs-');

  it('refuses a flow with compile errors, listing them, and runs nothing', async () => {
    const doc = await checkoutManual();
    doc.edges.push({ ...doc.edges[0]!, id: 'dangling', target: 'nowhere' });
    await expect(t.service.handlers.startRun({ doc })).rejects.toThrow(/does not compile \(\d+ error\(s\)\).*nowhere/);
    expect((await t.service.handlers.getRunStatus({})).status).toBeNull();
  });

  it('runs, pushes status, traces and metrics, fires, queries the log and replays into the run', async () => {
    const doc = await checkoutManual();
    const { status } = await t.service.handlers.startRun({ doc });
    expect(status.state).toBe('running');
    expect(status.broker.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    for (let i = 0; i < 3; i++) await t.service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => t.edgeCount('orders-payment') === 3, 'three orders at payment');
    expect(t.pushes.some((p) => p.event === 'runTraces')).toBe(true);

    const { hops } = await t.service.handlers.queryLog({ edgeIds: ['storefront-orders'], limit: 100 });
    expect(hops).toHaveLength(3);
    const path = await t.service.handlers.queryLog({ correlationId: hops[0]!.trace.correlationId, order: 'causal', limit: 100 });
    expect(path.hops.map((h) => h.trace.edgeId)).toEqual(expect.arrayContaining(['storefront-orders', 'orders-payment']));

    const replay = await t.service.handlers.startReplay({ since: status.startedAt ?? 0, until: Date.now(), speed: 100, ordered: true });
    expect(replay.eventCount).toBe(3);
    await until(() => t.edgeCount('storefront-orders') === 6, 'three replayed orders');

    const stopped = await t.service.handlers.stopRun({});
    expect(stopped.status.state).toBe('stopped');
    await expect(t.service.handlers.fireProducer({ nodeId: 'storefront' })).rejects.toThrow(/no flow is running/);
  });

  it('after Stop, the log can still be read and replayed: the flow restarts with idle producers', async () => {
    const doc = await checkoutManual();
    const { status } = await t.service.handlers.startRun({ doc });
    for (let i = 0; i < 2; i++) await t.service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => t.edgeCount('orders-payment') === 2, 'two orders at payment');
    await t.service.handlers.stopRun({});

    const { hops } = await t.service.handlers.queryLog({ edgeIds: ['storefront-orders'], limit: 100 });
    expect(hops).toHaveLength(2);

    t.pushes.length = 0;
    const replay = await t.service.handlers.startReplay({ since: status.startedAt ?? 0, speed: 100, ordered: true });
    expect(replay.eventCount).toBe(2);
    // A fresh run: its counters start at zero, and only the two replayed orders move.
    await until(() => t.edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    const restarted = t.pushes.find((p) => p.event === 'runStatus')?.payload as { state: string } | undefined;
    expect(restarted?.state).toBe('running');
    await new Promise((r) => setTimeout(r, 500));
    expect(t.edgeCount('storefront-orders')).toBe(2);
  });

  /** One run of the (seeded) flow with `orders` orders fired, then Stop. */
  async function oneRun(doc: FlowDocument, orders: number, path?: string): Promise<string> {
    const { status } = await t.service.handlers.startRun({ doc, ...(path !== undefined ? { path } : {}) });
    for (let i = 0; i < orders; i++) await t.service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => t.edgeCount('orders-payment') === orders, `${orders} orders at payment`);
    await t.service.handlers.stopRun({});
    return status.runId as string;
  }

  it('keeps two runs of the same seeded flow apart: runs listed, queried and replayed one at a time', async () => {
    const doc = await checkoutManual();
    const first = await oneRun(doc, 2);
    const second = await oneRun(doc, 2);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);

    const { runs } = await t.service.handlers.listLogRuns({});
    expect(runs.map((r) => r.runId)).toEqual([first, second]);
    expect(runs[0]!.hops).toBe(runs[1]!.hops); // same seed, same events
    expect(runs[0]!.lastAt).toBeLessThanOrEqual(runs[1]!.firstAt);

    // Same seed, same ids: without a run the log has every order twice; with one, once.
    const all = await t.service.handlers.queryLog({ edgeIds: ['storefront-orders'], limit: 100 });
    expect(all.hops.map((h) => h.trace.eventId)).toEqual([...all.hops.slice(0, 2), ...all.hops.slice(0, 2)].map((h) => h.trace.eventId));
    const one = await t.service.handlers.queryLog({ edgeIds: ['storefront-orders'], runId: first, limit: 100 });
    expect(one.hops).toHaveLength(2);
    const chain = await t.service.handlers.queryLog({ correlationId: one.hops[0]!.trace.correlationId, runId: first, limit: 100 });
    expect(chain.hops.filter((h) => h.trace.edgeId === 'storefront-orders')).toHaveLength(1);

    t.pushes.length = 0;
    const replay = await t.service.handlers.startReplay({ runId: first, speed: 100, ordered: true });
    expect(replay.eventCount).toBe(2); // not 4: the second run's identical orders are not mixed in
    await until(() => t.progress(replay.replayId).at(-1)?.state === 'done', 'the replay to end');
    await until(() => t.edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    const latest = await t.service.handlers.startReplay({ speed: 100, ordered: false, types: ['checkout.order.placed'] });
    expect(latest.eventCount).toBe(2); // the latest run with original events, not all three runs
  });

  it('replays into chosen nodes only, and names an unknown target', async () => {
    const doc = await checkoutManual();
    await oneRun(doc, 3);
    t.pushes.length = 0;
    const replay = await t.service.handlers.startReplay({ targets: ['payment'], speed: 100, ordered: true });
    expect(replay.eventCount).toBe(3);
    await until(() => t.edgeCount('orders-payment') === 3, 'three orders replayed into payment');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.edgeCount('storefront-orders')).toBe(0);
    expect(t.edgeCount('orders-inventory')).toBe(0);
    await expect(t.service.handlers.startReplay({ targets: ['nope'], speed: 1, ordered: true })).rejects.toMatchObject({
      code: 'bad-params',
      message: expect.stringMatching(/^targets: no node "nope" in this flow; node ids are storefront, /),
    });
  });

  it('pauses and resumes a replay, pushing its progress when it starts, pauses, resumes and ends', async () => {
    const doc = await checkoutManual();
    const { status } = await t.service.handlers.startRun({ doc });
    for (let i = 0; i < 4; i++) {
      await t.service.handlers.fireProducer({ nodeId: 'storefront' });
      await new Promise((r) => setTimeout(r, 250)); // x1 replay: about 750 ms from the first to the last
    }
    await until(() => t.edgeCount('orders-payment') === 4, 'four orders at payment');
    t.pushes.length = 0;
    const { replayId, eventCount } = await t.service.handlers.startReplay({ since: status.startedAt ?? 0, speed: 1, ordered: true });
    expect(eventCount).toBe(4);
    expect(t.progress(replayId)[0]).toEqual({ replayId, state: 'running', published: 0, total: 4 });
    await t.service.handlers.pauseReplay({ replayId });
    const paused = t.progress(replayId).at(-1)!;
    expect(paused.state).toBe('paused');
    await new Promise((r) => setTimeout(r, 1_200)); // longer than the whole replay would take
    expect(t.progress(replayId).at(-1)).toEqual(paused);
    expect(t.edgeCount('storefront-orders')).toBeLessThanOrEqual(4 + paused.published);
    await t.service.handlers.resumeReplay({ replayId });
    expect(t.progress(replayId).at(-1)?.state).toBe('running');
    await until(() => t.progress(replayId).at(-1)?.state === 'done', 'the replay to end');
    expect(t.progress(replayId).at(-1)).toEqual({ replayId, state: 'done', published: 4, total: 4 });
    const states = t.progress(replayId).map((p) => p.state);
    expect(states.indexOf('paused')).toBeLessThan(states.lastIndexOf('running'));
    await expect(t.service.handlers.pauseReplay({ replayId })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('with no run this session, replays the log beside a saved flow into that flow, started with idle producers', async () => {
    const doc = await checkoutManual();
    const path = join(t.dir, 'shop.eventflow.json');
    await writeFile(path, JSON.stringify(doc));
    await oneRun(doc, 2, path);

    await t.restart();
    await expect(t.service.handlers.startReplay({ speed: 100, ordered: true })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('pass doc and path') });
    const broken = structuredClone(doc);
    broken.edges.push({ ...broken.edges[0]!, id: 'dangling', target: 'nowhere' });
    await expect(t.service.handlers.startReplay({ doc: broken, path, speed: 100, ordered: true })).rejects.toMatchObject({
      code: 'invalid-flow',
      message: expect.stringMatching(/^doc: the flow to replay into does not compile \(2 error\(s\)\): edges\[\d+\]\.target: .*"nowhere"/),
    });
    expect((await t.service.handlers.listLogRuns({ path })).runs).toHaveLength(1);
    const replay = await t.service.handlers.startReplay({ doc, path, speed: 100, ordered: true });
    expect(replay.eventCount).toBe(2);
    await until(() => t.edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    expect((await t.service.handlers.getRunStatus({})).status?.state).toBe('running');
    expect(existsSync(join(t.dir, 'shop.events'))).toBe(true);
  });
});
