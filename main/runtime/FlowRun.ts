import { randomUUID } from 'node:crypto';
import type {
  BrokerConnectionState,
  MetricsSnapshot,
  RunEvent,
  RunLogLine,
  RunStatus,
} from '../../shared/bridge/runEvents';
import type { PlannedNode, RuntimePlan } from '../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../shared/events/CloudEvent';
import { resolveBrokerEndpoint, type BrokerEndpoint } from './broker/BrokerEndpoint';
import { checkTopicPrefix } from './broker/checkTopicPrefix';
import { RECONNECT_MAX_MS, RECONNECT_MIN_MS } from './broker/reconnectBackoff';
import { probeCapabilities, type BrokerCapabilities } from './broker/probeCapabilities';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker/startEmbeddedBroker';
import { ConsumerWorker } from './nodes/ConsumerWorker';
import type { NodeWorker } from './nodes/NodeWorker';
import { ProducerWorker } from './nodes/ProducerWorker';
import { RouterWorker } from './nodes/RouterWorker';
import { MAX_RUN_BACKLOG, OVERLOAD_CHECK_INTERVAL_MS, runBacklog } from './nodes/runBacklog';
import type { RunEnv } from './nodes/RunEnv';
import { RunObserver } from './observe/RunObserver';
import type { Run, RunOptions } from './startRun';
import type { NodeClient } from './wire/NodeClient';

/** How long `stop()` waits by default for events in flight to arrive and finish. */
export const DEFAULT_DRAIN_MS = 3_000;
/** How often draining checks whether everything has settled. */
export const DRAIN_POLL_MS = 20;
/**
 * Draining ends once every node is idle and no event from an outside publisher has arrived for
 * this long. Idle is what this process can see (its own publishes not yet received); an event
 * an outside client published into the flow (a replay's publisher, another process of an
 * `--only` split) may still be on its way through the broker, which acknowledges the publisher
 * before it delivers (Mosquitto). Outside input of an external producer does not count: it is
 * the producer's own feed, and what it forwards is published here.
 */
export const DRAIN_SETTLE_MS = 150;
/** How long disconnecting may wait for unacknowledged publishes before the sockets are cut. */
export const CLOSE_TIMEOUT_MS = 2_000;
/** Client ids of the capability probe (see probeCapabilities): not an outside watcher. */
const PROBE_CLIENT_PREFIX = 'ef-probe-';
/** Distinct client error messages logged per run; past it they are only counted. */
export const MAX_LOGGED_CLIENT_ERRORS = 100;

/** The runtime of one started flow; see `startRun` and `Run`. */
export class FlowRun implements Run {
  /**
   * Random per run (never derived from the seed): two runs of a seeded flow make the same
   * event ids, and the log tells them apart by this.
   */
  readonly runId = randomUUID();
  /** The first 8 hex digits: enough to keep client ids of concurrent runs apart, short on the wire. */
  private readonly shortRunId = this.runId.slice(0, 8);
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly workers: NodeWorker[] = [];
  private readonly producers = new Map<string, ProducerWorker>();
  private readonly consumers = new Map<string, ConsumerWorker>();
  private readonly observer: RunObserver;
  private readonly loggedErrors = new Set<string>();
  private readonly state: RunStatus;
  private embedded?: EmbeddedBroker;
  private durationTimer?: NodeJS.Timeout;
  /** When the run's `durationMs` stops the producers (performance.now() clock); undefined without one. */
  private durationEndsAt?: number;
  /** The `durationMs` left when the run was paused (undefined while not paused or without one). */
  private durationLeftMs?: number;
  private stopping?: Promise<MetricsSnapshot>;
  private finalSnapshot?: MetricsSnapshot;
  /** More than MAX_RUN_BACKLOG events wait at this run's nodes (checked every OVERLOAD_CHECK_INTERVAL_MS). */
  private overloaded = false;
  /** When `overloaded` was last worked out (performance.now() clock). */
  private overloadCheckedAt = -Infinity;
  /** When a running flow lost the broker (undefined while connected). */
  private lostAt?: number;

  private constructor(
    private readonly plan: RuntimePlan,
    private readonly options: RunOptions,
  ) {
    const external = options.brokerUrl !== undefined || plan.broker.kind === 'external';
    const prefix = checkTopicPrefix(options.topicPrefix ?? plan.broker.topicPrefix ?? '', options.topicPrefix !== undefined ? 'topicPrefix' : 'broker.topicPrefix');
    if (!prefix.ok) throw new Error(prefix.message);
    this.state = {
      state: 'starting',
      broker: { kind: external ? 'external' : 'embedded', url: '', connection: 'connecting' },
      topicPrefix: prefix.prefix,
      runId: this.runId,
    };
    this.observer = new RunObserver((e) => this.emit(e), options.hopSink, {
      runId: this.runId,
      maxTracesPerBatch: options.traceBatch?.maxRecords,
      traceIntervalMs: options.traceBatch?.intervalMs,
    });
  }

  static async start(plan: RuntimePlan, options: RunOptions): Promise<FlowRun> {
    const run = new FlowRun(plan, options);
    try {
      await run.begin();
    } catch (err) {
      await run.teardown(true);
      run.state.state = 'failed';
      run.state.message = (err as Error).message;
      throw err;
    }
    return run;
  }

  private async begin(): Promise<void> {
    const { plan, options } = this;
    const embeddedSettings = plan.broker.kind === 'embedded' ? plan.broker : undefined;
    if (this.state.broker.kind === 'embedded') {
      this.embedded = await startEmbeddedBroker({
        port: options.embeddedPort ?? embeddedSettings?.port ?? 0,
        wsPort: options.embeddedWsPort ?? embeddedSettings?.wsPort,
      });
    }
    const endpoint = resolveBrokerEndpoint(plan.broker, { url: options.brokerUrl, username: options.username, password: options.password }, this.embedded);
    this.state.broker.url = endpoint.url;
    if (endpoint.wsUrl) this.state.broker.wsUrl = endpoint.wsUrl;

    const only = options.only ? new Set(options.only) : undefined;
    if (only) {
      const unknown = [...only].filter((id) => !plan.nodes.some((n) => n.nodeId === id));
      if (unknown.length > 0) {
        throw new Error(`--only names ${unknown.map((u) => `"${u}"`).join(', ')}, which the flow does not have; its nodes are ${plan.nodes.map((n) => n.nodeId).join(', ')}`);
      }
    }
    const local = plan.nodes.filter((n) => !only || only.has(n.nodeId));
    const shared = local.filter((n) => n.subscriptions.some((s) => s.filter.startsWith('$share/')));
    const capabilities = await this.capabilities(endpoint, shared.length > 0);
    if (shared.length > 0 && !capabilities.sharedSubscriptions) {
      throw new Error(
        `${shared.map((n) => `${n.name} (${n.nodeId}) has ${n.instances} instances`).join('; ')}: instances share work through MQTT 5 shared subscriptions, which the broker at ${endpoint.url} does not support. Set instances to 1, or run on a broker that has them (Mosquitto 2, EMQX, HiveMQ) with --broker.`,
      );
    }
    const protocolVersion = endpoint.wantsMqtt5 && capabilities.mqtt5 ? 5 : 4;
    if (endpoint.wantsMqtt5 && !capabilities.mqtt5) this.log('warn', `the broker at ${endpoint.url} does not speak MQTT 5; this run uses MQTT 3.1.1`);

    const env: RunEnv = {
      runId: this.shortRunId,
      flowName: plan.flowName,
      seed: options.seed ?? 1,
      topicPrefix: this.state.topicPrefix,
      endpoint,
      protocolVersion,
      observer: this.observer,
      localNodeIds: new Set(local.map((n) => n.nodeId)),
      wireTopics: new Set(Object.keys(plan.routes).map((t) => this.state.topicPrefix + t)),
      eventTypes: new Map(plan.eventTypes.map((t) => [t.name, t])),
      log: (level, message, nodeId) => this.log(level, message, nodeId),
      clientStateChanged: () => this.updateConnection(),
      clientError: (client, err) => this.clientError(client, err),
    };
    for (const planned of local) this.workers.push(this.createWorker(env, planned));

    // Subscribers first, so nothing the producers send is missed.
    await Promise.all(this.workers.filter((w) => w.planned.kind !== 'producer').map((w) => w.start()));
    await Promise.all([...this.producers.values()].map((w) => w.start()));
    this.observer.start();
    this.state.state = 'running';
    this.state.startedAt = Date.now();
    this.updateConnection(true);
    for (const p of this.producers.values()) p.startProducing();
    if (options.durationMs !== undefined) this.armDuration(options.durationMs);
  }

  private armDuration(ms: number): void {
    this.durationEndsAt = performance.now() + ms;
    this.durationTimer = setTimeout(() => this.stopProducers(), ms);
    this.durationTimer.unref();
  }

  private async capabilities(endpoint: BrokerEndpoint, needShared: boolean): Promise<BrokerCapabilities> {
    const probeTopic = `${this.state.topicPrefix}eventflow-probe/${this.shortRunId}`;
    if (endpoint.kind === 'external' || needShared) {
      const caps = await probeCapabilities(endpoint, probeTopic);
      this.state.broker.capabilities = caps;
      return caps;
    }
    // The embedded broker is aedes (MQTT 3.1.1, no shared subscriptions); confirm it without delaying the start.
    void probeCapabilities(endpoint, probeTopic).then(
      (caps) => {
        this.state.broker.capabilities = caps;
        if (this.isActive()) this.emit({ kind: 'status', status: this.status() });
      },
      () => {},
    );
    return { mqtt5: false, sharedSubscriptions: false };
  }

  /**
   * More than the backlog bound waits at the run's nodes. Worked out when a producer asks, at
   * most every OVERLOAD_CHECK_INTERVAL_MS: a timer would fire late exactly when the event loop is
   * saturated, and producers would go on past the bound for as long as it is late.
   */
  private isOverloaded(): boolean {
    const now = performance.now();
    if (now - this.overloadCheckedAt >= OVERLOAD_CHECK_INTERVAL_MS) {
      this.overloadCheckedAt = now;
      this.overloaded = runBacklog(this.workers) > (this.options.maxBacklog ?? MAX_RUN_BACKLOG);
    }
    return this.overloaded;
  }

  private createWorker(env: RunEnv, planned: PlannedNode): NodeWorker {
    switch (planned.kind) {
      case 'producer': {
        const w = new ProducerWorker(env, planned, {
          producers: this.options.producers ?? 'run',
          durationMs: this.options.durationMs,
          offlineBufferLimit: this.options.offlineBufferLimit,
          overloaded: () => this.isOverloaded(),
          maxBacklog: this.options.maxBacklog,
        });
        this.producers.set(planned.nodeId, w);
        return w;
      }
      case 'broker':
        return new RouterWorker(env, planned);
      case 'consumer': {
        const w = new ConsumerWorker(env, planned);
        this.consumers.set(planned.nodeId, w);
        return w;
      }
      default: {
        const never: never = planned.kind;
        throw new Error(`unknown node kind ${String(never)}`);
      }
    }
  }

  status(): RunStatus {
    return structuredClone(this.state);
  }

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  metrics(): MetricsSnapshot {
    return this.finalSnapshot ?? this.observer.snapshot();
  }

  async fire(producerId: string, data?: unknown): Promise<string> {
    this.assertActive('fire an event');
    const producer = this.producers.get(producerId);
    if (!producer) throw new Error(`fire: "${producerId}" is not a producer of this run; producers: ${[...this.producers.keys()].join(', ') || 'none'}`);
    return producer.fire(data);
  }

  async publish(edgeId: string, event: CloudEvent): Promise<void> {
    this.assertActive('publish an event');
    for (const w of this.workers) if (w.publishOnChannel(edgeId, event)) return;
    throw new Error(`publish: channel "${edgeId}" does not start at a node of this run`);
  }

  async pauseConsumer(nodeId: string): Promise<void> {
    this.assertActive('pause a consumer');
    await this.consumer(nodeId, 'pause').pause();
    this.log('info', `${nodeId} paused: its events wait in the broker`, nodeId);
  }

  async resumeConsumer(nodeId: string): Promise<void> {
    this.assertActive('resume a consumer');
    await this.consumer(nodeId, 'resume').resume();
    this.log('info', `${nodeId} resumed`, nodeId);
  }

  private consumer(nodeId: string, verb: string): ConsumerWorker {
    const c = this.consumers.get(nodeId);
    if (!c) throw new Error(`${verb}: "${nodeId}" is not a consumer of this run; consumers: ${[...this.consumers.keys()].join(', ') || 'none'}`);
    return c;
  }

  pauseProducers(): void {
    if (this.state.state !== 'running') return;
    for (const p of this.producers.values()) p.pauseProducing();
    if (this.durationEndsAt !== undefined && this.durationTimer !== undefined) {
      clearTimeout(this.durationTimer);
      this.durationTimer = undefined;
      this.durationLeftMs = Math.max(0, this.durationEndsAt - performance.now());
    }
    this.state.state = 'paused';
    this.log('info', 'run paused: producers generate nothing until Resume (manual fire and external input still work)');
    this.emit({ kind: 'status', status: this.status() });
  }

  resumeProducers(): void {
    if (this.state.state !== 'paused') return;
    this.state.state = 'running';
    if (this.durationLeftMs !== undefined) {
      this.armDuration(this.durationLeftMs);
      this.durationLeftMs = undefined;
    }
    for (const p of this.producers.values()) p.resumeProducing();
    this.log('info', 'run resumed');
    this.emit({ kind: 'status', status: this.status() });
  }

  stopProducers(): void {
    clearTimeout(this.durationTimer);
    this.durationTimer = undefined;
    this.durationLeftMs = undefined;
    for (const p of this.producers.values()) p.stopProducing();
  }

  /** True once every producer has finished its schedule (limit, duration or stopProducers). */
  producersFinished(): boolean {
    return [...this.producers.values()].every((p) => p.finished);
  }

  producersDone(): boolean {
    if (!this.isActive() || this.options.producers === 'idle' || this.producers.size === 0) return false;
    // Manual and external producers wait for input until Stop: a run with one never ends by itself.
    for (const p of this.producers.values()) if (p.planned.node.kind !== 'producer' || p.planned.node.settings.mode !== 'rate') return false;
    return this.producersFinished();
  }

  watchOutsideSubscriptions(listener: (clientId: string, filters: string[]) => void): () => void {
    if (!this.embedded) return () => {};
    return this.embedded.onSubscribe((clientId, filters) => {
      if (clientId.startsWith(PROBE_CLIENT_PREFIX)) return;
      for (const w of this.workers) for (const c of w.clients) if (c.clientId === clientId) return;
      listener(clientId, filters);
    });
  }

  stop(options: { drainMs?: number } = {}): Promise<MetricsSnapshot> {
    this.stopping ??= this.shutdown(options.drainMs ?? DEFAULT_DRAIN_MS);
    return this.stopping;
  }

  private async shutdown(drainMs: number): Promise<MetricsSnapshot> {
    this.state.state = 'stopping';
    this.emit({ kind: 'status', status: this.status() });
    this.stopProducers();
    const deadline = Date.now() + drainMs;
    let received = this.observer.outsideArrivals();
    // Only a run an outside publisher feeds waits to settle: one started for a replay (idle
    // producers), a part of an --only split, or one that has had outside arrivals.
    const settleMs = this.options.producers === 'idle' || this.options.only !== undefined || received > 0 ? DRAIN_SETTLE_MS : 0;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const now = this.observer.outsideArrivals();
      if (now !== received) {
        received = now;
        quietSince = Date.now();
      }
      if (this.workers.every((w) => w.idle()) && Date.now() - quietSince >= settleMs) break;
      await sleep(DRAIN_POLL_MS);
    }
    if (!this.workers.every((w) => w.idle())) {
      let abandoned = 0;
      const reason = `the run stopped before it was processed (the ${drainMs} ms drain ran out)`;
      for (const c of this.consumers.values()) abandoned += c.abandonQueued(reason);
      this.log(
        'warn',
        `stopped with events still in flight after ${drainMs} ms of draining${abandoned > 0 ? `; ${abandoned} received events were not processed (traced as dropped)` : ''}`,
      );
    }
    // Disconnect first: nothing arrives after the final totals are taken, so they count every
    // crossing the event log gets (also when the drain ran out).
    await this.teardown(false);
    const final = this.observer.snapshot();
    this.finalSnapshot = final;
    this.emit({ kind: 'metrics', snapshot: final });
    await this.options.hopSink?.flush();
    this.state.state = 'stopped';
    this.state.broker.connection = 'closed';
    this.emit({ kind: 'status', status: this.status() });
    return final;
  }

  private async teardown(force: boolean): Promise<void> {
    clearTimeout(this.durationTimer);
    for (const p of this.producers.values()) p.stopProducing();
    this.observer.stop();
    const closing = Promise.all(this.workers.map((w) => w.close(force)));
    const timedOut = await Promise.race([closing.then(() => false), sleep(CLOSE_TIMEOUT_MS).then(() => true)]);
    if (timedOut) await Promise.all(this.workers.map((w) => w.close(true)));
    await this.embedded?.close();
  }

  /** Running or paused: commands work, the clients are up. */
  private isActive(): boolean {
    return this.state.state === 'running' || this.state.state === 'paused';
  }

  private assertActive(what: string): void {
    if (!this.isActive()) throw new Error(`cannot ${what}: the run is ${this.state.state}`);
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        // A subscriber's bug must not stop the run; it still hears about it.
        if (event.kind !== 'log') this.log('error', `a run subscriber threw: ${(err as Error).message}`);
      }
    }
  }

  private log(level: RunLogLine['level'], message: string, nodeId?: string): void {
    const line: RunLogLine = { level, message, at: Date.now() };
    if (nodeId !== undefined) line.nodeId = nodeId;
    this.emit({ kind: 'log', line });
  }

  private clientError(client: NodeClient, err: Error): void {
    const key = `${client.clientId}\n${err.message}`;
    if (this.loggedErrors.has(key) || this.loggedErrors.size >= MAX_LOGGED_CLIENT_ERRORS) return;
    this.loggedErrors.add(key);
    this.log('warn', `MQTT client ${client.clientId}: ${err.message}`);
  }

  private updateConnection(force = false): void {
    let connection: BrokerConnectionState = 'connected';
    const states = this.workers.flatMap((w) => w.clients.map((c) => c.state)).filter((s) => s !== 'closed');
    if (states.includes('offline')) connection = 'offline';
    else if (states.includes('reconnecting')) connection = 'reconnecting';
    else if (states.includes('connecting')) connection = 'connecting';
    if (this.state.state === 'stopped') connection = 'closed';
    if (connection === this.state.broker.connection && !force) return;
    const previous = this.state.broker.connection;
    this.state.broker.connection = connection;
    if (this.isActive()) this.reportConnectionChange(previous, connection);
    if (this.isActive() || force) this.emit({ kind: 'status', status: this.status() });
  }

  /** A log line when a running flow loses the broker and when it is back (with the outage's length). */
  private reportConnectionChange(previous: BrokerConnectionState, now: BrokerConnectionState): void {
    const url = this.state.broker.url;
    if (now === 'connected') {
      if (this.lostAt === undefined) return;
      const seconds = ((Date.now() - this.lostAt) / 1000).toFixed(1);
      this.lostAt = undefined;
      this.log('info', `reconnected to the broker at ${url} after ${seconds} s; buffered events are being sent`);
      for (const p of this.producers.values()) p.reportOfflineDrops();
      return;
    }
    if ((now === 'offline' || now === 'reconnecting') && this.lostAt === undefined && previous === 'connected') {
      this.lostAt = Date.now();
      this.log(
        'warn',
        `lost the connection to the broker at ${url}; reconnecting with backoff (first retry after ${RECONNECT_MIN_MS} ms, then up to every ${RECONNECT_MAX_MS / 1000} s); producers buffer meanwhile`,
      );
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
