import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedHop } from '../../../../../main/runtime/log/LoggedHop';
import { openEventLog } from '../../../../../main/runtime/log/openEventLog';
import { LogQueryError, queryLog } from '../../../../../main/runtime/log/queryLog';
import { collect, hop, tempDir } from './hopRecords';

/**
 * Two checkouts and some noise, logged over a simulated minute (one record per second) into
 * small segments, so time ranges and index skipping cross segment boundaries.
 */
const T0 = Date.parse('2026-03-01T10:00:00Z');
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  let clock = T0;
  const log = await openEventLog({ dir, now: () => clock, segmentMaxBytes: 2_500, maxBatchRecords: 3 });
  const add = (r: ReturnType<typeof hop>): void => {
    log.append(r);
    clock += 1_000;
  };
  // checkout c-1: the order goes to payment and to fraud; payment answers; the fraud hop is slow
  add(hop(1, { eventId: 'o1', correlationId: 'c-1', type: 'order.placed', edgeId: 'e-store-broker', data: { total: 120 } })); // seq 1, T0
  add(hop(2, { eventId: 'o1', correlationId: 'c-1', type: 'order.placed', edgeId: 'e-broker-payment', outcome: 'routed', data: { total: 120 } }));
  add(hop(3, { eventId: 'p1', correlationId: 'c-1', causationId: 'o1', type: 'payment.succeeded', edgeId: 'e-payment-store' }));
  add(hop(4, { eventId: 'o1', correlationId: 'c-1', type: 'order.placed', edgeId: 'e-broker-fraud', outcome: 'routed', data: { total: 120 } }));
  // checkout c-2, with a failed payment and a retry
  add(hop(5, { eventId: 'o2', correlationId: 'c-2', type: 'order.placed', edgeId: 'e-store-broker', data: { total: 7 } })); // seq 5, T0+4s
  add(hop(6, { eventId: 'o2', correlationId: 'c-2', type: 'order.placed', edgeId: 'e-broker-payment', outcome: 'retried', data: { total: 7 } }));
  add(hop(7, { eventId: 'f2', correlationId: 'c-2', causationId: 'o2', type: 'payment.failed', edgeId: 'e-payment-store', outcome: 'failed' }));
  // a grandchild logged before its parent (two workers, two batches): causal order must fix it
  add(hop(8, { eventId: 'n2', correlationId: 'c-2', causationId: 'm2', type: 'customer.notified', edgeId: 'e-notify' }));
  add(hop(9, { eventId: 'm2', correlationId: 'c-2', causationId: 'f2', type: 'mail.queued', edgeId: 'e-mail' }));
  for (let i = 10; i <= 40; i++) add(hop(i, { type: 'page.viewed', edgeId: 'e-analytics' }));
  // a replay of c-1's order
  add(hop(41, { eventId: 'o1', correlationId: 'c-1', type: 'order.placed', edgeId: 'e-store-broker', replayId: 'r-1', data: { total: 120 } }));
  await log.close();
});
afterAll(async () => cleanup());

const ids = (hops: LoggedHop[]): string[] => hops.map((h) => `${h.trace.eventId}@${h.trace.edgeId}`);
const q = (query: Parameters<typeof queryLog>[1]): Promise<LoggedHop[]> => collect(queryLog(dir, query));

describe('queryLog', () => {
  it('returns everything in write order without filters', async () => {
    const all = await q({});
    expect(all.map((h) => h.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  it('filters by event type', async () => {
    expect(ids(await q({ types: ['payment.succeeded', 'payment.failed'] }))).toEqual(['p1@e-payment-store', 'f2@e-payment-store']);
  });

  it('filters by channel', async () => {
    expect(ids(await q({ edgeIds: ['e-broker-payment'] }))).toEqual(['o1@e-broker-payment', 'o2@e-broker-payment']);
  });

  it('filters by outcome', async () => {
    expect(ids(await q({ outcomes: ['retried', 'failed'] }))).toEqual(['o2@e-broker-payment', 'f2@e-payment-store']);
  });

  it('filters by time range, inclusive, across segments', async () => {
    const slice = await q({ since: T0 + 4_000, until: T0 + 6_000 });
    expect(slice.map((h) => h.seq)).toEqual([5, 6, 7]);
    expect(await q({ since: T0 + 3_600_000 })).toEqual([]);
  });

  it('filters by a content pattern in the routing pattern language', async () => {
    const big = await q({ pattern: { type: ['order.placed'], data: { total: [{ numeric: ['>', 100] }] } }, includeReplays: false });
    expect(ids(big)).toEqual(['o1@e-store-broker', 'o1@e-broker-payment', 'o1@e-broker-fraud']);
  });

  it('rejects a pattern that is not valid, naming the problem', async () => {
    await expect(q({ pattern: { data: { total: [{ numeric: ['>>', 'x'] }] } } })).rejects.toBeInstanceOf(LogQueryError);
  });

  it('stops at the limit', async () => {
    expect((await q({ types: ['page.viewed'], limit: 5 })).map((h) => h.seq)).toEqual([10, 11, 12, 13, 14]);
    await expect(q({ limit: 0 })).rejects.toThrow('limit: must be a whole number > 0');
  });

  it('leaves out replayed events when asked, and stops at a sequence number', async () => {
    expect(ids(await q({ correlationId: 'c-1', includeReplays: false })).filter((s) => s === 'o1@e-store-broker')).toHaveLength(1);
    expect(ids(await q({ correlationId: 'c-1' })).filter((s) => s === 'o1@e-store-broker')).toHaveLength(2);
    expect((await q({ maxSeq: 3 })).map((h) => h.seq)).toEqual([1, 2, 3]);
  });

  it('gives one checkout by correlation id in causal order: every hop of a cause before its effects', async () => {
    expect(ids(await q({ correlationId: 'c-1', includeReplays: false }))).toEqual([
      'o1@e-store-broker',
      'o1@e-broker-payment',
      'o1@e-broker-fraud', // logged after p1, but p1 is caused by o1
      'p1@e-payment-store',
    ]);
    expect(ids(await q({ correlationId: 'c-2' }))).toEqual([
      'o2@e-store-broker',
      'o2@e-broker-payment',
      'f2@e-payment-store',
      'm2@e-mail', // logged after its child n2
      'n2@e-notify',
    ]);
  });

  it('gives write order for a correlation id when asked', async () => {
    expect((await q({ correlationId: 'c-2', order: 'seq' })).map((h) => h.seq)).toEqual([5, 6, 7, 8, 9]);
  });

  it('says when a time range is empty', async () => {
    await expect(q({ since: T0 + 10_000, until: T0 })).rejects.toThrow('since (2026-03-01T10:00:10.000Z) is after until');
  });
});
