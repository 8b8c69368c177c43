import { describe, expect, it } from 'vitest';
import type { LogRun } from '../../../../shared/bridge/bridgeMethods';
import { isReplayOnlyRun } from '../../../../shared/bridge/isReplayOnlyRun';
import { defaultLogRun } from '../../../../renderer/replay/defaultLogRun';

const run = (runId: string, hops: number, replayedHops: number, at: number): LogRun => ({ runId, firstAt: at, lastAt: at + 1_000, hops, replayedHops });

/** Newest first, as useLogRuns gives them: a replay with nothing running made `replayed`, after `original`. */
const original = run('original', 40, 0, 1_000);
const replayed = run('replayed', 12, 12, 9_000);
const older = run('older', 30, 6, 100);
const runs = [replayed, original, older];

describe('defaultLogRun', () => {
  it("after Stop of a replay's own run, opens on the newest run with history of its own, not the replay-only one", () => {
    expect(defaultLogRun(runs, null, 'replayed')?.runId).toBe('original');
    expect(defaultLogRun(runs, null, undefined)?.runId).toBe('original');
  });

  it("keeps the user's pick, even a replay-only run, and this session's run when it has history", () => {
    expect(defaultLogRun(runs, 'replayed', 'original')?.runId).toBe('replayed');
    expect(defaultLogRun(runs, null, 'older')?.runId).toBe('older');
    // A session run with nothing logged yet (its hops not counted) is still this run.
    expect(defaultLogRun([run('fresh', 0, 0, 10_000), ...runs], null, 'fresh')?.runId).toBe('fresh');
  });

  it('falls back to the newest run when every run holds replays only, and to none without runs', () => {
    expect(defaultLogRun([replayed, run('replayed-2', 3, 3, 5_000)], null, undefined)?.runId).toBe('replayed');
    expect(defaultLogRun([], null, 'x')).toBeNull();
  });
});

describe('isReplayOnlyRun', () => {
  it('is true only for a run whose every logged hop was replay traffic', () => {
    expect([replayed, original, older, run('empty', 0, 0, 0)].map(isReplayOnlyRun)).toEqual([true, false, false, false]);
  });
});
