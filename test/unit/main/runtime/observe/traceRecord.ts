import type { TraceRecord } from '../../../../../shared/bridge/runEvents';

/** The `n`th delivered order on channel `edgeId`, sent at 1 000 + n ms, as the runtime reports a crossing. */
export const traceRecord = (n: number, edgeId = 'e-a'): TraceRecord => ({
  eventId: `ev-${n}`,
  correlationId: `c-${n}`,
  type: 'order.placed',
  edgeId,
  topic: 'shop/orders',
  sentAt: 1_000 + n,
  receivedAt: 1_001 + n,
  outcome: 'delivered',
});
