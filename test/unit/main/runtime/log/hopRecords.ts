import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceRecord } from '../../../../../shared/bridge/runEvents';
import type { CloudEvent } from '../../../../../shared/events/CloudEvent';
import type { HopRecord } from '../../../../../main/runtime/log/HopSink';

/** A hop of a checkout-like event, as the runtime would hand it to the log. */
export function hop(n: number, over: Partial<TraceRecord> & { data?: unknown } = {}): HopRecord {
  const { data, ...traceOver } = over;
  const eventId = traceOver.eventId ?? `ev-${n}`;
  const type = traceOver.type ?? 'order.placed';
  const correlationId = traceOver.correlationId ?? `c-${n}`;
  const sentAt = traceOver.sentAt ?? 1_700_000_000_000 + n * 10;
  const event: CloudEvent = {
    specversion: '1.0',
    id: eventId,
    type,
    source: 'eventflow://test/storefront',
    time: new Date(sentAt).toISOString(),
    datacontenttype: 'application/json',
    data: data ?? { orderId: `o-${n}`, total: n },
    correlationid: correlationId,
    ...(traceOver.causationId !== undefined ? { causationid: traceOver.causationId } : {}),
    ...(traceOver.replayId !== undefined ? { replayid: traceOver.replayId } : {}),
  };
  const trace: TraceRecord = {
    eventId,
    correlationId,
    type,
    edgeId: 'e-store-broker',
    topic: 'shop/orders',
    sentAt,
    receivedAt: sentAt + 1,
    outcome: 'delivered',
    ...traceOver,
  };
  return { trace, event };
}

/** A fresh temporary directory; `cleanup` removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-log-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
