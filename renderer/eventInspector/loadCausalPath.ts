import type { BridgeResult } from '../../shared/bridge/bridgeMethods';

/** One hop as the log returns it. */
export type LoggedHop = BridgeResult<'queryLog'>['hops'][number];

/** Hops one causal path query may return. */
export const MAX_PATH_HOPS = 500;

/** The slice of queryLog this needs (the bridge's call, or a test's log). */
export type PathQuery = (params: { correlationId: string; runId?: string; order: 'causal'; limit: number }) => Promise<{ hops: LoggedHop[] }>;

/**
 * The logged hops of one event's business flow, from the run it belongs to. A log keeps every
 * run of its flow and a seeded flow repeats its ids, so the query is scoped to a run: the
 * newest run of this session first, then older ones (a replay may have restarted the flow),
 * until one holds the event itself. With no run ids known (an older host), all runs.
 *
 * @example
 * await loadCausalPath(query, { eventId: 'e1', correlationId: 'c1' }, ['run-1', 'run-2'])
 * // => { runId: 'run-2', hops: [...] } when run-2 logged e1
 */
export async function loadCausalPath(
  query: PathQuery,
  event: { eventId: string; correlationId: string },
  sessionRunIds: readonly string[],
): Promise<{ runId?: string; hops: LoggedHop[] }> {
  const candidates = [...sessionRunIds].reverse();
  if (candidates.length === 0) {
    const { hops } = await query({ correlationId: event.correlationId, order: 'causal', limit: MAX_PATH_HOPS });
    return { hops };
  }
  let first: { runId: string; hops: LoggedHop[] } | null = null;
  for (const runId of candidates) {
    const { hops } = await query({ correlationId: event.correlationId, runId, order: 'causal', limit: MAX_PATH_HOPS });
    if (hops.some((h) => h.trace.eventId === event.eventId)) return { runId, hops };
    first ??= { runId, hops };
  }
  return first ?? { hops: [] };
}
