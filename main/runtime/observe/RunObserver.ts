import type {
  EdgeMetrics,
  MetricsSnapshot,
  NodeCounters,
  NodeMetrics,
  RunEvent,
  TraceRecord,
} from '../../../shared/bridge/runEvents';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { HopSink } from '../log/HopSink';
import { LatencyRecorder } from './LatencyRecorder';
import { RateMeter } from './RateMeter';
import { GenerationalMap } from './GenerationalMap';
import { TraceBuffer } from './TraceBuffer';
import { nowMs } from './clock';

/** Most traces pushed to subscribers per batch; past it traces are sampled (counters never are). */
export const MAX_TRACES_PER_BATCH = 500;
/** How often trace batches are pushed. */
export const TRACE_FLUSH_INTERVAL_MS = 100;
/** How often a metrics snapshot is pushed. */
export const METRICS_INTERVAL_MS = 500;
/**
 * Sends remembered per channel until their receipt (for exact hop latency). Sends whose receipt
 * never comes (a QoS 0 event lost while a consumer was away) are forgotten, oldest first, past
 * about this bound.
 */
export const MAX_PENDING_SENDS_PER_EDGE = 100_000;

/** Per-node state the workers update directly (plain fields: this is the hot path). */
export class NodeStats {
  readonly counters: NodeCounters = {
    in: 0, out: 0, failed: 0, retried: 0, deadLettered: 0, dropped: 0, inFlight: 0, backlog: 0, buffered: 0,
  };
  readonly latency = new LatencyRecorder();
  readonly rate = new RateMeter();
  paused = false;
  /** Returns events waiting for this node (broker-held backlog plus its own queue); set by its worker. */
  backlog: () => number = () => 0;
  inFlight: () => number = () => 0;
  buffered: () => number = () => 0;
  constructor(
    readonly nodeId: string,
    /** Producers' rate counts what they send; the others' what they receive. */
    readonly ratesOut: boolean,
  ) {}
}

export class EdgeStats {
  /** Crossings completed (received by a target in this process). */
  count = 0;
  /** Publishes on this channel by a source in this process. */
  published = 0;
  /** Published while a non-durable target was away: lost by design, no longer counted as backlog. */
  lost = 0;
  readonly latency = new LatencyRecorder();
  readonly rate = new RateMeter();
  /** Event id -> when this process published it on this channel. */
  readonly pending = new GenerationalMap<number>(MAX_PENDING_SENDS_PER_EDGE);
  constructor(readonly edgeId: string) {}
}

export interface ObserverOptions {
  /** Stamped on every record handed to the hop sink (HopRecord.run), so a log can tell runs apart. */
  runId?: string;
  maxTracesPerBatch?: number;
  traceIntervalMs?: number;
  metricsIntervalMs?: number;
}

/**
 * Everything a run reports: exact counters and latency histograms per node and edge, the
 * sent-at times of events on their way (so each hop's latency is receipt minus publish), and
 * trace records, pushed to subscribers in bounded batches and to the event log one by one.
 */
export class RunObserver {
  private readonly nodes = new Map<string, NodeStats>();
  private readonly edges = new Map<string, EdgeStats>();
  private readonly buffer: TraceBuffer;
  private traceTimer?: NodeJS.Timeout;
  private metricsTimer?: NodeJS.Timeout;
  private readonly startedAt = nowMs();
  unroutable = 0;
  duplicates = 0;

  constructor(
    private readonly emit: (event: RunEvent) => void,
    private readonly hopSink: HopSink | undefined,
    private readonly options: ObserverOptions = {},
  ) {
    this.buffer = new TraceBuffer(options.maxTracesPerBatch ?? MAX_TRACES_PER_BATCH);
  }

  addNode(nodeId: string, ratesOut: boolean): NodeStats {
    const stats = new NodeStats(nodeId, ratesOut);
    this.nodes.set(nodeId, stats);
    return stats;
  }

  /**
   * Crossings received here beyond what this process published on those channels: events an
   * outside client sent into the flow (a replay's publisher, another process of an `--only`
   * split). Draining watches it, since idle nodes cannot see such events still in the broker.
   */
  outsideArrivals(): number {
    let n = 0;
    for (const e of this.edges.values()) {
      const d = e.count - (e.published - e.lost);
      if (d > 0) n += d;
    }
    return n;
  }

  edge(edgeId: string): EdgeStats {
    let stats = this.edges.get(edgeId);
    if (!stats) {
      stats = new EdgeStats(edgeId);
      this.edges.set(edgeId, stats);
    }
    return stats;
  }

  /**
   * Report one hop. `toLog` is false for records that are not a channel crossing of their own
   * (a retry of an event already received), so the event log gets exactly one per crossing.
   */
  trace(record: TraceRecord, event: CloudEvent | null, raw?: string, toLog = true): void {
    this.buffer.add(record);
    if (toLog && this.hopSink) {
      const run = this.options.runId;
      this.hopSink.append(raw === undefined ? { run, trace: record, event } : { run, trace: record, event, raw });
    }
  }

  start(): void {
    this.traceTimer = setInterval(() => this.flushTraces(), this.options.traceIntervalMs ?? TRACE_FLUSH_INTERVAL_MS);
    this.metricsTimer = setInterval(
      () => this.emit({ kind: 'metrics', snapshot: this.snapshot() }),
      this.options.metricsIntervalMs ?? METRICS_INTERVAL_MS,
    );
    this.traceTimer.unref();
    this.metricsTimer.unref();
  }

  /** Stop the timers and push what is left. */
  stop(): void {
    clearInterval(this.traceTimer);
    clearInterval(this.metricsTimer);
    this.traceTimer = undefined;
    this.metricsTimer = undefined;
    this.flushTraces();
  }

  flushTraces(): void {
    if (this.buffer.size === 0) return;
    this.emit({ kind: 'traces', batch: this.buffer.take() });
  }

  /** Exact totals now; rates over the last second. */
  snapshot(): MetricsSnapshot {
    const at = nowMs();
    const nodes: NodeMetrics[] = [];
    for (const stats of this.nodes.values()) {
      const c = stats.counters;
      c.backlog = stats.backlog();
      c.inFlight = stats.inFlight();
      c.buffered = stats.buffered();
      nodes.push({
        nodeId: stats.nodeId,
        counters: { ...c },
        ratePerSecond: stats.rate.sample(at, stats.ratesOut ? c.out : c.in),
        latency: stats.latency.summary(),
        paused: stats.paused,
      });
    }
    const edges: EdgeMetrics[] = [];
    for (const stats of this.edges.values()) {
      edges.push({
        edgeId: stats.edgeId,
        count: stats.count,
        ratePerSecond: stats.rate.sample(at, stats.count),
        latency: stats.latency.summary(),
      });
    }
    return {
      at: Math.round(at),
      runTimeMs: Math.round(at - this.startedAt),
      nodes,
      edges,
      unroutable: this.unroutable,
      duplicates: this.duplicates,
    };
  }
}
