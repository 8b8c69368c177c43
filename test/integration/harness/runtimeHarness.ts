import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import type { RunEvent, RunLogLine, TraceRecord } from '../../../shared/bridge/runEvents';
import { compileFlow } from '../../../shared/compile/compileFlow';
import type { RuntimePlan } from '../../../shared/compile/RuntimePlan';
import type { z } from 'zod';
import type {
  consumerSettingsSchema,
  FlowDocumentInput,
  flowEdgeSchema,
  producerSettingsSchema,
} from '../../../shared/flow/FlowDocument';
import { loadFlow } from '../../../shared/flow/loadFlow';
import { EMBEDDED_BROKER_CAPABILITIES } from '../../../main/runtime/broker/startEmbeddedBroker';
import { startRun, type Run, type RunOptions } from '../../../main/runtime/startRun';
import { startMosquitto, type MosquittoBroker } from './mosquitto';

/** Every wait in these tests is bounded by this unless it says otherwise. */
export const WAIT_TIMEOUT_MS = 10_000;

export const BROKER_KINDS = ['aedes', 'mosquitto'] as const;
export type BrokerKind = (typeof BROKER_KINDS)[number];

/**
 * The broker a describe block runs against: the embedded aedes of each run, or one real
 * Mosquitto started for the block (each run then gets its own topic prefix so runs in one
 * block never see each other's traffic or sessions).
 */
export function useBroker(kind: BrokerKind): { runOptions(): RunOptions; kind: BrokerKind } {
  let mosquitto: MosquittoBroker | undefined;
  if (kind === 'mosquitto') {
    beforeAll(async () => {
      mosquitto = await startMosquitto();
    });
    afterAll(async () => {
      await mosquitto?.stop();
    });
  }
  return {
    kind,
    runOptions() {
      if (kind === 'aedes') return {};
      if (!mosquitto) throw new Error('Mosquitto did not start');
      return { brokerUrl: mosquitto.url, topicPrefix: `t${randomBytes(4).toString('hex')}/` };
    },
  };
}

/** Load (defaults applied) and compile a flow; a flow a test builds must compile. */
export function compile(input: FlowDocumentInput, kind: BrokerKind = 'mosquitto'): RuntimePlan {
  const loaded = loadFlow(input);
  if (!loaded.ok) throw new Error(`test flow does not load: ${JSON.stringify(loaded.errors)}`);
  const { plan, diagnostics } = compileFlow(loaded.doc, kind === 'aedes' ? { brokerCapabilities: EMBEDDED_BROKER_CAPABILITIES } : {});
  if (!plan) throw new Error(`test flow does not compile: ${JSON.stringify(diagnostics)}`);
  return plan;
}

/** A started run with everything it pushed collected. */
export interface TestRun {
  run: Run;
  traces: TraceRecord[];
  logs: RunLogLine[];
  droppedTraces: number;
  /** Hop traces (retries excluded) on an edge with an outcome. */
  hops(edgeId: string, outcome?: TraceRecord['outcome']): TraceRecord[];
  url(): string;
  prefix(): string;
}

const started: Run[] = [];
afterEach(async () => {
  // A failing test must not leave clients or brokers running for the next one.
  await Promise.all(started.splice(0).map((r) => r.stop({ drainMs: 0 }).catch(() => {})));
});

export async function startTestRun(plan: RuntimePlan, options: RunOptions = {}): Promise<TestRun> {
  const run = await startRun(plan, { traceBatch: { maxRecords: 100_000 }, ...options });
  started.push(run);
  const t: TestRun = {
    run,
    traces: [],
    logs: [],
    droppedTraces: 0,
    hops: (edgeId, outcome) => t.traces.filter((r) => r.edgeId === edgeId && r.outcome !== 'retried' && (!outcome || r.outcome === outcome)),
    url: () => run.status().broker.url,
    prefix: () => run.status().topicPrefix,
  };
  run.subscribe((e: RunEvent) => {
    if (e.kind === 'traces') {
      t.traces.push(...e.batch.traces);
      t.droppedTraces += e.batch.droppedTraces;
    } else if (e.kind === 'log') t.logs.push(e.line);
  });
  return t;
}

/** Poll until `check` returns true; fail with `what` after the bound. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A plain mqtt.js client, as a user's own service or mosquitto_sub would be. */
export interface OutsideClient {
  client: MqttClient;
  messages: { topic: string; payload: string }[];
  close(): Promise<void>;
}

export async function outsideClient(url: string, subscribe: string[] = []): Promise<OutsideClient> {
  const client = await connectAsync(url, { clientId: `outside-${randomBytes(4).toString('hex')}`, reconnectPeriod: 0, connectTimeout: 5_000 });
  const messages: OutsideClient['messages'] = [];
  client.on('message', (topic, payload) => messages.push({ topic, payload: payload.toString() }));
  if (subscribe.length > 0) await client.subscribeAsync(subscribe, { qos: 1 });
  const close = async () => {
    await client.endAsync(true).catch(() => {});
  };
  outside.push(close);
  return { client, messages, close };
}

const outside: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(outside.splice(0).map((c) => c()));
});

/** Node and channel shorthands for test flows. */
export const producer = (id: string, settings: z.input<typeof producerSettingsSchema>) => ({ id, name: id, kind: 'producer' as const, settings });
export const router = (id: string, mode: 'fan-out' | 'first-match' = 'fan-out') => ({ id, name: id, kind: 'broker' as const, settings: { mode } });
export const consumer = (id: string, settings: z.input<typeof consumerSettingsSchema> = {}) => ({ id, name: id, kind: 'consumer' as const, settings });
export const channel = (
  id: string,
  source: string,
  target: string,
  topic: string,
  extra: Partial<z.input<typeof flowEdgeSchema>> = {},
) => ({
  id,
  source,
  target,
  topic,
  ...extra,
});
