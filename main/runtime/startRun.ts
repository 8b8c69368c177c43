import type { MetricsSnapshot, RunEvent, RunStatus } from '../../shared/bridge/runEvents';
import type { RuntimePlan } from '../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../shared/events/CloudEvent';
import type { HopSink } from './log/HopSink';
import { FlowRun } from './FlowRun';

export interface RunOptions {
  /** External broker URL (CLI `--broker`); overrides the flow's broker. Absent: the flow's broker (embedded by default). */
  brokerUrl?: string;
  /** External broker user name (a `--broker` URL's `user@`); overrides the flow's `broker.username`. */
  username?: string;
  /** External broker password; the caller reads EVENTFLOW_BROKER_PASSWORD or prompts. Never from the flow file. */
  password?: string;
  /**
   * Prepended to every channel topic on the wire. Default: the flow's `broker.topicPrefix`, else ''
   * (embedded and external alike, so separate `--only` processes of one flow meet on the same topics).
   * Checked and made to end with '/' (see checkTopicPrefix); RunStatus.topicPrefix is the result.
   */
  topicPrefix?: string;
  /** The run seed; a node's own `settings.seed` wins for that node. Default 1. */
  seed?: number;
  /** Producers stop after this (the run itself goes on until `stop()`). */
  durationMs?: number;
  /** idle: producers generate nothing by themselves (manual fire, external input and replay still work). */
  producers?: 'run' | 'idle';
  /** Run just these node ids (distributed mode, `eventflow run --only`). */
  only?: string[];
  /** The event log: gets exactly one record per channel crossing. The runtime flushes it at stop; the caller closes it. */
  hopSink?: HopSink;
  /** Embedded broker ports; 0 = a free port. Default: the flow's, else 0 (and no WebSocket listener). */
  embeddedPort?: number;
  embeddedWsPort?: number;
  /** Publishes each producer holds while the broker is unreachable before it drops new events (default MAX_OFFLINE_BUFFERED). */
  offlineBufferLimit?: number;
  /** Events that may wait at the run's running nodes before rate producers skip events (default MAX_RUN_BACKLOG). */
  maxBacklog?: number;
  /** Trace push bounds (defaults MAX_TRACES_PER_BATCH, TRACE_FLUSH_INTERVAL_MS). */
  traceBatch?: { maxRecords?: number; intervalMs?: number };
}

/** A running flow. Every method is safe to call in any state; commands on a stopped run reject. */
export interface Run {
  readonly runId: string;
  status(): RunStatus;
  /** Status changes, trace batches, metrics (every METRICS_INTERVAL_MS) and log lines. Returns unsubscribe. */
  subscribe(listener: (event: RunEvent) => void): () => void;
  /** Exact counters now. */
  metrics(): MetricsSnapshot;
  /** Publish one event from a producer (any mode); `data` absent: from its template. Resolves to the event id. */
  fire(producerId: string, data?: unknown): Promise<string>;
  /**
   * Publish a ready-made event on a channel, as its source would (replay: set `replayid`).
   * The hop is traced like any other.
   */
  publish(edgeId: string, event: CloudEvent): Promise<void>;
  /** Disconnect a consumer keeping its session: a durable one's events wait in the broker (its backlog). */
  pauseConsumer(nodeId: string): Promise<void>;
  resumeConsumer(nodeId: string): Promise<void>;
  /**
   * Pause the run: rate producers suspend their schedule (status 'paused', pushed to
   * subscribers); manual fire, external input and events in flight keep going. Idempotent.
   */
  pauseProducers(): void;
  /** Resume a paused run: producers continue where they were (paused time does not count toward limits). Idempotent. */
  resumeProducers(): void;
  stopProducers(): void;
  /**
   * True once no producer of this process will send anything more by itself: it has
   * producers, and all of them are rate producers that reached their limit (count or
   * duration). Never true with a manual or external producer (they wait for input), with idle
   * producers, or in a process that runs no producer (`only`). What they sent may still be
   * on its way: `stop()` lets it finish (bounded by its drain).
   */
  producersDone(): boolean;
  /**
   * On the embedded broker: hear each subscription made by a client that is not one of this
   * run's own (a watcher such as mosquitto_sub). Never called on an external broker. Returns
   * unsubscribe.
   */
  watchOutsideSubscriptions(listener: (clientId: string, filters: string[]) => void): () => void;
  /** Stop producers, drain what is in flight (bounded by drainMs), flush traces and the hop sink, disconnect, close the embedded broker. Final totals. */
  stop(options?: { drainMs?: number }): Promise<MetricsSnapshot>;
}

/**
 * Start a compiled flow on its broker: the embedded one (aedes on 127.0.0.1) unless the flow
 * or `options.brokerUrl` names an external one. Resolves once every node of this process is
 * connected and subscribed and the producers have started. Rejects with a
 * BrokerConnectionError (its message names the broker URL and the fix) if the broker cannot
 * be reached within a bounded time, or with an Error naming the node if the plan cannot run
 * there (e.g. shared subscriptions on a broker without them).
 *
 * @example
 * const run = await startRun(plan, { durationMs: 10_000 });
 * run.subscribe((e) => { if (e.kind === 'traces') animate(e.batch.traces); });
 * const totals = await run.stop();
 */
export function startRun(plan: RuntimePlan, options: RunOptions = {}): Promise<Run> {
  return FlowRun.start(plan, options);
}
