import { useEffect, useState } from 'react';
import type { LogRun } from '../../shared/bridge/bridgeMethods';
import { requireBridge } from '../bridge/useBridgeStore';

/** The most logged entries the timeline reads for one run (its histogram stays cheap). */
export const MAX_TIMELINE_ENTRIES = 5_000;
/** How often the timeline of a run still going reads what was logged since. */
const TIMELINE_REFRESH_MS = 2_000;

/** The events of one run that entered the flow: what a replay of it re-publishes. */
export interface RunEntries {
  /** Log time (epoch ms) and CloudEvents type of each, in log order. */
  at: number[];
  types: string[];
  /** More were logged than MAX_TIMELINE_ENTRIES: the timeline counts the first ones only. */
  truncated: boolean;
  loading: boolean;
  error: string | null;
}

const EMPTY: RunEntries = { at: [], types: [], truncated: false, loading: true, error: null };

/**
 * Read a logged run's entry hops (on `entryEdgeIds`, the channels out of producers; every
 * channel when there are none) for the replay timeline, without replayed ones; bounded by
 * MAX_TIMELINE_ENTRIES. While the run is still going, what it logs is read every
 * TIMELINE_REFRESH_MS and appended.
 */
export function useRunEntries(run: LogRun | null, live: boolean, entryEdgeIds: readonly string[]): RunEntries {
  const [state, setState] = useState<{ key: string; entries: RunEntries }>({ key: '', entries: EMPTY });
  const key = run ? `${run.runId}|${run.firstAt}|${entryEdgeIds.join(',')}` : '';

  useEffect(() => {
    if (!run) return;
    let cancelled = false;
    let lastSeq = -1;
    let lastAt = run.firstAt;
    let at: number[] = [];
    let types: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const { hops, truncated } = await requireBridge().call('queryLog', {
          ...(run.runId ? { runId: run.runId } : {}),
          since: lastAt,
          ...(entryEdgeIds.length > 0 ? { edgeIds: [...entryEdgeIds] } : {}),
          includeReplays: false,
          order: 'seq',
          limit: Math.max(1, MAX_TIMELINE_ENTRIES - at.length),
        });
        if (cancelled) return;
        const fresh = hops.filter((h) => h.seq > lastSeq);
        if (fresh.length > 0) {
          at = [...at, ...fresh.map((h) => h.at)];
          types = [...types, ...fresh.map((h) => h.trace.type)];
          lastSeq = fresh.at(-1)?.seq ?? lastSeq;
          lastAt = fresh.at(-1)?.at ?? lastAt;
        }
        const full = truncated || at.length >= MAX_TIMELINE_ENTRIES;
        setState({ key, entries: { at, types, truncated: full, loading: false, error: null } });
        if (live && !full) timer = setTimeout(() => void read(), TIMELINE_REFRESH_MS);
      } catch (err) {
        if (cancelled) return;
        setState({ key, entries: { at, types, truncated: false, loading: false, error: err instanceof Error ? err.message : String(err) } });
      }
    };
    void read();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // `key` names the run and channels; the objects behind it are fresh every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, live]);

  return state.key === key ? state.entries : EMPTY;
}
