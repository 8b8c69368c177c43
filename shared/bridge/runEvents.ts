/**
 * What a running flow reports: trace records (one per hop), metrics snapshots and status.
 * The runtime produces these, the host pushes them over the bridge in bounded batches, the
 * CLI prints them and the live view animates them. Plain data: JSON-serialisable.
 */

/** What happened to an event on one hop. */
export const TRACE_OUTCOMES = ['delivered', 'routed', 'dropped', 'failed', 'retried', 'dead-lettered'] as const;
export type TraceOutcome = (typeof TRACE_OUTCOMES)[number];

/** One hop of one event along one edge. */
export interface TraceRecord {
  eventId: string;
  correlationId: string;
  causationId?: string;
  /** CloudEvents type. */
  type: string;
  edgeId: string;
  /** The topic it was published on, as on the wire (run prefix included). */
  topic: string;
  /** Epoch ms when the source published it. */
  sentAt: number;
  /** Epoch ms when the target received it; absent for drops before delivery. */
  receivedAt?: number;
  outcome: TraceOutcome;
  /** Why it was dropped, failed or dead-lettered. */
  reason?: string;
  /** Set on events re-published by a replay. */
  replayId?: string;
}

/** Exact counters for a node; never sampled. */
export interface NodeCounters {
  in: number;
  out: number;
  failed: number;
  retried: number;
  deadLettered: number;
  dropped: number;
  inFlight: number;
  /** Events waiting: received but not started (or, for a paused durable consumer, held by the broker). */
  backlog: number;
  /** Events a producer holds while the broker is unreachable. */
  buffered: number;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export interface NodeMetrics {
  nodeId: string;
  counters: NodeCounters;
  /** Events per second out (producers) or in (others), over the last second. */
  ratePerSecond: number;
  /** Processing time in ms (consumers) or hop latency in ms (others). */
  latency: LatencySummary;
  paused: boolean;
}

export interface EdgeMetrics {
  edgeId: string;
  count: number;
  ratePerSecond: number;
  /** Hop latency (receivedAt - sentAt) in ms. */
  latency: LatencySummary;
}

export interface MetricsSnapshot {
  at: number;
  runTimeMs: number;
  nodes: NodeMetrics[];
  edges: EdgeMetrics[];
  /** Events that matched no channel and had no dead-letter channel, by reason. */
  unroutable: number;
  duplicates: number;
}

export type BrokerConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface RunStatus {
  state: 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'stopped' | 'failed';
  broker: {
    kind: 'embedded' | 'external';
    /** URL any outside client can use to watch the same traffic. */
    url: string;
    wsUrl?: string;
    connection: BrokerConnectionState;
    capabilities?: { mqtt5: boolean; sharedSubscriptions: boolean };
  };
  topicPrefix: string;
  /**
   * This run's id. Every hop it logs carries it, so a log that holds several runs of the same
   * seeded flow (same event and correlation ids) can be read and replayed one run at a time.
   */
  runId?: string;
  startedAt?: number;
  message?: string;
}

/** Where a replay stands: pushed when it starts, pauses, resumes and ends, and as it goes. */
export interface ReplayProgress {
  replayId: string;
  state: 'running' | 'paused' | 'done' | 'cancelled' | 'failed';
  /** Events re-published so far. */
  published: number;
  /** Events the replay will re-publish in all. */
  total: number;
  message?: string;
}

/** One push from the runtime: traces may be sampled (then `droppedTraces` says how many). */
export interface TraceBatch {
  traces: TraceRecord[];
  droppedTraces: number;
}

/** A diagnostic line from a run, for the CLI and the canvas banner. */
export interface RunLogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  at: number;
  nodeId?: string;
}

/** Everything a run pushes to its subscribers (host, CLI, tests), one union. */
export type RunEvent =
  | { kind: 'status'; status: RunStatus }
  | { kind: 'traces'; batch: TraceBatch }
  | { kind: 'metrics'; snapshot: MetricsSnapshot }
  | { kind: 'log'; line: RunLogLine };
