/**
 * Event log benchmark: `node bin/run-ts.mjs bench/eventLog.bench.ts [--quick]`.
 *
 * 1. Append throughput of the log alone (records/s, MB/s) and the cost of one `append` call
 *    on the runtime's hot path.
 * 2. CPU the log takes at a steady 10k records/s (share of one core).
 * 3. The routing path (producer -> broker node -> consumers, every hop real MQTT on the
 *    embedded broker) with and without the log in the same run, at 10k events/s offered and
 *    at max rate: throughput and CPU per event, and their ratios. Target: the log costs
 *    routing no more than 10% of its throughput (ratio >= 0.90), said as "target met" or
 *    "target not met" (a benchmark is not pass/fail; the figure is what counts). Each
 *    comparison starts with a warm-up round of both variants that is not measured, and the
 *    variant that goes first alternates per round, so JIT warm-up and drift in a shared
 *    machine's load hit both alike.
 * Baselines are measured in the same session; figures go into docs/benchmarks.md by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { HopRecord } from '../main/runtime/log/HopSink';
import { openEventLog } from '../main/runtime/log/openEventLog';
import { compileFlow } from '../shared/compile/compileFlow';
import type { RuntimePlan } from '../shared/compile/RuntimePlan';
import { loadFlow } from '../shared/flow/loadFlow';
import { startRun } from '../main/runtime/startRun';

const QUICK = process.argv.includes('--quick');
const APPEND_RECORDS = QUICK ? 50_000 : 300_000;
const STEADY_RATE = 10_000;
const STEADY_SECONDS = QUICK ? 2 : 5;
const ROUTING_SECONDS = QUICK ? 2 : 4;
/** Measured rounds per comparison; the order of the two variants alternates round by round. */
const ROUTING_ROUNDS = QUICK ? 2 : 4;
/** Seconds of each unmeasured warm-up run (both variants) before a comparison. */
const WARMUP_SECONDS = QUICK ? 1 : 2;
/** The target: routing with the log keeps at least this share of its throughput without it. */
const TARGET_THROUGHPUT_RATIO = 0.9;
/** "Max rate": a producer rate far above what one process can route. */
const MAX_OFFERED_RATE = 100_000;

/** A hop the size of a checkout order (about 600 bytes on disk). */
function sampleHop(n: number): HopRecord {
  const sentAt = Date.now();
  const id = `9f1c2d3e-4b5a-4c6d-8e7f-${String(n).padStart(12, '0')}`;
  return {
    trace: { eventId: id, correlationId: id, type: 'checkout.order.placed', edgeId: 'storefront-orders', topic: 'shop/orders/placed', sentAt, receivedAt: sentAt + 1, outcome: 'routed' },
    event: {
      specversion: '1.0', id, type: 'checkout.order.placed', source: 'eventflow://retail-checkout/storefront', time: new Date(sentAt).toISOString(),
      datacontenttype: 'application/json', correlationid: id,
      data: { orderId: `o-${n}`, customerId: `cust-${n % 977}`, total: (n % 500) + 0.99, currency: 'EUR', items: [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-7', qty: 1 }] },
    },
  };
}

async function appendThroughput(): Promise<{ recordsPerSecond: number; mbPerSecond: number; appendNs: number; writes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-log-'));
  try {
    const hops = Array.from({ length: 1_000 }, (_, i) => sampleHop(i));
    const log = await openEventLog({ dir });
    let appendMs = 0;
    const start = performance.now();
    for (let i = 0; i < APPEND_RECORDS; i += 1_000) {
      const t = performance.now();
      for (const h of hops) log.append(h);
      appendMs += performance.now() - t;
      await yieldToLoop(); // let batches be written, as between MQTT messages
    }
    await log.flush();
    const seconds = (performance.now() - start) / 1_000;
    const s = log.stats();
    await log.close();
    return { recordsPerSecond: s.written / seconds, mbPerSecond: s.bytes / 1e6 / seconds, appendNs: (appendMs * 1e6) / APPEND_RECORDS, writes: s.writes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** CPU share of one core the log takes at a steady rate (appends paced every millisecond). */
async function steadyCpu(): Promise<{ cpuShare: number; records: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-log-'));
  try {
    const log = await openEventLog({ dir });
    const perTick = STEADY_RATE / 1_000;
    const hops = Array.from({ length: perTick }, (_, i) => sampleHop(i));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let sent = 0;
    while (performance.now() - t0 < STEADY_SECONDS * 1_000) {
      const due = Math.floor(((performance.now() - t0) / 1_000) * STEADY_RATE);
      while (sent < due) {
        log.append(hops[sent % perTick] as HopRecord);
        sent += 1;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await log.flush();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await log.close();
    return { cpuShare: (cpu.user + cpu.system) / 1_000 / wall, records: sent };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`event log benchmark (node ${process.version}, ${QUICK ? 'quick' : 'full'})`);
const append = await appendThroughput();
console.log(
  `append alone: ${fmt(append.recordsPerSecond)} records/s, ${fmt(append.mbPerSecond, 1)} MB/s, ${fmt(append.appendNs)} ns per append() call, ${append.writes} writes for ${fmt(APPEND_RECORDS)} records`,
);
const steady = await steadyCpu();
console.log(`steady ${fmt(STEADY_RATE)} records/s for ${STEADY_SECONDS} s: ${fmt(steady.cpuShare * 100, 1)}% of one core (process total, timer loop included)`);

/** producer -> broker node -> consumer: two channel crossings per event, every hop real MQTT. */
function routingPlan(ratePerSecond: number): RuntimePlan {
  const loaded = loadFlow({
    schemaVersion: 1,
    name: 'log bench',
    eventTypes: [{ name: 'order.placed' }],
    nodes: [
      { id: 'store', kind: 'producer', name: 'Storefront', settings: { eventType: 'order.placed', ratePerSecond, template: '{"orderId": "o-" & $string(seq), "total": seq % 500}', seed: 1 } },
      { id: 'router', kind: 'broker', name: 'Router' },
      { id: 'payment', kind: 'consumer', name: 'Payment', settings: { durable: false } },
    ],
    edges: [
      { id: 'store-router', source: 'store', target: 'router', topic: 'bench/orders', qos: 0 },
      { id: 'router-payment', source: 'router', target: 'payment', topic: 'bench/payments', qos: 0, rule: { pattern: { type: ['order.placed'] } } },
    ],
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const { plan, diagnostics } = compileFlow(loaded.doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}

interface RoutingResult {
  /** Events that reached the consumer per second of producing. */
  delivered: number;
  /** Process CPU microseconds per delivered event. */
  cpuUsPerEvent: number;
  logged: number;
}

async function routingRound(rate: number, withLog: boolean, seconds = ROUTING_SECONDS): Promise<RoutingResult> {
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-route-'));
  try {
    const log = withLog ? await openEventLog({ dir }) : undefined;
    const run = await startRun(routingPlan(rate), { durationMs: seconds * 1_000, ...(log ? { hopSink: log } : {}) });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1_000));
    const atEnd = run.metrics().edges.find((e) => e.edgeId === 'router-payment')?.count ?? 0;
    const wall = performance.now() - t0;
    await run.stop({ drainMs: 2_000 });
    await log?.flush();
    const cpu = process.cpuUsage(cpu0);
    const logged = log?.stats().written ?? 0;
    await log?.close();
    return { delivered: (atEnd * 1_000) / wall, cpuUsPerEvent: (cpu.user + cpu.system) / Math.max(1, atEnd), logged };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function compareRouting(rate: number, label: string): Promise<void> {
  // Warm-up: JIT, the broker's and the file system's caches; not measured.
  await routingRound(rate, false, WARMUP_SECONDS);
  await routingRound(rate, true, WARMUP_SECONDS);
  const off: RoutingResult[] = [];
  const on: RoutingResult[] = [];
  for (let i = 0; i < ROUTING_ROUNDS; i++) {
    // Even rounds: without the log first; odd rounds: with the log first.
    const logFirst = i % 2 === 1;
    for (const withLog of logFirst ? [true, false] : [false, true]) (withLog ? on : off).push(await routingRound(rate, withLog));
  }
  const mean = (xs: RoutingResult[], k: keyof RoutingResult): number => xs.reduce((s, x) => s + x[k], 0) / xs.length;
  const thrOff = mean(off, 'delivered');
  const thrOn = mean(on, 'delivered');
  const cpuOff = mean(off, 'cpuUsPerEvent');
  const cpuOn = mean(on, 'cpuUsPerEvent');
  const ratio = thrOn / thrOff;
  const verdict = ratio >= TARGET_THROUGHPUT_RATIO ? 'target met' : 'target not met';
  console.log(
    `routing ${label}: without log ${fmt(thrOff)} events/s (${fmt(cpuOff, 1)} µs CPU/event), with log ${fmt(thrOn)} events/s (${fmt(cpuOn, 1)} µs CPU/event, ${fmt(mean(on, 'logged'))} records logged); ` +
      `throughput ratio ${fmt(ratio, 3)} against the target >= ${fmt(TARGET_THROUGHPUT_RATIO, 2)} (the log costs at most 10%): ${verdict}; CPU per event ratio ${fmt(cpuOn / cpuOff, 3)}`,
  );
}

await compareRouting(STEADY_RATE, `at ${fmt(STEADY_RATE)} events/s offered`);
await compareRouting(MAX_OFFERED_RATE, 'at max rate');
