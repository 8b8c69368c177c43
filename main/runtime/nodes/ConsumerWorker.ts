import type { PlannedNode } from '../../../shared/compile/RuntimePlan';
import { MAX_EVENT_BYTES, type CloudEvent } from '../../../shared/events/CloudEvent';
import type { ConsumerOutput, ConsumerSettings, FailureRule } from '../../../shared/flow/FlowDocument';
import { compileExpression, type CompiledExpression } from '../expressions/compileExpression';
import { nowMs } from '../observe/clock';
import { derivedUuid } from '../random/derivedUuid';
import { SeededRandom } from '../random/SeededRandom';
import type { NodeClient } from '../wire/NodeClient';
import type { Delivery } from './Delivery';
import { MonitorRules, type Alert } from './MonitorRules';
import { NodeWorker } from './NodeWorker';
import type { RunEnv } from './RunEnv';
import { sampleProcessingTime } from './sampleProcessingTime';

/** Most events one output may emit for one input (`forEach` items). */
export const MAX_FOR_EACH_ITEMS = 1_000;
/** How long pausing waits for events already being processed before it disconnects. */
export const PAUSE_DRAIN_TIMEOUT_MS = 5_000;

interface Instance {
  index: number;
  client: NodeClient;
  /** Received, not yet started (local backlog). */
  queue: Delivery[];
  active: number;
  rng: SeededRandom;
}

interface CompiledOutput {
  output: ConsumerOutput;
  index: number;
  when?: CompiledExpression;
  forEach?: CompiledExpression;
  transform?: CompiledExpression;
}

/** A failure of this event at this node: dead-lettered with the message as reason. */
class EventFailure extends Error {}

/**
 * A consumer node: simulates a service. Per instance (one MQTT client each; several share the
 * work through `$share` subscriptions), events queue locally and up to `concurrency` are
 * processed at once: a processing time drawn from the distribution, a transient error retried
 * with backoff (after the last retry the event is dead-lettered and the `failure` outputs are
 * emitted with `gaveUp` true), a business failure that emits the `failure` outputs and is never
 * retried, a state update, the outputs (JSONata `when`, `forEach`, `transform`), and
 * for a monitor its sliding-window alerts. A durable consumer keeps a persistent session with
 * QoS 1 subscriptions: while it is paused (disconnected) the broker holds its events.
 */
export class ConsumerWorker extends NodeWorker {
  private readonly settings: ConsumerSettings;
  private readonly instances: Instance[] = [];
  private readonly failureWhen?: CompiledExpression;
  private readonly transientWhen?: CompiledExpression;
  private readonly stateUpdate?: CompiledExpression;
  private readonly outputs: CompiledOutput[];
  private readonly monitor?: MonitorRules;
  /** Nothing to simulate: each event is handled synchronously as it arrives. */
  private readonly trivial: boolean;
  private state: unknown;
  private stateLock: Promise<unknown> = Promise.resolve();
  private paused = false;
  /** Set at stop once the drain ran out: nothing more is processed. */
  private abandonReason?: string;

  constructor(env: RunEnv, planned: PlannedNode) {
    super(env, planned);
    const s = (this.settings = planned.node.settings as ConsumerSettings);
    const where = `${planned.name} (${planned.nodeId}) settings`;
    const compile = (source: string | undefined, field: string) => {
      if (source === undefined) return undefined;
      const r = compileExpression(source, `${where}.${field}`);
      if (!r.ok) throw new Error(r.error);
      return r.expression;
    };
    this.failureWhen = compile(s.failure?.when, 'failure.when');
    this.transientWhen = compile(s.transientError?.when, 'transientError.when');
    this.stateUpdate = compile(s.state?.update, 'state.update');
    this.state = s.state?.initial === undefined ? null : structuredClone(s.state.initial);
    this.outputs = s.outputs.map((output, index) => ({
      output,
      index,
      when: compile(output.when, `outputs[${index}].when`),
      forEach: compile(output.forEach, `outputs[${index}].forEach`),
      transform: compile(output.transform, `outputs[${index}].transform`),
    }));
    if (s.role === 'monitor' && s.monitor) {
      this.monitor = new MonitorRules(s.monitor.rules, where, (key, message) => this.warnOnce(key, message));
    }
    this.trivial =
      s.processing.distribution === 'fixed' && s.processing.ms === 0 && !s.failure && !s.transientError && !s.state &&
      this.outputs.length === 0 && !this.monitor;
    this.stats.inFlight = () => this.instances.reduce((n, i) => n + i.active, 0);
  }

  async start(): Promise<void> {
    const subs = this.wireSubscriptions(this.settings.durable ? 1 : 0);
    for (let i = 0; i < this.planned.instances; i++) {
      const instance: Instance = {
        index: i,
        client: undefined as unknown as NodeClient,
        queue: [],
        active: 0,
        rng: SeededRandom.derive(this.seed, this.nodeId, 'work', String(i)),
      };
      instance.client = this.createClient(i, !this.settings.durable, subs, (topic, payload) => this.onMessage(instance, topic, payload));
      this.instances.push(instance);
    }
    await Promise.all(this.instances.map((i) => i.client.start()));
  }

  protected override backlog(): number {
    return this.inTransit() + this.instances.reduce((n, i) => n + i.queue.length, 0);
  }

  idle(): boolean {
    if (this.paused) return true;
    return this.instances.every((i) => i.active === 0 && i.queue.length === 0) && this.inTransit() === 0;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Stop taking work, let what is being processed finish (bounded), disconnect keeping the session. */
  async pause(): Promise<void> {
    if (this.paused) return;
    this.paused = true;
    this.stats.paused = true;
    const deadline = Date.now() + PAUSE_DRAIN_TIMEOUT_MS;
    while (this.instances.some((i) => i.active > 0) && Date.now() < deadline) await sleep(10);
    await Promise.all(this.instances.map((i) => i.client.suspend()));
  }

  /** Reconnect; a durable consumer then receives what the broker held. A non-durable one lost it (counted as dropped). */
  async resume(): Promise<void> {
    if (!this.paused) return;
    if (!this.settings.durable) {
      for (const s of this.planned.subscriptions) {
        const e = this.env.observer.edge(s.edgeId);
        const lost = e.published - e.count - e.lost;
        if (lost > 0) {
          e.lost += lost;
          this.stats.counters.dropped += lost;
        }
      }
    }
    this.paused = false;
    this.stats.paused = false;
    await Promise.all(this.instances.map((i) => i.client.resume()));
    for (const i of this.instances) this.pump(i);
  }

  /**
   * At stop, once the drain has run out: events received here and not started will not be
   * processed. Each is traced as dropped with `reason` (so the log still keeps one record per
   * crossing, and the loss is visible) and so is anything that still arrives. Returns how many.
   */
  abandonQueued(reason: string): number {
    if (this.paused) return 0;
    this.abandonReason = reason;
    let n = 0;
    for (const i of this.instances) {
      for (const delivery of i.queue.splice(0)) {
        this.stats.counters.dropped++;
        this.trace(delivery, 'dropped', reason);
        n++;
      }
    }
    return n;
  }

  private onMessage(instance: Instance, topic: string, payload: Buffer): void {
    const delivery = this.decode(topic, payload);
    if (delivery === null) return;
    if (this.abandonReason !== undefined) {
      this.stats.counters.dropped++;
      this.trace(delivery, 'dropped', this.abandonReason);
      return;
    }
    if (delivery.event === null) {
      const reason = `not a CloudEvent: ${delivery.problem}`;
      const outcome = this.sendToDeadLetter(instance.client, { raw: delivery.raw ?? '', topic, invalidId: delivery.invalidId }, reason);
      this.trace(delivery, outcome, reason);
      return;
    }
    if (this.trivial && !this.paused && instance.queue.length === 0) {
      this.stats.latency.record(0);
      this.trace(delivery, 'delivered');
      return;
    }
    instance.queue.push(delivery);
    this.pump(instance);
  }

  private pump(instance: Instance): void {
    const limit = this.settings.concurrency;
    while (!this.paused && instance.active < limit && instance.queue.length > 0) {
      const delivery = instance.queue.shift()!;
      instance.active++;
      void this.process(instance, delivery);
    }
  }

  private async process(instance: Instance, delivery: Delivery): Promise<void> {
    const event = delivery.event!;
    const started = nowMs();
    const retry = this.settings.retry;
    let attempt = 1;
    try {
      for (;;) {
        const ms = sampleProcessingTime(this.settings.processing, instance.rng);
        if (ms > 0) await sleep(ms);
        if (!(await this.matches(this.settings.transientError, this.transientWhen, event, attempt, instance))) break;
        if (attempt <= retry.maxRetries) {
          const backoff = retry.backoffMs * retry.multiplier ** (attempt - 1);
          this.stats.counters.retried++;
          this.trace(delivery, 'retried', `transient error on attempt ${attempt}; retrying in ${Math.round(backoff)} ms`, false);
          if (backoff > 0) await sleep(backoff);
          attempt++;
          continue;
        }
        // Given up: a failure like any other for whoever waits for an answer (the failure outputs
        // tell the customer of a payment), and dead-lettered so the event itself is kept.
        const reason = `transient error on all ${attempt} attempt${attempt === 1 ? '' : 's'} (retry.maxRetries is ${retry.maxRetries})`;
        const gaveUp = this.stateUpdate
          ? await this.underStateLock(() => this.decide(instance, delivery, attempt, true))
          : await this.decide(instance, delivery, attempt, true);
        for (const e of gaveUp.emitted) this.publishEvent(instance.client, e, JSON.stringify(e), delivery.topic);
        // Failed like a business failure (the node's failed badge matches the failure events it
        // emitted), and dead-lettered too (its own badge), since the event itself is kept there.
        this.stats.counters.failed++;
        this.trace(delivery, this.sendToDeadLetter(instance.client, { event }, reason), reason);
        return;
      }
      const result = this.stateUpdate
        ? await this.underStateLock(() => this.decide(instance, delivery, attempt, false))
        : await this.decide(instance, delivery, attempt, false);
      const alerts = this.monitor ? await this.monitor.observe(event, delivery.receivedAt) : [];
      for (const e of result.emitted) this.publishEvent(instance.client, e, JSON.stringify(e), delivery.topic);
      for (const alert of alerts) {
        const e = this.alertEvent(event, alert);
        this.publishEvent(instance.client, e, JSON.stringify(e), delivery.topic);
      }
      if (result.failed) this.stats.counters.failed++;
      this.trace(delivery, result.failed ? 'failed' : 'delivered', result.failed ? 'the failure rule matched' : undefined);
    } catch (err) {
      const reason = err instanceof EventFailure ? err.message : `internal error: ${(err as Error).message}`;
      this.trace(delivery, this.sendToDeadLetter(instance.client, { event }, reason), reason);
    } finally {
      this.stats.latency.record(nowMs() - started);
      instance.active--;
      this.pump(instance);
    }
  }

  /**
   * Business failure, state update and output events; state changes only if all of it succeeds.
   * `gaveUp`: the transient error outlasted the retries, so the event failed (no failure rule is
   * tested, no state update) and the failure outputs see `gaveUp: true`.
   */
  private async decide(instance: Instance, delivery: Delivery, attempt: number, gaveUp: boolean): Promise<{ failed: boolean; emitted: CloudEvent[] }> {
    const event = delivery.event!;
    const failed = gaveUp || (await this.matches(this.settings.failure, this.failureWhen, event, attempt, instance));
    const previousState = this.state;
    let state = previousState;
    if (this.stateUpdate && !failed) {
      state = value(await this.stateUpdate.evaluate({ state: previousState, event, data: event.data }));
      if (state === undefined) state = null;
    }
    const emitted: CloudEvent[] = [];
    const outcome = failed ? 'failure' : 'success';
    for (const o of this.outputs) {
      if (o.output.on !== 'always' && o.output.on !== outcome) continue;
      const context = { event, data: event.data, state, previousState, attempt, gaveUp, item: undefined as unknown };
      if (o.when && !truthy(value(await o.when.evaluate(context)))) continue;
      let items: unknown[] = [undefined];
      if (o.forEach) {
        const v = value(await o.forEach.evaluate(context));
        items = v === undefined ? [] : Array.isArray(v) ? v : [v];
        if (items.length > MAX_FOR_EACH_ITEMS) {
          throw new EventFailure(`outputs[${o.index}].forEach gave ${items.length} items; the limit is ${MAX_FOR_EACH_ITEMS}`);
        }
      }
      for (let k = 0; k < items.length; k++) {
        context.item = items[k];
        const data = o.transform ? (value(await o.transform.evaluate(context)) ?? null) : event.data;
        emitted.push(this.derivedEvent(event, o.output.eventType, data, `${o.index}/${k}`));
      }
    }
    for (const e of emitted) {
      const size = Buffer.byteLength(JSON.stringify(e));
      if (size > MAX_EVENT_BYTES) throw new EventFailure(`the ${e.type} event it would emit is ${size} bytes; the limit is ${MAX_EVENT_BYTES}`);
    }
    this.state = state;
    return { failed, emitted };
  }

  private async matches(rule: FailureRule | undefined, when: CompiledExpression | undefined, event: CloudEvent, attempt: number, instance: Instance): Promise<boolean> {
    if (!rule) return false;
    if (rule.probability !== undefined && instance.rng.next() < rule.probability) return true;
    if (when) return truthy(value(await when.evaluate({ event, data: event.data, state: this.state, attempt })));
    return false;
  }

  private derivedEvent(cause: CloudEvent, type: string, data: unknown, discriminator: string): CloudEvent {
    const e: CloudEvent = {
      specversion: '1.0',
      id: derivedUuid(cause.id, cause.replayid === undefined ? '' : String(cause.replayid), this.nodeId, discriminator),
      type,
      source: this.source,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
      correlationid: cause.correlationid,
      causationid: cause.id,
    };
    if (cause.replayid !== undefined) e.replayid = cause.replayid;
    return e;
  }

  private alertEvent(cause: CloudEvent, alert: Alert): CloudEvent {
    return this.derivedEvent(cause, alert.rule.alertType, alert.data, `alert/${alert.rule.name}`);
  }

  private underStateLock<T>(work: () => Promise<T>): Promise<T> {
    const run = this.stateLock.then(work, work);
    this.stateLock = run.catch(() => {});
    return run;
  }
}

function value(r: { ok: true; value: unknown } | { ok: false; error: string }): unknown {
  if (!r.ok) throw new EventFailure(r.error);
  return r.value;
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
