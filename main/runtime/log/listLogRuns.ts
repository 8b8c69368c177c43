import type { LogRun } from '../../../shared/bridge/bridgeMethods';
import { loadIndex, type SegmentIndex } from './SegmentIndex';
import { listSegments } from './segmentFiles';
import { liveWriterPid } from './writerLock';

/**
 * The runs a log directory holds, oldest first (by their first hop): each run's id, the time
 * of its first and last logged hop, how many hops it logged and how many of those were replay
 * traffic (a run that holds only those was started by a replay). Answered from the segment
 * indexes; only a segment whose index is stale (the one a live run is writing, or an index of
 * an older version) is read, line by line, and with no live writer its rebuilt index is
 * written back, so the next listing reads it. Hops logged without a run id are one run,
 * LEGACY_RUN_ID.
 *
 * @example
 * const runs = await listLogRuns('examples/checkout.events');
 * const latest = runs.at(-1)?.runId;
 */
export async function listLogRuns(dir: string): Promise<LogRun[]> {
  const runs = new Map<string, LogRun>();
  // A live writer owns its indexes (it writes them at rollover and close); otherwise keep what was rebuilt.
  const persist = (await liveWriterPid(dir)) === null;
  for (const segment of await listSegments(dir)) {
    let index: SegmentIndex;
    try {
      index = await loadIndex(dir, segment, persist);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed by retention meanwhile
      throw err;
    }
    for (const [runId, span] of Object.entries(index.runs)) {
      const known = runs.get(runId);
      if (known) {
        known.firstAt = Math.min(known.firstAt, span.firstAt);
        known.lastAt = Math.max(known.lastAt, span.lastAt);
        known.hops += span.hops;
        known.replayedHops += span.replayedHops;
      } else {
        runs.set(runId, { runId, firstAt: span.firstAt, lastAt: span.lastAt, hops: span.hops, replayedHops: span.replayedHops });
      }
    }
  }
  return [...runs.values()].sort((a, b) => a.firstAt - b.firstAt || a.lastAt - b.lastAt);
}
