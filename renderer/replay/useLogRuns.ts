import { useEffect, useState } from 'react';
import type { LogRun } from '../../shared/bridge/bridgeMethods';
import { requireBridge } from '../bridge/useBridgeStore';
import { useFileStore } from '../files/useFileStore';
import { useRunStore } from '../run/useRunStore';

interface LogRunsState {
  /** Newest first. */
  runs: LogRun[];
  loading: boolean;
  /** Why the list is empty or partial, in words. */
  note: string | null;
}

/**
 * The runs kept in the open flow's event log (`<name>.events/` beside its file; for an
 * untitled flow, the log of the current or last run), newest first. Loaded again when the
 * file changes and whenever a run starts or stops. A host that cannot list runs yet gives
 * this session's run alone, from its status.
 */
export function useLogRuns(): LogRunsState {
  const path = useFileStore((s) => s.path);
  const runState = useRunStore((s) => s.status?.state);
  const runId = useRunStore((s) => s.status?.runId);
  const [state, setState] = useState<LogRunsState>({ runs: [], loading: true, note: null });

  useEffect(() => {
    let cancelled = false;
    requireBridge()
      .call('listLogRuns', path ? { path } : {})
      .then(({ runs }) => {
        if (cancelled) return;
        const sorted = [...runs].sort((a, b) => b.lastAt - a.lastAt);
        setState({ runs: sorted, loading: false, note: sorted.length === 0 ? 'No run of this flow has been logged yet: press Run (every run keeps its events beside the flow file).' : null });
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        const status = useRunStore.getState().status;
        const session = status?.startedAt !== undefined ? [{ runId: status.runId ?? '', firstAt: status.startedAt, lastAt: Date.now(), hops: 0, replayedHops: 0 }] : [];
        const why = err instanceof Error ? err.message : String(err);
        setState({ runs: session, loading: false, note: session.length > 0 ? null : `No logged runs to show (${why}).` });
      });
    return () => {
      cancelled = true;
    };
  }, [path, runState, runId]);

  return state;
}
