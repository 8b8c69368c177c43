import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { ProducerSettings } from '../../../shared/flow/FlowDocument';
import { parseCloudEvent } from '../../../shared/events/CloudEvent';
import { compileExpression, type CompiledExpression } from '../expressions/compileExpression';
import { templateBindings } from '../expressions/templateBindings';
import { SeededRandom } from '../random/SeededRandom';
import type { NodeClient } from '../wire/NodeClient';
import { NodeWorker } from './NodeWorker';
import { MAX_RUN_BACKLOG } from './runBacklog';
import { RateSchedule } from './RateSchedule';
import type { RunEnv } from './RunEnv';
import type { PlannedNode } from '../../../shared/compile/RuntimePlan';

/** Events whose template is still being evaluated; past this a rate producer skips (and counts) events. */
export const MAX_PENDING_TEMPLATE_EVENTS = 1_000;
/**
 * Bytes a rate producer lets pile up in its socket before it skips events: past this the broker
 * does not keep up with the rate, and an ever-growing buffer would only add latency and memory.
 */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;
/**
 * Publishes (one per event and channel) a producer holds while the broker is unreachable; they
 * are sent once it is back. Past this a rate producer drops new events (counted as dropped and
 * logged with their number when the broker is back or the run stops). It also keeps QoS 1 packet
 * ids (at most 65,535 per client) from running out.
 */
export const MAX_OFFLINE_BUFFERED = 10_000;

export interface ProducerRunOptions {
  /** idle: no scheduled traffic (manual fire, external input and replay still work). */
  producers: 'run' | 'idle';
  durationMs?: number;
  /** Default MAX_OFFLINE_BUFFERED. */
  offlineBufferLimit?: number;
  /** True while the run's nodes have more events waiting than MAX_RUN_BACKLOG: rate producers skip (and count) events. */
  overloaded?: () => boolean;
  /** The bound `overloaded` tests (for the message); default MAX_RUN_BACKLOG. */
  maxBacklog?: number;
}

/**
 * A producer node: emits CloudEvents on its channels, on a schedule (`rate`), on request
 * (`manual`, and `fire` in any mode) or for what arrives on an outside topic (`external`).
 * Ids, template values and timing come from generators seeded by the run seed and the node
 * id, so the same seed gives the same events; events are built in sequence order.
 */
export class ProducerWorker extends NodeWorker {
  private client!: NodeClient;
  private readonly settings: ProducerSettings;
  private readonly ids: SeededRandom;
  private readonly timing: SeededRandom;
  private readonly bindings: Record<string, unknown>;
  private readonly template?: CompiledExpression;
  private readonly correlation?: CompiledExpression;
  private readonly schedule?: RateSchedule;
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Events dropped because the offline buffer was full, not yet reported in a log line. */
  private offlineDropped = 0;
  private readonly offlineLimit: number;
  finished = false;

  constructor(env: RunEnv, planned: PlannedNode, private readonly runOptions: ProducerRunOptions) {
    super(env, planned);
    this.settings = planned.node.settings as ProducerSettings;
    this.ids = SeededRandom.derive(this.seed, planned.nodeId, 'ids');
    this.timing = SeededRandom.derive(this.seed, planned.nodeId, 'timing');
    const data = SeededRandom.derive(this.seed, planned.nodeId, 'data');
    this.bindings = templateBindings(data, SeededRandom.derive(this.seed, planned.nodeId, 'faker').nextUint32());
    this.template = this.compile(this.settings.template, 'template');
    this.correlation = this.compile(this.settings.correlation, 'correlation');
    if (this.settings.mode === 'rate') {
      this.schedule = new RateSchedule(this.settings, this.timing, () => this.emitScheduled(), runOptions.durationMs, () => {
        this.finished = true;
      });
    }
    this.stats.inFlight = () => this.pending;
    this.stats.buffered = () => this.buffered();
    this.offlineLimit = runOptions.offlineBufferLimit ?? MAX_OFFLINE_BUFFERED;
  }

  /** Publishes held while the broker is unreachable (0 while connected). */
  private buffered(): number {
    return this.client && !this.client.connected ? this.client.queued : 0;
  }

  /** Say how many events the full offline buffer cost (when the broker is back, and at stop). */
  reportOfflineDrops(): void {
    if (this.offlineDropped === 0) return;
    const n = this.offlineDropped;
    this.offlineDropped = 0;
    this.env.log(
      'warn',
      `${this.planned.name} (${this.nodeId}): dropped ${n} event${n === 1 ? '' : 's'} while the broker was unreachable: its offline buffer holds at most ${this.offlineLimit} publishes (MAX_OFFLINE_BUFFERED)`,
      this.nodeId,
    );
  }

  private compile(source: string | undefined, field: string): CompiledExpression | undefined {
    if (source === undefined) return undefined;
    const r = compileExpression(source, `${this.planned.name} (${this.nodeId}) settings.${field}`);
    if (!r.ok) throw new Error(r.error);
    return r.expression;
  }

  async start(): Promise<void> {
    const external = this.settings.mode === 'external' ? this.settings.external : undefined;
    const subs = external ? [{ filter: external.topicFilter, qos: external.qos }] : [];
    this.client = this.createClient(0, true, subs, (topic, payload) => this.onExternal(topic, payload));
    await this.client.start();
  }

  /** Begin scheduled traffic (rate mode, unless the run's producers are idle). */
  startProducing(): void {
    if (this.schedule && this.runOptions.producers === 'run') this.schedule.start();
    else this.finished = true;
  }

  stopProducing(): void {
    this.schedule?.stop();
    this.finished = true;
    this.reportOfflineDrops();
  }

  /** Suspend scheduled traffic (rate mode); fire and external input keep working. Idempotent. */
  pauseProducing(): void {
    this.schedule?.pause();
  }

  /** Continue scheduled traffic from where pauseProducing left it. Idempotent. */
  resumeProducing(): void {
    this.schedule?.resume();
  }

  idle(): boolean {
    return this.pending === 0;
  }

  /** One event now: `data` as given, else from the template (else the event type's example). Resolves to its id. */
  fire(data?: unknown): Promise<string> {
    return this.next(data === undefined ? NO_DATA : data, true);
  }

  private emitScheduled(): void {
    if (this.buffered() >= this.offlineLimit) {
      this.stats.counters.dropped++;
      this.offlineDropped++;
      this.warnOnce('offline-full', () => `the broker is unreachable and ${this.offlineLimit} publishes are buffered (the bound); new events are dropped until it is back`);
      return;
    }
    if (this.runOptions.overloaded?.()) {
      this.stats.counters.dropped++;
      this.warnOnce('overloaded', () => `the flow does not keep up with ${+this.settings.ratePerSecond.toFixed(1)} events/s on this machine (more than ${this.runOptions.maxBacklog ?? MAX_RUN_BACKLOG} events wait at its nodes); events are being skipped (counted as dropped)`);
      return;
    }
    if (this.client.unsentBytes > MAX_UNSENT_BYTES) {
      this.stats.counters.dropped++;
      this.warnOnce('backpressure', () => `the broker does not keep up with ${+this.settings.ratePerSecond.toFixed(1)} events/s; events are being skipped (counted as dropped)`);
      return;
    }
    if (this.pending >= MAX_PENDING_TEMPLATE_EVENTS) {
      this.stats.counters.dropped++;
      this.warnOnce('template-backlog', () => `its template cannot keep up with ${+this.settings.ratePerSecond.toFixed(1)} events/s; events are being skipped`);
      return;
    }
    void this.next(NO_DATA, false);
  }

  private next(given: unknown, reject: boolean): Promise<string> {
    const seq = ++this.seq;
    const id = this.ids.uuid();
    const time = new Date();
    const needsTemplate = given === NO_DATA && this.template !== undefined;
    if (!needsTemplate && this.correlation === undefined) {
      const data = given === NO_DATA ? this.defaultData(seq) : given;
      this.publishNew(id, time, data, id);
      return Promise.resolve(id);
    }
    this.pending++;
    const done = this.chain.then(async () => {
      const context = { seq, now: time.toISOString(), nodeId: this.nodeId, flowName: this.env.flowName, seed: this.seed };
      let data = given;
      if (needsTemplate) {
        const r = await this.template!.evaluate(context, this.bindings);
        if (!r.ok) throw new Error(r.error);
        data = r.value ?? null;
      }
      let correlationId = id;
      if (this.correlation) {
        const r = await this.correlation.evaluate({ ...context, data }, this.bindings);
        if (!r.ok) throw new Error(r.error);
        if (r.value !== undefined && r.value !== null && r.value !== '') correlationId = typeof r.value === 'string' ? r.value : JSON.stringify(r.value);
      }
      this.publishNew(id, time, data, correlationId);
      return id;
    });
    this.chain = done.then(
      () => {},
      (err: Error) => {
        this.stats.counters.dropped++;
        this.warnOnce(`template:${err.message}`, `could not build an event: ${err.message}`);
      },
    );
    void this.chain.finally(() => this.pending--);
    return reject ? done : done.catch(() => id);
  }

  private defaultData(seq: number): unknown {
    const example = this.env.eventTypes.get(this.settings.eventType)?.example;
    return example === undefined ? { seq } : example;
  }

  private publishNew(id: string, time: Date, data: unknown, correlationId: string): void {
    const event: CloudEvent = {
      specversion: '1.0',
      id,
      type: this.settings.eventType,
      source: this.settings.source ?? this.source,
      time: time.toISOString(),
      datacontenttype: 'application/json',
      data,
      correlationid: correlationId,
    };
    this.publishEvent(this.client, event, JSON.stringify(event), undefined);
  }

  /** External mode: keep CloudEvents, wrap plain JSON, dead-letter the rest with the reason. */
  private onExternal(topic: string, payload: Buffer): void {
    if (this.env.wireTopics.has(topic)) return;
    this.stats.counters.in++;
    const text = payload.toString('utf8');
    const parsed = parseCloudEvent(text, payload.length);
    if (parsed.ok) {
      this.publishEvent(this.client, parsed.event, JSON.stringify(parsed.event), topic);
      return;
    }
    if (parsed.problem.reason === 'not-cloudevent') {
      const value: unknown = JSON.parse(text);
      const looksLikeEvent = typeof value === 'object' && value !== null && !Array.isArray(value) && 'specversion' in value;
      if (!looksLikeEvent) {
        void this.next(value, false);
        return;
      }
    }
    const reason = `the message on ${topic} is not usable: ${parsed.problem.message}`;
    const outcome = this.sendToDeadLetter(this.client, { raw: text, topic }, reason);
    if (outcome === 'dropped') this.warnOnce('external-invalid', `${reason}; it was dropped (draw a dead-letter channel to keep such messages)`);
  }
}

/** "No data given" (undefined and null are data a caller may give). */
const NO_DATA = Symbol('no data');
