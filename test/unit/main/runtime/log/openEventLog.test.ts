import { appendFile, readdir, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventLogBusyError, openEventLog } from '../../../../../main/runtime/log/openEventLog';
import { openEventLogReader } from '../../../../../main/runtime/log/openEventLogReader';
import { listSegments } from '../../../../../main/runtime/log/segmentFiles';
import { collect, hop, tempDir } from './hopRecords';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

describe('openEventLog', () => {
  it('gives back every appended record, in order, with consecutive sequence numbers', async () => {
    const log = await openEventLog({ dir });
    for (let i = 1; i <= 100; i++) log.append(hop(i));
    await log.close();

    const reopened = await openEventLog({ dir });
    const hops = await collect(reopened.query());
    await reopened.close();
    expect(hops.map((h) => h.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(hops.map((h) => h.trace.eventId)).toEqual(Array.from({ length: 100 }, (_, i) => `ev-${i + 1}`));
    expect(hops[41]?.event).toEqual(hop(42).event);
    expect(hops[41]?.trace).toEqual(hop(42).trace);
  });

  it('keeps the raw payload of a hop that was not a CloudEvent', async () => {
    const log = await openEventLog({ dir });
    log.append({ ...hop(1, { outcome: 'dead-lettered', reason: 'not-json' }), event: null, raw: 'hello {' });
    const [got] = await collect(log.query());
    await log.close();
    expect(got?.event).toBeNull();
    expect(got?.raw).toBe('hello {');
    expect(got?.trace.outcome).toBe('dead-lettered');
  });

  it('lives beside the flow file by default', async () => {
    const log = await openEventLog({ flowFile: join(dir, 'checkout.eventflow.json') });
    log.append(hop(1));
    await log.close();
    expect(log.dir).toBe(join(dir, 'checkout.events'));
    expect((await listSegments(join(dir, 'checkout.events'))).length).toBe(1);
  });

  it('batches appends: many records, few writes, nothing on disk until the batch is due', async () => {
    const log = await openEventLog({ dir, batchIntervalMs: 1_000, maxBatchRecords: 500 });
    for (let i = 1; i <= 2_000; i++) log.append(hop(i));
    expect(log.stats().written).toBe(0); // append only buffers
    await log.flush();
    const s = log.stats();
    expect(s.written).toBe(2_000);
    expect(s.writes).toBe(4);
    await log.close();
  });

  it('writes a batch on its own after the batch interval, without a flush', async () => {
    const log = await openEventLog({ dir, batchIntervalMs: 20 });
    log.append(hop(1));
    log.append(hop(2));
    const deadline = Date.now() + 2_000;
    while (log.stats().written < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(log.stats()).toMatchObject({ written: 2, writes: 1 });
    const [segment] = await listSegments(dir);
    expect((await readFile(join(dir, segment as string), 'utf8')).trim().split('\n')).toHaveLength(2);
    await log.close();
  });

  it('rolls over to a new segment by size and continues the sequence across segments and reopenings', async () => {
    const log = await openEventLog({ dir, segmentMaxBytes: 4_000, maxBatchRecords: 5 });
    for (let i = 1; i <= 60; i++) log.append(hop(i));
    await log.close();
    const segments = await listSegments(dir);
    expect(segments.length).toBeGreaterThan(3);
    for (const s of segments.slice(0, -1)) expect((await stat(join(dir, s))).size).toBeLessThan(4_000 + 5 * 1_000);

    const again = await openEventLog({ dir, segmentMaxBytes: 4_000, maxBatchRecords: 5 });
    for (let i = 61; i <= 70; i++) again.append(hop(i));
    const hops = await collect(again.query());
    await again.close();
    expect(hops.map((h) => h.seq)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
  });

  it('deletes the oldest segments when the log outgrows its size bound, keeping the newest', async () => {
    const log = await openEventLog({ dir, segmentMaxBytes: 3_000, maxBatchRecords: 4, retention: { maxBytes: 10_000 } });
    for (let i = 1; i <= 200; i++) log.append(hop(i));
    await log.close();
    const segments = await listSegments(dir);
    let total = 0;
    for (const s of segments) total += (await stat(join(dir, s))).size;
    expect(total).toBeLessThanOrEqual(10_000 + 3_000 + 4 * 1_000);
    const reopened = await openEventLog({ dir, segmentMaxBytes: 3_000 });
    const hops = await collect(reopened.query());
    await reopened.close();
    expect(hops.at(-1)?.seq).toBe(200); // the newest records survive
    expect(hops[0]?.seq).toBeGreaterThan(1); // the oldest did not
    expect(hops.map((h) => h.seq)).toEqual(Array.from({ length: hops.length }, (_, i) => (hops[0]?.seq as number) + i));
  });

  it('deletes segments older than the age bound when it opens', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const old = await openEventLog({ dir, segmentMaxBytes: 2_000, maxBatchRecords: 4, now: () => clock });
    for (let i = 1; i <= 40; i++) old.append(hop(i));
    await old.close();
    const before = await listSegments(dir);
    clock += 8 * 24 * 3_600_000; // eight days later
    const fresh = await openEventLog({ dir, now: () => clock, retention: { maxAgeMs: 7 * 24 * 3_600_000 } });
    expect(fresh.opened.deleted).toEqual(before.slice(0, -1)); // the newest is never deleted
    fresh.append(hop(41));
    await fresh.close();
    const left = await listSegments(dir);
    expect(left).toEqual(before.slice(-1));
  });

  it('rebuilds a missing or stale segment index from the segment', async () => {
    const log = await openEventLog({ dir });
    for (let i = 1; i <= 10; i++) log.append(hop(i, { type: i % 2 === 0 ? 'payment.succeeded' : 'order.placed' }));
    await log.close();
    const [segment] = await listSegments(dir);
    const indexFile = join(dir, (segment as string).replace('.ndjson', '.idx.json'));
    await unlink(indexFile);
    let reader = await openEventLogReader({ dir });
    if (!reader.ok) throw new Error(reader.message);
    expect(reader.reader.indexes[0]).toMatchObject({ records: 10, firstSeq: 1, lastSeq: 10, types: { 'order.placed': 5, 'payment.succeeded': 5 } });
    expect(JSON.parse(await readFile(indexFile, 'utf8'))).toMatchObject({ records: 10 });

    // Stale: a record appended by hand (any tool may append NDJSON) makes the index describe a shorter file.
    await appendFile(join(dir, segment as string), `${JSON.stringify({ seq: 11, at: Date.now(), trace: hop(11, { type: 'alert.raised' }).trace, event: null })}\n`);
    reader = await openEventLogReader({ dir });
    if (!reader.ok) throw new Error(reader.message);
    expect(reader.reader.indexes[0]).toMatchObject({ records: 11, lastSeq: 11 });
    expect(reader.reader.indexes[0]?.types['alert.raised']).toBe(1);
    expect(await collect(reader.reader.query({ types: ['alert.raised'] }))).toHaveLength(1);
  });

  it('recovers a corrupt tail: cuts the incomplete last line, reports it, keeps every complete record', async () => {
    const log = await openEventLog({ dir });
    for (let i = 1; i <= 20; i++) log.append(hop(i));
    await log.close();
    const [segment] = await listSegments(dir);
    const path = join(dir, segment as string);
    const size = (await stat(path)).size;
    const lines = (await readFile(path, 'utf8')).split('\n');
    const lastLineBytes = Buffer.byteLength(lines[19] as string) + 1;
    await truncate(path, size - Math.floor(lastLineBytes / 2)); // record 20 cut mid-line

    const reopened = await openEventLog({ dir });
    expect(reopened.opened.tailDrops).toEqual([{ segment, droppedBytes: lastLineBytes - Math.floor(lastLineBytes / 2) }]);
    reopened.append(hop(21));
    const hops = await collect(reopened.query());
    await reopened.close();
    // Record 20 is lost; its sequence number is reused by the next record, so the log stays consecutive.
    expect(hops.map((h) => h.trace.eventId)).toEqual([...Array.from({ length: 19 }, (_, i) => `ev-${i + 1}`), 'ev-21']);
    expect(hops.map((h) => h.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
  });

  it('refuses a second live writer with a message naming the process, and hands over after close', async () => {
    const first = await openEventLog({ dir });
    const second = openEventLog({ dir });
    await expect(second).rejects.toBeInstanceOf(EventLogBusyError);
    await expect(second).rejects.toThrow(`pid ${process.pid}`);
    await first.close();
    const third = await openEventLog({ dir });
    await third.close();
  });

  it('takes over the lock of a writer that died', async () => {
    await writeFile(join(dir, 'writer.lock'), '999999999'); // no such process
    const log = await openEventLog({ dir });
    log.append(hop(1));
    await log.close();
    expect((await readdir(dir)).includes('writer.lock')).toBe(false);
  });

  it('counts records appended after close instead of losing them silently', async () => {
    const log = await openEventLog({ dir });
    await log.close();
    log.append(hop(1));
    expect(log.stats().droppedRecords).toBe(1);
  });
});
