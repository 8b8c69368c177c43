import type { PlannedNode } from '../../../shared/compile/RuntimePlan';
import type { TraceOutcome, TraceRecord } from '../../../shared/bridge/runEvents';
import { parseCloudEvent, type CloudEvent } from '../../../shared/events/CloudEvent';
import type { QoS } from '../../../shared/flow/FlowDocument';
import { parseSharedSubscription } from '../../../shared/routing';
import { derivedUuid } from '../random/derivedUuid';
import { hashString } from '../random/SeededRandom';
import { nowMs } from '../observe/clock';
import { GenerationalMap } from '../observe/GenerationalMap';
import type { EdgeStats, NodeStats } from '../observe/RunObserver';
import { NodeClient, type MessageHandler, type WireSubscription } from '../wire/NodeClient';
import { channelAccepts, compileChannel, type Channel } from './Channel';
import type { Delivery } from './Delivery';
import type { RunEnv } from './RunEnv';

/** Event ids remembered per inbound channel to drop QoS 1 redeliveries (about this many; the oldest are forgotten). */
export const MAX_RECENT_EVENT_IDS = 20_000;
/** A send older than this is not trusted as the hop's start (a retained or long-queued event). */
export const MAX_TRUSTED_EVENT_AGE_MS = 60_000;
/** How much of an unreadable payload a dead letter carries. */
export const MAX_DEAD_LETTER_PAYLOAD_CHARS = 64 * 1024;
/** Distinct warnings a node logs; past this they are only counted. */
export const MAX_WARNINGS_PER_NODE = 100;
/** The CloudEvents type of a dead letter made from a payload that was not a CloudEvent. */
export const INVALID_PAYLOAD_TYPE = 'eventflow.invalid';

/**
 * What producers, broker nodes and consumers share: their MQTT clients, their compiled
 * outgoing channels, decoding what arrives (with hop latency and duplicate detection),
 * publishing, dead-lettering and tracing.
 */
export abstract class NodeWorker {
  readonly stats: NodeStats;
  readonly channels: Channel[];
  readonly deadLetter: Channel | undefined;
  readonly clients: NodeClient[] = [];
  private readonly inbound = new Map<string, Inbound>();
  private readonly warned = new Set<string>();
  protected readonly source: string;
  readonly seed: number;

  constructor(
    protected readonly env: RunEnv,
    readonly planned: PlannedNode,
  ) {
    this.stats = env.observer.addNode(planned.nodeId, planned.kind === 'producer');
    this.channels = planned.outputs.map((o) => compileChannel(o, env));
    this.deadLetter = planned.deadLetter ? compileChannel(planned.deadLetter, env) : undefined;
    for (const s of planned.subscriptions) {
      this.inbound.set(env.topicPrefix + s.topic, {
        edgeId: s.edgeId,
        topic: s.topic,
        stats: env.observer.edge(s.edgeId),
        recent: new GenerationalMap<true>(MAX_RECENT_EVENT_IDS),
      });
    }
    this.source = `eventflow://${encodeURIComponent(env.flowName)}/${encodeURIComponent(planned.nodeId)}`;
    const own = (planned.node.settings as { seed?: number }).seed;
    this.seed = own ?? env.seed;
    this.stats.backlog = () => this.backlog();
  }

  get nodeId(): string {
    return this.planned.nodeId;
  }

  /** Connect the node's clients (and subscribe). */
  abstract start(): Promise<void>;

  /** Nothing of this node is still moving (drain at stop). */
  abstract idle(): boolean;

  async close(force = false): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close(force)));
  }

  /** Publish a ready-made event on one of this node's channels (replay); false if the channel is not this node's. */
  publishOnChannel(edgeId: string, event: CloudEvent): boolean {
    const channel = this.channels.find((c) => c.edgeId === edgeId) ?? (this.deadLetter?.edgeId === edgeId ? this.deadLetter : undefined);
    const client = this.clients[0];
    if (!channel || !client) return false;
    this.send(client, channel, event.id, JSON.stringify(event));
    if (channel === this.deadLetter) this.stats.counters.deadLettered++;
    else this.stats.counters.out++;
    return true;
  }

  /** Events published to this node's inbound channels (by this process) that it has not received. */
  protected inTransit(): number {
    let n = 0;
    for (const s of this.planned.subscriptions) {
      const e = this.env.observer.edge(s.edgeId);
      const d = e.published - e.count - e.lost;
      if (d > 0) n += d;
    }
    return n;
  }

  protected backlog(): number {
    return this.inTransit();
  }

  /** The wire subscriptions: run prefix applied, also inside `$share/<group>/`. */
  protected wireSubscriptions(minQos: QoS): WireSubscription[] {
    return this.planned.subscriptions.map((s) => {
      const shared = parseSharedSubscription(s.filter);
      const filter = shared ? `$share/${shared.group}/${this.env.topicPrefix}${shared.filter}` : this.env.topicPrefix + s.filter;
      return { filter, qos: Math.max(s.qos, minQos) as QoS };
    });
  }

  protected createClient(instance: number, clean: boolean, subscriptions: WireSubscription[], onMessage: MessageHandler): NodeClient {
    let clientId = `${this.planned.clientIdBase}-${instance}`;
    // Two runs with different prefixes on one broker must not share sessions (or kick each other off).
    if (this.env.topicPrefix) clientId += `-${hashString(this.env.topicPrefix).toString(36)}`;
    if (clean) clientId += `-${this.env.runId}`;
    const client = new NodeClient(
      this.env.endpoint,
      this.env.protocolVersion,
      clientId,
      clean,
      subscriptions,
      onMessage,
      (c) => this.env.clientStateChanged(c),
      (c, err) => this.env.clientError(c, err),
    );
    this.clients.push(client);
    return client;
  }

  /**
   * Turn a message into a Delivery: find its channel, parse it, take its send time (exact if
   * this process sent it), count the hop. Returns null for a duplicate or a message on a topic
   * that is not one of this node's channels (both counted and traced or logged).
   */
  protected decode(wireTopic: string, payload: Buffer): Delivery | null {
    const receivedAt = nowMs();
    const sub = this.inbound.get(wireTopic);
    if (sub === undefined) {
      this.stats.counters.dropped++;
      this.warnOnce(`topic:${wireTopic}`, () => `received a message on ${wireTopic}, which is none of its channels (a session left over from an earlier run?); ignored`);
      return null;
    }
    const edge = sub.stats;
    edge.count++;
    this.stats.counters.in++;
    const text = payload.toString('utf8');
    const parsed = parseCloudEvent(text, payload.length);
    if (!parsed.ok) {
      const invalidId = derivedUuid('invalid', this.nodeId, wireTopic, text, String(receivedAt));
      return { edgeId: sub.edgeId, topic: sub.topic, wireTopic, receivedAt, sentAt: receivedAt, event: null, payload, raw: text, problem: parsed.problem.message, invalidId };
    }
    const event = parsed.event;
    const key = event.replayid === undefined ? event.id : event.id + '\n' + String(event.replayid);
    let sentAt = edge.pending.take(event.id);
    if (sentAt === undefined) sentAt = fallbackSentAt(event, receivedAt);
    const delivery: Delivery = { edgeId: sub.edgeId, topic: sub.topic, wireTopic, receivedAt, sentAt, event, payload };
    if (sub.recent.has(key)) {
      this.env.observer.duplicates++;
      this.stats.counters.dropped++;
      this.trace(delivery, 'dropped', 'duplicate delivery of an event already received on this channel (QoS 1 redelivery)');
      return null;
    }
    sub.recent.set(key, true);
    edge.latency.record(receivedAt - sentAt);
    // Consumers record their processing time instead.
    if (this.planned.kind !== 'consumer') this.stats.latency.record(receivedAt - sentAt);
    return delivery;
  }

  /** Publish on one channel, remembering the send time when the target runs here. */
  protected send(client: NodeClient, channel: Channel, eventId: string, payload: Buffer | string): void {
    const stats = channel.stats;
    stats.published++;
    if (channel.targetLocal) stats.pending.set(eventId, nowMs());
    client.publish(channel.wireTopic, payload, channel.publishOptions);
  }

  /** Publish an event on every ordinary channel whose rule takes it; returns how many did. */
  protected publishEvent(client: NodeClient, event: CloudEvent, payload: string | Buffer, inboundTopic: string | undefined): number {
    let n = 0;
    for (const channel of this.channels) {
      if (channel.hasRule && !channelAccepts(channel, event, inboundTopic)) continue;
      this.send(client, channel, event.id, payload);
      n++;
    }
    this.stats.counters.out += n;
    if (n === 0) this.warnOnce(`unrouted:${event.type}`, () => `emitted ${event.type} but none of its channels takes it: draw a channel or widen a rule`);
    return n;
  }

  /**
   * Send what arrived (or an event that failed here) to the node's dead-letter channel with the
   * reason in the `deadletterreason` extension; without one it is dropped and counted, and the
   * first drop is logged as a warning of the run.
   */
  protected sendToDeadLetter(
    client: NodeClient,
    failed: { event: CloudEvent } | { raw: string; topic?: string; invalidId?: string },
    reason: string,
  ): 'dead-lettered' | 'dropped' {
    const channel = this.deadLetter;
    if (!channel) {
      this.stats.counters.dropped++;
      // Said once per node: the trace of each drop has the reason, the log says what to do about
      // it. The text is built only for that first drop, not for every drop of a flood.
      this.warnOnce('no-dead-letter', () => {
        const what = this.planned.kind === 'broker' ? 'could not route' : 'could not process';
        return `dropped an event it ${what} (${reason}) because it has no dead-letter channel; draw one to keep such events with the reason (further drops are only counted)`;
      });
      return 'dropped';
    }
    const letter: CloudEvent =
      'event' in failed
        ? { ...failed.event, deadletterreason: reason }
        : this.invalidPayloadEvent(failed.raw, failed.topic, reason, failed.invalidId);
    this.send(client, channel, letter.id, JSON.stringify(letter));
    this.stats.counters.deadLettered++;
    return 'dead-lettered';
  }

  /** A CloudEvent carrying a payload that was not one, so any dead-letter consumer can read it. */
  protected invalidPayloadEvent(raw: string, topic: string | undefined, reason: string, knownId?: string): CloudEvent {
    const id = knownId ?? derivedUuid('invalid', this.nodeId, topic ?? '', raw, String(nowMs()));
    return {
      specversion: '1.0',
      id,
      type: INVALID_PAYLOAD_TYPE,
      source: this.source,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { topic, payload: raw.length > MAX_DEAD_LETTER_PAYLOAD_CHARS ? raw.slice(0, MAX_DEAD_LETTER_PAYLOAD_CHARS) : raw, truncated: raw.length > MAX_DEAD_LETTER_PAYLOAD_CHARS },
      correlationid: id,
      deadletterreason: reason,
    };
  }

  /** The trace of one hop: to subscribers, and (unless a retry) to the event log. */
  protected trace(delivery: Delivery, outcome: TraceOutcome, reason?: string, toLog = true): void {
    const event = delivery.event;
    const record: TraceRecord = {
      eventId: event ? event.id : (delivery.invalidId ?? ''),
      correlationId: event ? event.correlationid : (delivery.invalidId ?? ''),
      type: event ? event.type : INVALID_PAYLOAD_TYPE,
      edgeId: delivery.edgeId,
      topic: delivery.wireTopic,
      sentAt: delivery.sentAt,
      receivedAt: delivery.receivedAt,
      outcome,
    };
    if (event?.causationid !== undefined) record.causationId = event.causationid;
    if (event?.replayid !== undefined) record.replayId = String(event.replayid);
    if (reason !== undefined) record.reason = reason;
    this.env.observer.trace(record, event, event ? undefined : delivery.raw, toLog);
  }

  /** Log a warning the first time `key` comes up; `message` may be a function, called only then. */
  protected warnOnce(key: string, message: string | (() => string)): void {
    if (this.warned.has(key) || this.warned.size >= MAX_WARNINGS_PER_NODE) return;
    this.warned.add(key);
    const text = typeof message === 'function' ? message() : message;
    this.env.log('warn', `${this.planned.name} (${this.nodeId}): ${text}`, this.nodeId);
  }
}

interface Inbound {
  edgeId: string;
  topic: string;
  stats: EdgeStats;
  /** Event ids received on this channel, to drop redeliveries. */
  recent: GenerationalMap<true>;
}

function fallbackSentAt(event: CloudEvent, receivedAt: number): number {
  const t = typeof event.time === 'string' ? Date.parse(event.time) : NaN;
  return Number.isFinite(t) && t <= receivedAt && receivedAt - t < MAX_TRUSTED_EVENT_AGE_MS ? t : receivedAt;
}
