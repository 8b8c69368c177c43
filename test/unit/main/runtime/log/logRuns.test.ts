import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { causalOrder } from '../../../../../main/runtime/log/causalOrder';
import { exportEvents } from '../../../../../main/runtime/log/exportEvents';
import { listLogRuns } from '../../../../../main/runtime/log/listLogRuns';
import { LEGACY_RUN_ID, type LoggedHop } from '../../../../../main/runtime/log/LoggedHop';
import { openEventLog } from '../../../../../main/runtime/log/openEventLog';
import { queryLog } from '../../../../../main/runtime/log/queryLog';
import { runsMatching } from '../../../../../main/runtime/log/runsMatching';
import { INDEX_VERSION } from '../../../../../main/runtime/log/SegmentIndex';
import { listSegments } from '../../../../../main/runtime/log/segmentFiles';
import { collect, hop, tempDir } from './hopRecords';

/**
 * Two runs of a seeded flow make the same event and correlation ids. The log keeps which run
 * logged each hop, and every reader (query, causal order, export, the list of runs) keeps the
 * runs apart instead of merging them into one history.
 */
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const T0 = Date.parse('2026-03-01T10:00:00Z');

/** One checkout (order o1, payment p1 caused by it): the same ids in every run of a seeded flow. */
function checkout(): Parameters<typeof hop>[1][] {
  return [
    { eventId: 'o1', correlationId: 'c-1', edgeId: 'e-store-broker' },
    { eventId: 'p1', correlationId: 'c-1', causationId: 'o1', type: 'payment.succeeded', edgeId: 'e-payment-store' },
    { eventId: 'o1', correlationId: 'c-1', edgeId: 'e-broker-payment', outcome: 'routed' },
  ];
}

async function twoRuns(): Promise<void> {
  let clock = T0;
  const log = await openEventLog({ dir, now: () => clock, segmentMaxBytes: 1_500, maxBatchRecords: 2 });
  for (const run of ['run-a', 'run-b']) {
    for (const [i, over] of checkout().entries()) {
      log.append({ ...hop(i, over), run });
      clock += 1_000;
    }
    clock += 60_000;
  }
  await log.close();
}

describe('the run of every logged hop', () => {
  it('is written on each line and read back; a line without one reads as the legacy run', async () => {
    const log = await openEventLog({ dir });
    log.append({ ...hop(1), run: 'run-a' });
    log.append(hop(2));
    await log.close();
    const [segment] = await listSegments(dir);
    const lines = (await readFile(join(dir, segment as string), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\{"seq":1,"at":\d+,"run":"run-a","trace":/);
    expect(lines[1]).toMatch(/^\{"seq":2,"at":\d+,"trace":/);
    const hops = await collect(queryLog(dir, {}));
    expect(hops.map((h) => h.run)).toEqual(['run-a', undefined]);
    expect((await collect(queryLog(dir, { runId: LEGACY_RUN_ID }))).map((h) => h.seq)).toEqual([2]);
  });

  it('lists the runs of a log with their first and last time and hop count, from the indexes', async () => {
    await twoRuns();
    const runs = await listLogRuns(dir);
    expect(runs).toEqual([
      { runId: 'run-a', firstAt: T0, lastAt: T0 + 2_000, hops: 3, replayedHops: 0 },
      { runId: 'run-b', firstAt: T0 + 63_000, lastAt: T0 + 65_000, hops: 3, replayedHops: 0 },
    ]);
    expect((await listSegments(dir)).length).toBeGreaterThan(1); // the runs span segments
  });

  it('rebuilds the list when an index is missing', async () => {
    await twoRuns();
    for (const segment of await listSegments(dir)) await unlink(join(dir, segment.replace(/\.ndjson$/, '.idx.json')));
    expect((await listLogRuns(dir)).map((r) => [r.runId, r.hops])).toEqual([['run-a', 3], ['run-b', 3]]);
  });

  it('rebuilds an index of the previous version (no runs in it) instead of trusting it', async () => {
    await twoRuns();
    for (const segment of await listSegments(dir)) {
      const path = join(dir, segment.replace(/\.ndjson$/, '.idx.json'));
      const index = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      delete index.runs;
      await writeFile(path, JSON.stringify({ ...index, version: 1 }));
    }
    expect((await listLogRuns(dir)).map((r) => r.runId)).toEqual(['run-a', 'run-b']);
    expect((await collect(queryLog(dir, { runId: 'run-b' }))).length).toBe(3);
    // No writer holds the log: what was rebuilt is written back, so the next listing reads it.
    for (const segment of await listSegments(dir)) {
      const index = JSON.parse(await readFile(join(dir, segment.replace(/\.ndjson$/, '.idx.json')), 'utf8')) as { version: number; runs?: object };
      expect(index.version).toBe(INDEX_VERSION);
      expect(index.runs).toBeDefined();
    }
  });

  it('queries one run: the same correlation id in another run is not mixed in', async () => {
    await twoRuns();
    const b = await collect(queryLog(dir, { correlationId: 'c-1', runId: 'run-b' }));
    expect(b.map((h) => [h.run, h.trace.eventId, h.trace.edgeId])).toEqual([
      ['run-b', 'o1', 'e-store-broker'],
      ['run-b', 'o1', 'e-broker-payment'],
      ['run-b', 'p1', 'e-payment-store'],
    ]);
    expect(await collect(queryLog(dir, { runId: 'run-c' }))).toEqual([]);
  });

  it('orders a correlation id found in two runs as two chains, never one interleaved chain', async () => {
    await twoRuns();
    const both = await collect(queryLog(dir, { correlationId: 'c-1' }));
    expect(both.map((h) => `${h.run}:${h.trace.eventId}@${h.trace.edgeId}`)).toEqual([
      'run-a:o1@e-store-broker',
      'run-a:o1@e-broker-payment',
      'run-a:p1@e-payment-store',
      'run-b:o1@e-store-broker',
      'run-b:o1@e-broker-payment',
      'run-b:p1@e-payment-store',
    ]);
  });

  it('keeps the parent of an event inside its own run in causal order', () => {
    let seq = 0;
    const at = (run: string, over: Parameters<typeof hop>[1]): LoggedHop => ({ ...hop(0, over), run, seq: ++seq, at: 0 });
    // run-b's payment is logged before run-b's order; run-a's order is earlier still.
    const hops = [
      at('run-a', { eventId: 'o1' }),
      at('run-b', { eventId: 'p1', causationId: 'o1' }),
      at('run-b', { eventId: 'o1' }),
    ];
    expect(causalOrder(hops).map((h) => `${h.run}:${h.trace.eventId}`)).toEqual(['run-a:o1', 'run-b:o1', 'run-b:p1']);
  });

  it('finds the runs that match a query, latest first', async () => {
    await twoRuns();
    const runs = await listLogRuns(dir);
    const q = (query: Parameters<typeof queryLog>[1]) => queryLog(dir, query);
    expect((await runsMatching(q, runs, { correlationId: 'c-1' })).map((r) => r.runId)).toEqual(['run-b', 'run-a']);
    expect(await runsMatching(q, runs, { correlationId: 'c-404' })).toEqual([]);
  });

  it('exports each event of each run once: a second run of the same ids is not dropped as a repeat', async () => {
    await twoRuns();
    const file = join(dir, 'out.ndjson');
    const summary = await exportEvents(queryLog(dir, { order: 'seq' }), file);
    expect(summary).toEqual({ events: 4, repeatedHops: 2, withoutEvent: 0, replayHops: 0 });
    const ids = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(['o1', 'p1', 'o1', 'p1']);
  });
});

describe('replay traffic on export', () => {
  async function withReplay(): Promise<void> {
    const log = await openEventLog({ dir });
    log.append({ ...hop(1, { eventId: 'o1', edgeId: 'e-store-broker' }), run: 'r' });
    // A replay of o1, and the payment it caused (a new id, carrying the replay id).
    log.append({ ...hop(2, { eventId: 'o1', edgeId: 'e-store-broker', replayId: 'rp-1' }), run: 'r' });
    log.append({ ...hop(3, { eventId: 'p9', causationId: 'o1', type: 'payment.succeeded', edgeId: 'e-payment-store', replayId: 'rp-1' }), run: 'r' });
    await log.close();
  }

  it('is left out by default, so an export is history and never a replay passed off as it', async () => {
    await withReplay();
    const file = join(dir, 'history.ndjson');
    expect(await exportEvents(queryLog(dir, {}), file)).toEqual({ events: 1, repeatedHops: 0, withoutEvent: 0, replayHops: 2 });
    const events = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; replayid?: string });
    expect(events).toEqual([expect.objectContaining({ id: 'o1' })]);
    expect(events[0]?.replayid).toBeUndefined();
  });

  it('is written with its replay id kept when asked for', async () => {
    await withReplay();
    const file = join(dir, 'all.ndjson');
    expect(await exportEvents(queryLog(dir, {}), file, { includeReplays: true })).toMatchObject({ events: 3, replayHops: 0 });
    const events = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; replayid?: string });
    expect(events.map((e) => [e.id, e.replayid])).toEqual([['o1', undefined], ['o1', 'rp-1'], ['p9', 'rp-1']]);
  });
});

describe('runs that a replay started', () => {
  /** run-a: a checkout and a replay of it; run-r: the idle run a replay started after Stop, replay traffic only. */
  async function originalAndReplayOnly(): Promise<void> {
    const log = await openEventLog({ dir, segmentMaxBytes: 1_500, maxBatchRecords: 2 });
    log.append({ ...hop(1, { eventId: 'o1', edgeId: 'e-store-broker' }), run: 'run-a' });
    log.append({ ...hop(2, { eventId: 'o1', edgeId: 'e-store-broker', replayId: 'rp-1' }), run: 'run-a' });
    log.append({ ...hop(3, { eventId: 'o1', edgeId: 'e-store-broker', replayId: 'rp-2' }), run: 'run-r' });
    log.append({ ...hop(4, { eventId: 'p9', causationId: 'o1', type: 'payment.succeeded', edgeId: 'e-payment-store', replayId: 'rp-2' }), run: 'run-r' });
    // A hand-written line whose event carries the replay id but whose trace does not: still replay traffic.
    const handWritten = hop(5, { eventId: 'p10', edgeId: 'e-payment-store' });
    log.append({ ...handWritten, event: { ...handWritten.event!, replayid: 'rp-2' }, run: 'run-r' });
    await log.close();
  }

  it('are listed with how many of their hops were replay traffic, so pickers can mark them replays only', async () => {
    await originalAndReplayOnly();
    const runs = await listLogRuns(dir);
    expect(runs.map((r) => [r.runId, r.hops, r.replayedHops])).toEqual([
      ['run-a', 2, 1],
      ['run-r', 3, 3],
    ]);
  });

  it('are counted again from the segments when the indexes are of the version before replayed hops were counted', async () => {
    await originalAndReplayOnly();
    for (const segment of await listSegments(dir)) {
      const path = join(dir, segment.replace(/\.ndjson$/, '.idx.json'));
      const index = JSON.parse(await readFile(path, 'utf8')) as { runs: Record<string, Record<string, unknown>> };
      for (const span of Object.values(index.runs)) delete span.replayedHops;
      await writeFile(path, JSON.stringify({ ...index, version: 2 }));
    }
    expect((await listLogRuns(dir)).map((r) => [r.runId, r.replayedHops])).toEqual([
      ['run-a', 1],
      ['run-r', 3],
    ]);
    // Reopening the log for writing brings its indexes up to date, and they count the same.
    await (await openEventLog({ dir })).close();
    for (const segment of await listSegments(dir)) {
      const index = JSON.parse(await readFile(join(dir, segment.replace(/\.ndjson$/, '.idx.json')), 'utf8')) as { version: number };
      expect(index.version).toBe(3);
    }
    expect((await listLogRuns(dir)).map((r) => r.replayedHops)).toEqual([1, 3]);
  });
});
