import type { LogRun } from '../../shared/bridge/bridgeMethods';
import { isReplayOnlyRun } from '../../shared/bridge/isReplayOnlyRun';

/**
 * The run the replay panel shows: the one the user picked, else this session's run, else the
 * newest run with history of its own, else the newest. A run that holds replays only (started
 * by a replay with nothing running) is passed over unless picked: its timeline of original
 * entries is empty, so Replay would be disabled on it.
 */
export function defaultLogRun(runs: readonly LogRun[], chosenRunId: string | null, currentRunId: string | undefined): LogRun | null {
  const chosen = runs.find((r) => r.runId === chosenRunId);
  if (chosen) return chosen;
  const current = runs.find((r) => currentRunId !== undefined && r.runId === currentRunId);
  if (current && !isReplayOnlyRun(current)) return current;
  return runs.find((r) => !isReplayOnlyRun(r)) ?? runs[0] ?? null;
}
