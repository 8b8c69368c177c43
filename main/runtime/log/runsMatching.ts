import type { LogRun } from '../../../shared/bridge/bridgeMethods';
import type { LoggedHop } from './LoggedHop';
import type { LogQuery } from './LogQuery';

/**
 * The runs of a log that have at least one hop matching a query, latest first (by their first
 * hop). A seeded flow makes the same ids every run, so "the checkout c-17" or "the order o-3"
 * can be in many runs: callers that must pick one (replay, `log --correlation`) take the first
 * of these and say how many others there are. One limit-1 query per run; segments that hold
 * nothing of a run are skipped by their index, so the log is read about once in all.
 *
 * @example
 * const [latest, ...others] = await runsMatching((q) => reader.query(q), await reader.runs(), { correlationId: 'c-17' });
 */
export async function runsMatching(
  query: (q: LogQuery) => AsyncIterable<LoggedHop>,
  runs: readonly LogRun[],
  q: LogQuery,
): Promise<LogRun[]> {
  const found: LogRun[] = [];
  const latestFirst = [...runs].sort((a, b) => b.firstAt - a.firstAt || b.lastAt - a.lastAt);
  for (const run of latestFirst) {
    for await (const _hop of query({ ...q, runId: run.runId, limit: 1, order: 'seq' })) {
      found.push(run);
      break;
    }
  }
  return found;
}
