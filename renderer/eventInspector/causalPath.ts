import type { HighlightedPath } from '../run/useRunStore';

/** The fields of a logged hop the causal path needs. */
export interface PathHop {
  trace: { edgeId: string; type: string; sentAt: number; receivedAt?: number; outcome: string; correlationId: string };
}

/**
 * The causal path of one business flow: every channel its hops crossed, in causal order,
 * with each hop's latency (receivedAt - sentAt) for the waterfall.
 *
 * @example
 * causalPath('c1', [{ trace: { edgeId: 'a', type: 't', sentAt: 0, receivedAt: 5, outcome: 'delivered', correlationId: 'c1' } }])
 * // => { correlationId: 'c1', edgeIds: { a: true }, hops: [{ edgeId: 'a', ... }] }
 */
export function causalPath(correlationId: string, hops: readonly PathHop[]): HighlightedPath {
  const edgeIds: Record<string, true> = {};
  const out: HighlightedPath['hops'] = [];
  for (const { trace } of hops) {
    if (trace.correlationId !== correlationId) continue;
    edgeIds[trace.edgeId] = true;
    out.push({
      edgeId: trace.edgeId,
      type: trace.type,
      sentAt: trace.sentAt,
      ...(trace.receivedAt !== undefined ? { receivedAt: trace.receivedAt } : {}),
      outcome: trace.outcome,
    });
  }
  return { correlationId, edgeIds, hops: out };
}

/** One waterfall bar: where it starts and how wide it is, as fractions of the whole path's time. */
export interface WaterfallBar {
  edgeId: string;
  type: string;
  outcome: string;
  latencyMs: number | null;
  left: number;
  width: number;
}

/**
 * Lay out a path's hops as waterfall bars over the time from the first send to the last receipt.
 *
 * @example
 * waterfall([{ edgeId: 'a', type: 't', outcome: 'delivered', sentAt: 0, receivedAt: 10 }])
 * // => [{ edgeId: 'a', type: 't', outcome: 'delivered', latencyMs: 10, left: 0, width: 1 }]
 */
export function waterfall(hops: HighlightedPath['hops']): WaterfallBar[] {
  if (hops.length === 0) return [];
  const start = Math.min(...hops.map((h) => h.sentAt));
  const end = Math.max(...hops.map((h) => h.receivedAt ?? h.sentAt));
  const span = Math.max(1, end - start);
  return hops.map((h) => {
    const latency = h.receivedAt === undefined ? null : h.receivedAt - h.sentAt;
    return {
      edgeId: h.edgeId,
      type: h.type,
      outcome: h.outcome,
      latencyMs: latency,
      left: (h.sentAt - start) / span,
      width: Math.max(0.004, (latency ?? 0) / span),
    };
  });
}
