import { create } from 'zustand';
import type { EdgeMetrics, MetricsSnapshot, NodeMetrics, RunLogLine, RunStatus } from '../../shared/bridge/runEvents';

/** Log lines kept for the run panel. */
export const MAX_RUN_LOG_LINES = 200;
/** Metric snapshots kept for the charts (at the runtime's 2 per second: about 2 minutes). */
export const MAX_METRIC_HISTORY = 240;

/** A causal path picked in the inspector: the channels to highlight and each hop's latency. */
export interface HighlightedPath {
  correlationId: string;
  edgeIds: Readonly<Record<string, true>>;
  hops: { edgeId: string; type: string; sentAt: number; receivedAt?: number; outcome: string }[];
}

export interface RunState {
  status: RunStatus | null;
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
  setStatus(status: RunStatus): void;
  setMetrics(snapshot: MetricsSnapshot): void;
  addLog(line: RunLogLine): void;
  set(patch: Partial<Pick<RunState, 'menu' | 'path' | 'fireNodeId'>>): void;
  /** Forget the previous run's numbers (a new run starts). */
  reset(): void;
}

const EMPTY = Object.freeze({});

/**
 * The live view's state: the run status and the exact counters of the latest metrics
 * snapshot. Apart from the design document: nothing here is saved or undoable. Snapshots
 * arrive a few times per second, which bounds how often counters re-render.
 */
export const useRunStore = create<RunState>()((set, get) => ({
  status: null,
  nodes: EMPTY,
  edges: EMPTY,
  snapshot: null,
  history: [],
  eventsPerSecond: 0,
  log: [],
  menu: null,
  path: null,
  fireNodeId: null,
  setStatus: (status) => set({ status }),
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
  reset: () => set({ nodes: EMPTY, edges: EMPTY, snapshot: null, history: [], eventsPerSecond: 0, log: [], path: null, menu: null }),
}));

/** True while a run is live (commands such as pause and fire make sense). */
export function isRunLive(status: RunStatus | null): boolean {
  return status !== null && (status.state === 'running' || status.state === 'paused' || status.state === 'starting');
}
