import type { BridgeResult } from '../../shared/bridge/bridgeMethods';

/** One hop as the log returns it. */
export type LoggedHop = BridgeResult<'queryLog'>['hops'][number];

/** Hops one causal path query may return. */
export const MAX_PATH_HOPS = 500;

/** The slice of queryLog this needs (the bridge's call, or a test's log). */
export type PathQuery = (params: { correlationId: string; runId?: string; order: 'causal'; limit: number }) => Promise<{ hops: LoggedHop[] }>;

/** The replay a logged hop belongs to (a replayed event, or one it caused); undefined for original traffic. */
function replayOf(hop: LoggedHop): string | undefined {
  const fromEvent = hop.event?.replayid;
  return hop.trace.replayId ?? (typeof fromEvent === 'string' ? fromEvent : undefined);
}

/**
 * The logged hops of one event's business flow, from the run it belongs to. A log keeps every
 * run of its flow and a seeded flow repeats its ids, so the query is scoped to a run: the
 * newest run of this session first, then older ones (a replay may have restarted the flow),
 * until one holds the event itself. A replay keeps the ids it replays, so the event is the one
 * with the same id and the same replay (`replayId` of the picked trace; undefined for original
 * traffic), and the path is that traffic's only: an original's path never shows its replays,
 * nor a replay's the original. With no run ids known (an older host), all runs.
 *
 * @example
 * await loadCausalPath(query, { eventId: 'e1', correlationId: 'c1' }, ['run-1', 'run-2'])
 * // => { runId: 'run-2', hops: [...] } when run-2 logged e1
 */
export async function loadCausalPath(
  query: PathQuery,
  event: { eventId: string; correlationId: string; replayId?: string },
  sessionRunIds: readonly string[],
): Promise<{ runId?: string; hops: LoggedHop[] }> {
  const sameTraffic = (hops: LoggedHop[]): LoggedHop[] => hops.filter((h) => replayOf(h) === event.replayId);
  const candidates = [...sessionRunIds].reverse();
  if (candidates.length === 0) {
    const { hops } = await query({ correlationId: event.correlationId, order: 'causal', limit: MAX_PATH_HOPS });
    return { hops: sameTraffic(hops) };
  }
  let first: { runId: string; hops: LoggedHop[] } | null = null;
  for (const runId of candidates) {
    const { hops } = await query({ correlationId: event.correlationId, runId, order: 'causal', limit: MAX_PATH_HOPS });
    const path = sameTraffic(hops);
    if (path.some((h) => h.trace.eventId === event.eventId)) return { runId, hops: path };
    first ??= { runId, hops: path };
  }
  return first ?? { hops: [] };
}
