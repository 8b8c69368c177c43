import { z } from 'zod';

/**
 * The FlowDocument: what a `*.eventflow.json` file holds, and the single source of truth
 * for the designer, the compiler and the runtime. The zod schemas here are used by the
 * loader (with error messages that name the JSON path), by the inspector forms and by the
 * bridge, so there is one definition of every field.
 *
 * @example
 * const doc: FlowDocument = flowDocumentSchema.parse(JSON.parse(text));
 */

/** The version this build writes. Older documents are migrated on load (see migrateFlow). */
export const CURRENT_SCHEMA_VERSION = 1;

/** The closed set of node kinds; every switch over it is exhaustive. */
export const NODE_KINDS = ['producer', 'broker', 'consumer'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const qosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type QoS = z.infer<typeof qosSchema>;

/** A JSONata expression, checked for syntax by the compiler (it needs the jsonata parser). */
const expression = z.string().min(1, 'must be a JSONata expression, not empty');
const positive = z.number().positive();
const positiveInt = z.number().int().positive();

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof positionSchema>;

// ---------------------------------------------------------------- broker settings


/** `scheme://host[:port][/path]`; shared/ has no URL class (it is a DOM and Node global). */
const BROKER_URL = /^(mqtts?|wss?):\/\/(\[[0-9a-fA-F:.]+\]|[^\s/:@[\]]+)(:\d{1,5})?(\/\S*)?$/;

const brokerUrl = z
  .string()
  .regex(BROKER_URL, { message: 'must be a broker URL such as mqtt://host:1883 (mqtt, mqtts, ws or wss)' });

export const tlsSettingsSchema = z.strictObject({
  caFile: z.string().optional(),
  certFile: z.string().optional(),
  keyFile: z.string().optional(),
  rejectUnauthorized: z.boolean().default(true),
});

export const embeddedBrokerSchema = z.strictObject({
  kind: z.literal('embedded'),
  /** 0 or absent: a free port on 127.0.0.1. */
  port: z.number().int().min(0).max(65535).optional(),
  /** Also listen for MQTT over WebSocket (for MQTTX or a browser); 0 picks a free port. */
  wsPort: z.number().int().min(0).max(65535).optional(),
  topicPrefix: z.string().optional(),
});

export const externalBrokerSchema = z.strictObject({
  kind: z.literal('external'),
  url: brokerUrl,
  mqttVersion: z.enum(['3.1.1', '5']).default('5'),
  clientIdPrefix: z.string().optional(),
  /** The password never lives in the file: it comes from EVENTFLOW_BROKER_PASSWORD or a prompt. */
  username: z.string().optional(),
  tls: tlsSettingsSchema.optional(),
  keepaliveSeconds: z.number().int().min(0).default(30),
  /** Prepended to every topic of the run so a simulation never collides with production. */
  topicPrefix: z.string().optional(),
});

export const brokerSettingsSchema = z.discriminatedUnion('kind', [
  embeddedBrokerSchema,
  externalBrokerSchema,
]);
export type BrokerSettings = z.infer<typeof brokerSettingsSchema>;
export type ExternalBrokerSettings = z.infer<typeof externalBrokerSchema>;

// ---------------------------------------------------------------- event types

export const eventTypeSchema = z.strictObject({
  /** The CloudEvents `type`, e.g. `checkout.order.placed`. */
  name: z.string().min(1),
  description: z.string().optional(),
  /** JSON Schema of the event's `data`. */
  schema: z.record(z.string(), z.unknown()).optional(),
  /** An example `data`, used to prefill manual events and to test routing rules. */
  example: z.unknown().optional(),
});
export type EventTypeDef = z.infer<typeof eventTypeSchema>;

// ---------------------------------------------------------------- producer

export const trafficProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('steady') }),
  /** A flash sale: the rate climbs linearly from `fromPerSecond` to ratePerSecond. */
  z.strictObject({ kind: z.literal('ramp'), fromPerSecond: z.number().min(0), overSeconds: positive }),
  /** Every `everySeconds` the rate is multiplied for `forSeconds`. */
  z.strictObject({
    kind: z.literal('spike'),
    everySeconds: positive,
    forSeconds: positive,
    multiplier: positive,
  }),
]);
export type TrafficProfile = z.infer<typeof trafficProfileSchema>;

export const producerSettingsSchema = z.strictObject({
  eventType: z.string().min(1),
  mode: z.enum(['rate', 'manual', 'external']).default('rate'),
  /** Events per second in `rate` mode. */
  ratePerSecond: positive.default(1),
  /** 0..1: each interval is varied by up to this fraction. */
  jitter: z.number().min(0).max(1).default(0),
  profile: trafficProfileSchema.default({ kind: 'steady' }),
  /** Extra events fired together every `everySeconds`. */
  burst: z.strictObject({ everySeconds: positive, size: positiveInt }).optional(),
  /** Stop after this many events or seconds (whichever comes first). */
  limit: z
    .strictObject({ count: positiveInt.optional(), durationSeconds: positive.optional() })
    .optional(),
  /** JSONata producing the event's `data`; context: { seq, now, seed } and $random(), $faker(path). */
  template: expression.optional(),
  /** JSONata producing the correlation id; default: the event's own id (a new business flow). */
  correlation: expression.optional(),
  /** CloudEvents `source`; default `eventflow://<flow>/<node id>`. */
  source: z.string().optional(),
  seed: z.number().int().optional(),
  /** In `external` mode: what to subscribe to on the broker. */
  external: z.strictObject({ topicFilter: z.string().min(1), qos: qosSchema.default(0) }).optional(),
});
export type ProducerSettings = z.infer<typeof producerSettingsSchema>;

// ---------------------------------------------------------------- broker node

export const brokerNodeSettingsSchema = z.strictObject({
  /** fan-out: every matching channel; first-match: the first matching channel in edge order. */
  mode: z.enum(['fan-out', 'first-match']).default('fan-out'),
});
export type BrokerNodeSettings = z.infer<typeof brokerNodeSettingsSchema>;

// ---------------------------------------------------------------- consumer

export const processingSchema = z.discriminatedUnion('distribution', [
  z.strictObject({ distribution: z.literal('fixed'), ms: z.number().min(0) }),
  z.strictObject({ distribution: z.literal('uniform'), minMs: z.number().min(0), maxMs: z.number().min(0) }),
  z.strictObject({ distribution: z.literal('normal'), meanMs: z.number().min(0), stddevMs: z.number().min(0) }),
  z.strictObject({ distribution: z.literal('exponential'), meanMs: positive }),
]);
export type Processing = z.infer<typeof processingSchema>;

/** A condition that makes processing fail: a share of events, or a JSONata test on the event (either one is enough). */
export const failureRuleSchema = z.strictObject({
  probability: z.number().min(0).max(1).optional().describe('The share of events (0 to 1) that fail, drawn from the seeded generator.'),
  when: expression.optional().describe('A JSONata condition over { event, data, state, attempt }: the event fails when it is true.'),
});
export type FailureRule = z.infer<typeof failureRuleSchema>;

export const consumerOutputSchema = z.strictObject({
  /**
   * success: processing succeeded; failure: the event failed, either by the failure rule (a
   * business failure) or by a transient error still there after the last retry (then `gaveUp`
   * is true in the expressions); always: either.
   */
  on: z
    .enum(['success', 'failure', 'always'])
    .describe('success: processed; failure: the failure rule matched, or a transient error outlasted the last retry (gaveUp is true); always: either.'),
  eventType: z.string().min(1),
  /** JSONata over { event, data, state, previousState, item, attempt, gaveUp } producing the new `data`. */
  transform: expression.optional(),
  /** Emit only when this JSONata condition is true. */
  when: expression.optional(),
  /** Emit once per element of this JSONata array (bound as `item`). */
  forEach: expression.optional(),
});
export type ConsumerOutput = z.infer<typeof consumerOutputSchema>;

export const monitorRuleSchema = z.strictObject({
  name: z.string().min(1),
  windowSeconds: positive,
  /** JSONata giving the group key (e.g. `data.customerId`); absent: one group. */
  groupBy: expression.optional(),
  aggregate: z.enum(['count', 'sum', 'max']),
  /** JSONata giving the number to sum or max (e.g. `data.total`). */
  field: expression.optional(),
  /** The alert fires when the aggregate goes above this value. */
  threshold: z.number(),
  alertType: z.string().min(1),
});
export type MonitorRule = z.infer<typeof monitorRuleSchema>;

export const consumerSettingsSchema = z.strictObject({
  role: z.enum(['worker', 'monitor']).default('worker'),
  /** Persistent session and QoS 1: events wait in the broker while the consumer is paused. */
  durable: z.boolean().default(true),
  /** More than 1 shares the work through MQTT 5 shared subscriptions. */
  instances: positiveInt.default(1),
  concurrency: positiveInt.default(1),
  processing: processingSchema.default({ distribution: 'fixed', ms: 0 }),
  /**
   * A business failure (e.g. a declined card): the `failure` outputs are emitted at once and the
   * event is never retried (a declined card stays declined).
   */
  failure: failureRuleSchema
    .optional()
    .describe('Business failure (e.g. a declined card): emits the failure outputs; never retried.'),
  /**
   * A transient error (e.g. a gateway timeout), tested after each attempt: the attempt is retried
   * after a backoff, up to `retry.maxRetries` times; still failing after the last retry, the
   * event is dead-lettered and the `failure` outputs are emitted (so whoever waits is told).
   */
  transientError: failureRuleSchema
    .optional()
    .describe('Transient error (e.g. a gateway timeout): retried with backoff; after the last retry, dead-lettered and the failure outputs are emitted.'),
  retry: z
    .strictObject({
      /** Retries after the first attempt: 0 tries once, 3 tries up to 4 times. Renamed from `maxAttempts` (same number). */
      maxRetries: z.number().int().min(0).default(0).describe('Retries after the first attempt (0: none), so at most maxRetries + 1 attempts.'),
      /** The wait before the first retry; each later one waits `multiplier` times longer. */
      backoffMs: z.number().min(0).default(100).describe('Wait before the first retry, in ms.'),
      multiplier: z.number().min(1).default(2).describe('Each retry waits this many times longer than the one before.'),
    })
    .default({ maxRetries: 0, backoffMs: 100, multiplier: 2 })
    .describe('Retries of a transient error; business failures are never retried.'),
  /** Consumer state across events (e.g. stock levels): `update` is JSONata over { state, event, data }. */
  state: z.strictObject({ initial: z.unknown(), update: expression }).optional(),
  outputs: z.array(consumerOutputSchema).default([]),
  /** In the `monitor` role: sliding-window rules that emit alert events. */
  monitor: z.strictObject({ rules: z.array(monitorRuleSchema).min(1) }).optional(),
  seed: z.number().int().optional(),
});
export type ConsumerSettings = z.infer<typeof consumerSettingsSchema>;

// ---------------------------------------------------------------- nodes and edges

const nodeBase = {
  /** Stable id, unique in the document; referenced by edges. */
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  position: positionSchema.default({ x: 0, y: 0 }),
};

export const producerNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('producer'),
  settings: producerSettingsSchema,
});
export const brokerNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('broker'),
  settings: brokerNodeSettingsSchema.default({ mode: 'fan-out' }),
});
export const consumerNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('consumer'),
  settings: consumerSettingsSchema.default({
    role: 'worker',
    durable: true,
    instances: 1,
    concurrency: 1,
    processing: { distribution: 'fixed', ms: 0 },
    retry: { maxRetries: 0, backoffMs: 100, multiplier: 2 },
    outputs: [],
  }),
});

export const flowNodeSchema = z.discriminatedUnion('kind', [
  producerNodeSchema,
  brokerNodeSchema,
  consumerNodeSchema,
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type ProducerNode = z.infer<typeof producerNodeSchema>;
export type BrokerNode = z.infer<typeof brokerNodeSchema>;
export type ConsumerNode = z.infer<typeof consumerNodeSchema>;

/**
 * A routing rule on a channel. For a broker node's outgoing channel it decides which events
 * take it; on a producer's or consumer's outgoing channel it selects which of the node's
 * events (usually by `type`) go there. Both parts must match; an absent part matches all.
 */
export const routingRuleSchema = z.strictObject({
  /** MQTT topic filter tested against the topic the event arrived on. */
  topicFilter: z.string().optional(),
  /** EventBridge-style content pattern over the whole CloudEvent (see shared/routing). */
  pattern: z.record(z.string(), z.unknown()).optional(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const flowEdgeSchema = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  /** The MQTT topic this channel publishes on (a topic name: no wildcards). */
  topic: z.string().min(1),
  qos: qosSchema.default(1),
  retain: z.boolean().default(false),
  rule: routingRuleSchema.optional(),
  /** This channel is its source's dead-letter channel: what cannot be routed or processed. */
  deadLetter: z.boolean().default(false),
  label: z.string().optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowDocumentSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  name: z.string().min(1),
  description: z.string().optional(),
  broker: brokerSettingsSchema.default({ kind: 'embedded' }),
  eventTypes: z.array(eventTypeSchema).default([]),
  nodes: z.array(flowNodeSchema).default([]),
  edges: z.array(flowEdgeSchema).default([]),
  viewport: z.strictObject({ x: z.number(), y: z.number(), zoom: positive }).optional(),
});

/** A validated document, defaults filled in. */
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
/** What a file may hold before defaults are applied. */
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;
