import { create } from 'zustand';
import type { EdgeMetrics, MetricsSnapshot, NodeMetrics, ReplayProgress, RunLogLine, RunStatus } from '../../shared/bridge/runEvents';

/** Log lines kept for the run panel. */
export const MAX_RUN_LOG_LINES = 200;
/** Metric snapshots kept for the charts (at the runtime's 2 per second: about 2 minutes). */
export const MAX_METRIC_HISTORY = 240;

/** Runs remembered per session for log queries (Run, then replays that restarted the flow). */
export const MAX_SESSION_RUNS = 8;

/** A causal path picked in the inspector: the channels to highlight and each hop's latency. */
export interface HighlightedPath {
  correlationId: string;
  /** The run whose log the path was read from (the same ids recur in every run of a seeded flow). */
  runId?: string;
  edgeIds: Readonly<Record<string, true>>;
  hops: { edgeId: string; type: string; sentAt: number; receivedAt?: number; outcome: string }[];
}

export interface RunState {
  status: RunStatus | null;
  /**
   * The runs whose traffic the live view holds, oldest first: the run Run started, then any the
   * host started since for a replay. Their ids scope log queries to what the screen shows.
   */
  sessionRunIds: string[];
  /** The latest exact counters, keyed by node and channel id. */
  nodes: Readonly<Record<string, NodeMetrics>>;
  edges: Readonly<Record<string, EdgeMetrics>>;
  snapshot: MetricsSnapshot | null;
  /** Recent snapshots, oldest first (bounded), for the charts. */
  history: MetricsSnapshot[];
  /** Events per second over all channels, from the latest snapshot. */
  eventsPerSecond: number;
  log: RunLogLine[];
  /** The consumer whose run menu is open, where the pointer was. */
  menu: { nodeId: string; x: number; y: number } | null;
  path: HighlightedPath | null;
  /** The producer whose Fire dialog is open. */
  fireNodeId: string | null;
  /** The replay started from the Replay tab and where it stands (from the host's replayProgress pushes). */
  replay: ReplayProgress | null;
  setStatus(status: RunStatus): void;
  /** A replay's progress; pushes about another replay than the one shown are ignored unless it has ended. */
  setReplay(progress: ReplayProgress | null): void;
  setMetrics(snapshot: MetricsSnapshot): void;
  addLog(line: RunLogLine): void;
  set(patch: Partial<Pick<RunState, 'menu' | 'path' | 'fireNodeId' | 'replay'>>): void;
  /** Forget the previous run's numbers (a new run starts). */
  reset(): void;
  /** Forget the run altogether (another document is shown): the live view goes back to before Run. */
  clear(): void;
}

const EMPTY = Object.freeze({});

/**
 * The live view's state: the run status and the exact counters of the latest metrics
 * snapshot. Apart from the design document: nothing here is saved or undoable. Snapshots
 * arrive a few times per second, which bounds how often counters re-render.
 */
export const useRunStore = create<RunState>()((set, get) => ({
  status: null,
  sessionRunIds: [],
  nodes: EMPTY,
  edges: EMPTY,
  snapshot: null,
  history: [],
  eventsPerSecond: 0,
  log: [],
  menu: null,
  path: null,
  fireNodeId: null,
  replay: null,
  setReplay(progress) {
    const current = get().replay;
    if (progress === null || !isReplayActive(current) || current?.replayId === progress.replayId) set({ replay: progress });
  },
  setStatus(status) {
    const { sessionRunIds: ids, replay } = get();
    const runId = status.runId;
    const patch: Partial<RunState> = { status };
    if (runId && !ids.includes(runId)) patch.sessionRunIds = [...ids, runId].slice(-MAX_SESSION_RUNS);
    // Stopping a run cancels its replays; a host that says so later only confirms it.
    const over = status.state === 'stopped' || status.state === 'failed';
    if (over && replay && isReplayActive(replay)) patch.replay = { ...replay, state: 'cancelled' };
    set(patch);
  },
  setMetrics(snapshot) {
    const nodes: Record<string, NodeMetrics> = {};
    for (const n of snapshot.nodes) nodes[n.nodeId] = n;
    const edges: Record<string, EdgeMetrics> = {};
    let eventsPerSecond = 0;
    for (const e of snapshot.edges) {
      edges[e.edgeId] = e;
      eventsPerSecond += e.ratePerSecond;
    }
    const history = [...get().history, snapshot].slice(-MAX_METRIC_HISTORY);
    set({ nodes, edges, snapshot, history, eventsPerSecond });
  },
  addLog: (line) => set({ log: [...get().log, line].slice(-MAX_RUN_LOG_LINES) }),
  set: (patch) => set(patch),
  reset: () => set({ sessionRunIds: [], nodes: EMPTY, edges: EMPTY, snapshot: null, history: [], eventsPerSecond: 0, log: [], path: null, menu: null }),
  clear: () => set({ status: null, sessionRunIds: [], nodes: EMPTY, edges: EMPTY, snapshot: null, history: [], eventsPerSecond: 0, log: [], path: null, menu: null, fireNodeId: null, replay: null }),
}));

/** True while a replay publishes or is paused (not yet done, cancelled or failed). */
export function isReplayActive(p: ReplayProgress | null): p is ReplayProgress {
  return p !== null && (p.state === 'running' || p.state === 'paused');
}

/** True while a run is live (commands such as pause and fire make sense). */
export function isRunLive(status: RunStatus | null): boolean {
  return status !== null && (status.state === 'running' || status.state === 'paused' || status.state === 'starting');
}
