import { realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REPLAY_SPEED } from '../../../../shared/bridge/bridgeMethods';
import type { FlowDocument } from '../../../../shared/flow/FlowDocument';
import { logDirFor } from '../../../../main/runtime/log/logDirFor';
import { openEventLog } from '../../../../main/runtime/log/openEventLog';
import { startMosquitto, type MosquittoBroker } from '../../harness/mosquitto';
import { checkoutManual, until, useRunService } from './runServiceFixture';

/** The logged span of the slice replayed at max: an hour, so x100 would take 36 s. */
const LOGGED_SPAN_MS = 60 * 60 * 1_000;
const ORDERS = 8;

describe('createRunHandlers: replaying a saved flow\'s log', () => {
  const t = useRunService('eventflow-replays-');

  /**
   * A saved checkout flow whose log holds a run of `ORDERS` orders spread over an hour, one of
   * them logged twice (a QoS 1 redelivery the consumer dropped as a duplicate). The orders are
   * real ones, made by one run of the flow; their logged times are rewritten.
   */
  async function hourLongLog(): Promise<{ doc: FlowDocument; path: string; runId: string; eventIds: string[] }> {
    const doc = await checkoutManual();
    const path = join(t.dir, 'shop.eventflow.json');
    await writeFile(path, JSON.stringify(doc));
    const { status } = await t.service.handlers.startRun({ doc, path });
    for (let i = 0; i < ORDERS; i++) await t.service.handlers.fireProducer({ nodeId: 'storefront' });
    await until(() => t.edgeCount('orders-payment') === ORDERS, `${ORDERS} orders at payment`);
    await t.service.handlers.stopRun({});
    const { hops } = await t.service.handlers.queryLog({ edgeIds: ['storefront-orders'], runId: status.runId, limit: 100 });
    expect(hops).toHaveLength(ORDERS);

    const runId = 'an-hour-of-orders';
    const log = await openEventLog({ dir: logDirFor(await realpath(path)) });
    const start = Date.now() - LOGGED_SPAN_MS - 60_000;
    hops.forEach((hop, i) => {
      const sentAt = start + Math.round((i * LOGGED_SPAN_MS) / (ORDERS - 1));
      const record = { run: runId, trace: { ...hop.trace, sentAt, receivedAt: sentAt + 2 }, event: { ...hop.event, time: new Date(sentAt).toISOString() } as never };
      log.append(record);
      if (i === 2) {
        log.append({ ...record, trace: { ...record.trace, receivedAt: sentAt + 40, outcome: 'dropped', reason: 'duplicate delivery of an event already received on this channel (QoS 1 redelivery)' } });
      }
    });
    await log.close();
    return { doc, path, runId, eventIds: hops.map((h) => h.trace.eventId) };
  }

  it("replays at max unpaced: an hour of orders in far less than x100's 36 s, each once and in the logged order", async () => {
    const { doc, path, runId, eventIds } = await hourLongLog();
    t.pushes.length = 0;
    const startedAt = Date.now();
    const replay = await t.service.handlers.startReplay({ doc, path, runId, speed: 'max', ordered: true });
    // The redelivered order is counted once, as the replay publishes it once.
    expect(replay.eventCount).toBe(ORDERS);
    await until(() => t.progress(replay.replayId).at(-1)?.state === 'done', 'the max replay to end');
    const elapsed = Date.now() - startedAt;
    expect(t.progress(replay.replayId).at(-1)).toMatchObject({ state: 'done', published: ORDERS, total: ORDERS });
    // x100 would wait 36 s between the first and the last; a third of it is a generous bound on a busy machine.
    expect(elapsed).toBeLessThan(LOGGED_SPAN_MS / MAX_REPLAY_SPEED / 3);

    await until(() => t.edgeCount('storefront-orders') === ORDERS, 'every replayed order in the flow');
    const replayRun = (await t.service.handlers.getRunStatus({})).status?.runId;
    const replayed = await t.service.handlers.queryLog({ edgeIds: ['storefront-orders'], runId: replayRun, includeReplays: true, limit: 100 });
    expect(replayed.hops.map((h) => h.trace.eventId)).toEqual(eventIds);
    expect(replayed.hops.every((h) => h.trace.replayId === replay.replayId)).toBe(true);

    // The run the replay started holds replay traffic only, and the list says so (the panel then
    // does not open on it after Stop); the replayed run is history of its own.
    await t.service.handlers.stopRun({});
    const { runs } = await t.service.handlers.listLogRuns({ path });
    const byId = new Map(runs.map((r) => [r.runId, r]));
    expect(byId.get(runId)).toMatchObject({ hops: ORDERS + 1, replayedHops: 0 });
    const own = byId.get(replayRun ?? '');
    expect(own?.hops).toBeGreaterThan(ORDERS);
    expect(own?.replayedHops).toBe(own?.hops);
  });

  it('refuses a numeric speed beyond the paced range, naming max', async () => {
    const { bridgeMethods } = await import('../../../../shared/bridge/bridgeMethods');
    const parsed = bridgeMethods.startReplay.params.safeParse({ speed: 1000 });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("or 'max'");
    expect(bridgeMethods.startReplay.params.parse({ speed: 'max' }).speed).toBe('max');
  });

  describe('on an external broker that refuses anonymous clients', () => {
    const user = { username: 'shop', password: 'replay-s3cret' };
    let broker: MosquittoBroker;
    beforeEach(async () => {
      broker = await startMosquitto({ user });
    });
    afterEach(async () => {
      await t.service.close();
      await broker.stop();
    });

    async function savedExternalFlow(): Promise<{ doc: FlowDocument; path: string }> {
      const doc = await checkoutManual();
      doc.broker = { kind: 'external', url: broker.url, username: user.username, mqttVersion: '5', keepaliveSeconds: 30, topicPrefix: 'replay-auth/' };
      const path = join(t.dir, 'shop.eventflow.json');
      await writeFile(path, JSON.stringify(doc));
      return { doc, path };
    }

    it('replays into the live run with the password the run was given', async () => {
      const { doc, path } = await savedExternalFlow();
      await t.service.handlers.startRun({ doc, path, brokerPassword: user.password });
      for (let i = 0; i < 3; i++) await t.service.handlers.fireProducer({ nodeId: 'storefront' });
      await until(() => t.edgeCount('orders-payment') === 3, 'three orders at payment');
      const replay = await t.service.handlers.startReplay({ speed: 'max', ordered: true });
      expect(replay.eventCount).toBe(3);
      await until(() => t.progress(replay.replayId).at(-1)?.state === 'done' || t.progress(replay.replayId).at(-1)?.state === 'failed', 'the replay to end');
      expect(t.progress(replay.replayId).at(-1)).toMatchObject({ state: 'done', published: 3 });
      await until(() => t.edgeCount('storefront-orders') === 6, 'three replayed orders');
    });

    it('starts a saved flow for a replay with the password given, and says the broker refused without one', async () => {
      const { doc, path } = await savedExternalFlow();
      await t.service.handlers.startRun({ doc, path, brokerPassword: user.password });
      for (let i = 0; i < 2; i++) await t.service.handlers.fireProducer({ nodeId: 'storefront' });
      await until(() => t.edgeCount('orders-payment') === 2, 'two orders at payment');

      // A new session (the app was restarted): nothing runs, the page passes the flow, its file and the password.
      await t.restart();
      await expect(t.service.handlers.startReplay({ doc, path, speed: 'max', ordered: true })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/^the flow could not start: .*(auth|not authori[sz]ed|password)/i),
      });
      const replay = await t.service.handlers.startReplay({ doc, path, speed: 'max', ordered: true, brokerPassword: user.password });
      expect(replay.eventCount).toBe(2);
      await until(() => t.progress(replay.replayId).at(-1)?.state === 'done' || t.progress(replay.replayId).at(-1)?.state === 'failed', 'the replay to end');
      expect(t.progress(replay.replayId).at(-1)).toMatchObject({ state: 'done', published: 2 });
      await until(() => t.edgeCount('orders-payment') === 2, 'two replayed orders at payment');
    });

    it('never gives the last run\'s password to another broker: a flow on a second broker must be given its own', async () => {
      // The same user and password on a second Mosquitto: had the first one's password been sent there, it would get in.
      const other = await startMosquitto({ user });
      try {
        const { doc, path } = await savedExternalFlow();
        await t.service.handlers.startRun({ doc, path, brokerPassword: user.password });
        await t.service.handlers.fireProducer({ nodeId: 'storefront' });
        await until(() => t.edgeCount('orders-payment') === 1, 'an order at payment');
        await t.service.handlers.stopRun({});

        const elsewhere = { ...doc, broker: { ...doc.broker, url: other.url } } as FlowDocument;
        await expect(t.service.handlers.startReplay({ doc: elsewhere, path, speed: 'max', ordered: true })).rejects.toMatchObject({
          code: 'unavailable',
          message: expect.stringMatching(/^the flow could not start: .*(auth|not authori[sz]ed|password)/i),
        });
        // The same broker and user as the last run: its password is used again.
        const again = await t.service.handlers.startReplay({ doc, path, speed: 'max', ordered: true });
        expect(again.eventCount).toBe(1);
      } finally {
        await t.service.close();
        await other.stop();
      }
    });
  });
});
