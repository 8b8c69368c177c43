import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import type { MetricsSnapshot, NodeMetrics } from '../../../shared/bridge/runEvents';
import { compileFlow } from '../../../shared/compile/compileFlow';
import type { RuntimePlan } from '../../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import type { ConsumerNode, FlowDocument, ProducerNode } from '../../../shared/flow/FlowDocument';
import { loadFlow } from '../../../shared/flow/loadFlow';
import { startEmbeddedBroker } from '../../../main/runtime/broker/startEmbeddedBroker';
import { startMosquitto } from '../harness/mosquitto';

/**
 * What the checkout scenario tests share: the example flow (loaded from examples/, never
 * copied), the two brokers it must run on, an outside MQTT subscriber that sees what any
 * `mosquitto_sub -t '#'` would, and bounded waiting.
 */

export const CHECKOUT_FLOW_PATH = fileURLToPath(new URL('../../../examples/checkout.eventflow.json', import.meta.url));
/** How long a test waits for the flow to settle before it fails with what it saw. */
export const SETTLE_TIMEOUT_MS = 20_000;
/** How often waiting re-checks its condition. */
export const POLL_MS = 25;
/** How long mosquitto_pub may take. */
export const MOSQUITTO_PUB_TIMEOUT_MS = 5_000;

/** The example flow as a user opens it; the tests derive their variants from it. */
export function loadCheckoutFlow(): FlowDocument {
  const r = loadFlow(readFileSync(CHECKOUT_FLOW_PATH, 'utf8'));
  if (!r.ok) throw new Error(`examples/checkout.eventflow.json does not load: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.doc;
}

export function producer(doc: FlowDocument, id: string): ProducerNode {
  const n = doc.nodes.find((x) => x.id === id);
  if (n?.kind !== 'producer') throw new Error(`the checkout flow has no producer "${id}"`);
  return n;
}

export function consumer(doc: FlowDocument, id: string): ConsumerNode {
  const n = doc.nodes.find((x) => x.id === id);
  if (n?.kind !== 'consumer') throw new Error(`the checkout flow has no consumer "${id}"`);
  return n;
}

/** Compile a (changed) copy of the flow; any diagnostic at all fails the test, warnings included. */
export function compileClean(doc: FlowDocument): RuntimePlan {
  const { plan, diagnostics } = compileFlow(doc);
  if (!plan || diagnostics.length > 0) {
    throw new Error(`the checkout flow does not compile cleanly: ${diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`).join('; ')}`);
  }
  return plan;
}

// ---------------------------------------------------------------- brokers

export interface TestBroker {
  url: string;
  stop(): Promise<void>;
}

export const BROKERS = [
  {
    name: 'aedes',
    /** The runtime's own embedded broker, started here so an outside client can subscribe before the first order. */
    start: async (): Promise<TestBroker> => {
      const b = await startEmbeddedBroker({ port: 0 });
      return { url: b.url, stop: () => b.close() };
    },
  },
  {
    name: 'mosquitto',
    start: async (): Promise<TestBroker> => {
      const b = await startMosquitto();
      return { url: b.url, stop: () => b.stop() };
    },
  },
] as const;

/** A topic prefix of its own for each run: runs on one broker never share topics or sessions. */
export function uniquePrefix(): string {
  return `checkout-test-${randomBytes(4).toString('hex')}/`;
}

// ---------------------------------------------------------------- the outside view

export interface WireMessage {
  /** The channel topic, run prefix removed. */
  topic: string;
  raw: string;
  /** The CloudEvent, when the payload is one (JSON with a type). */
  event?: CloudEvent;
}

/** A plain mqtt.js client subscribed to everything under the run's prefix: the view of any outside tool. */
export class OutsideSubscriber {
  readonly messages: WireMessage[] = [];
  private constructor(private readonly client: MqttClient) {}

  static async connect(url: string, prefix: string): Promise<OutsideSubscriber> {
    const client = await mqtt.connectAsync(url, { clientId: `outside-${randomBytes(4).toString('hex')}`, clean: true, reconnectPeriod: 0, connectTimeout: 5_000 });
    const sub = new OutsideSubscriber(client);
    client.on('message', (topic, payload) => {
      if (!topic.startsWith(prefix)) return;
      const raw = payload.toString('utf8');
      const message: WireMessage = { topic: topic.slice(prefix.length), raw };
      try {
        const value: unknown = JSON.parse(raw);
        if (typeof value === 'object' && value !== null && typeof (value as CloudEvent).type === 'string') message.event = value as CloudEvent;
      } catch {
        // not JSON: kept as raw, like mosquitto_sub would print it
      }
      sub.messages.push(message);
    });
    await client.subscribeAsync(`${prefix}#`, { qos: 1 });
    return sub;
  }

  on(topic: string): WireMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** The events seen on a topic, optionally of one type. */
  events(topic: string, type?: string): CloudEvent[] {
    return this.on(topic)
      .map((m) => m.event)
      .filter((e): e is CloudEvent => e !== undefined && (type === undefined || e.type === type));
  }

  /** Messages per channel topic. */
  countsByTopic(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.topic, (counts.get(m.topic) ?? 0) + 1);
    return counts;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Publish a payload the way a user would from a shell: `mosquitto_pub -t TOPIC -m PAYLOAD`. */
export function mosquittoPub(url: string, topic: string, message: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    execFile('mosquitto_pub', ['-h', hostname, '-p', port, '-q', '1', '-t', topic, '-m', message], { timeout: MOSQUITTO_PUB_TIMEOUT_MS }, (err, _out, stderr) => {
      if (err) reject(new Error(`mosquitto_pub failed: ${err.message} ${stderr}`));
      else resolve();
    });
  });
}

// ---------------------------------------------------------------- waiting and metrics

/** Wait until `condition` holds, at most `timeoutMs`; on timeout fail with `describe()` (what was seen). */
export async function waitFor(condition: () => boolean, describe: () => string, timeoutMs = SETTLE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${describe()}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export function nodeMetrics(snapshot: MetricsSnapshot, nodeId: string): NodeMetrics {
  const n = snapshot.nodes.find((x) => x.nodeId === nodeId);
  if (!n) throw new Error(`no metrics for node ${nodeId}`);
  return n;
}

export function edgeCount(snapshot: MetricsSnapshot, edgeId: string): number {
  return snapshot.edges.find((e) => e.edgeId === edgeId)?.count ?? 0;
}

// ---------------------------------------------------------------- the shop's data

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
}
export interface PlacedOrder {
  orderId: string;
  customerId: string;
  items: OrderItem[];
  total: number;
  paymentMethod: { type: string; token: string };
}

export function orderOf(event: CloudEvent): PlacedOrder {
  return event.data as PlacedOrder;
}

/** The storefront's sequence number, which its order id carries (`ord-000042` is the 42nd order). */
export function seqOf(orderId: string): number {
  return Number(orderId.slice('ord-'.length));
}

/** The order ids `ord-000001` .. for the first n orders of a run. */
export function firstOrderIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `ord-${String(i + 1).padStart(6, '0')}`);
}
