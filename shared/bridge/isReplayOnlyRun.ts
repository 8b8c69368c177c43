import type { LogRun } from './bridgeMethods';

/**
 * True for a logged run that holds replay traffic only: the run a replay started (idle
 * producers) when nothing was running. It has no history of its own, so the replay panel does
 * not open on it by default and the run pickers mark it "replays only". A run with no hops
 * logged yet is not one.
 *
 * @example
 * isReplayOnlyRun({ runId: 'r2', firstAt: 0, lastAt: 9, hops: 12, replayedHops: 12 }) // => true
 * isReplayOnlyRun({ runId: 'r1', firstAt: 0, lastAt: 9, hops: 12, replayedHops: 4 }) // => false
 */
export function isReplayOnlyRun(run: Pick<LogRun, 'hops' | 'replayedHops'>): boolean {
  return run.hops > 0 && run.replayedHops >= run.hops;
}
