/**
 * The routing benchmark's load generator and sink, in a process of its own: publishes
 * CloudEvents on `bench/in` (QoS 1) at a fixed rate or with a fixed window of events in
 * flight (max rate), receives what the system under test routes to `bench/out/#`, and
 * reports throughput and end-to-end latency (publish here -> receive here, one clock).
 */
import { connectAsync, type MqttClient } from 'mqtt';
import { build } from 'hdr-histogram-js';
import { BENCH_IN_TOPIC, BENCH_OUT_PREFIX } from './rawRelay';

export interface PhaseRequest {
  /** rate: open loop at `rate` events/s; window: keep `window` events in flight (max throughput). */
  mode: 'rate' | 'window';
  rate?: number;
  window?: number;
  warmupSeconds: number;
  seconds: number;
}

export interface PhaseResult {
  sent: number;
  received: number;
  /** Events received per second over the measured part. */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
}

const COUNTRIES = ['NL', 'DE', 'FR'];
/** Events of one phase are numbered into this table of send times. */
const MAX_EVENTS_PER_PHASE = 2_000_000;

const url = process.argv[2]!;
const noDelay = (c: MqttClient) => (c.stream as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
const pub = await connectAsync(url, { clientId: `bench-gen-${process.pid}`, reconnectPeriod: 0 });
const sink = await connectAsync(url, { clientId: `bench-sink-${process.pid}`, reconnectPeriod: 0 });
noDelay(pub);
noDelay(sink);
await sink.subscribeAsync(`${BENCH_OUT_PREFIX}#`, { qos: 1 });

const sentAt = new Float64Array(MAX_EVENTS_PER_PHASE);
let phase = 0;
let onReceive: (seq: number, now: number) => void = () => {};
sink.on('message', (_t, payload) => {
  const now = performance.now();
  const e = JSON.parse(payload.toString('utf8')) as { data: { seq: number; phase: number } };
  if (e.data.phase === phase) onReceive(e.data.seq, now);
});

function event(seq: number): string {
  const id = `p${phase}-${seq}`;
  return `{"specversion":"1.0","id":"${id}","type":"order.placed","source":"urn:bench","time":"${new Date().toISOString()}","datacontenttype":"application/json","correlationid":"${id}","data":{"phase":${phase},"seq":${seq},"country":"${COUNTRIES[seq % 3]}","total":${(seq % 500) + 0.5},"customerId":"cust-${seq % 977}"}}`;
}

async function run(req: PhaseRequest): Promise<PhaseResult> {
  phase++;
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const start = performance.now();
  const measureFrom = start + req.warmupSeconds * 1000;
  const end = measureFrom + req.seconds * 1000;
  let seq = 0;
  let measuredSent = 0;
  let measured = 0;
  let firstMeasured = Infinity;
  let lastMeasured = 0;
  let inFlight = 0;
  const send = () => {
    const s = seq++;
    sentAt[s] = performance.now();
    if (sentAt[s]! >= measureFrom) measuredSent++;
    inFlight++;
    pub.publish(BENCH_IN_TOPIC, event(s), { qos: 1 });
  };
  let wake: () => void = () => {};
  onReceive = (s, now) => {
    inFlight--;
    const t0 = sentAt[s]!;
    if (t0 >= measureFrom && t0 < end) {
      measured++;
      histogram.recordValue(Math.max(1, Math.round((now - t0) * 1000)));
      firstMeasured = Math.min(firstMeasured, now);
      lastMeasured = now;
    }
    if (req.mode === 'window') wake();
  };
  if (req.mode === 'window') {
    await new Promise<void>((resolve) => {
      wake = () => {
        if (performance.now() >= end) return resolve();
        while (inFlight < req.window! && seq < MAX_EVENTS_PER_PHASE) send();
      };
      wake();
    });
  } else {
    const rate = req.rate!;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        if (now >= end) return resolve();
        const due = Math.min(MAX_EVENTS_PER_PHASE, Math.floor(((now - start) * rate) / 1000));
        let n = 0;
        while (seq < due && n < 500) {
          send();
          n++;
        }
        if (seq < due) setImmediate(tick);
        else setTimeout(tick, 1);
      };
      tick();
    });
  }
  // Let the tail arrive (bounded).
  const drainUntil = performance.now() + 5_000;
  while (inFlight > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 10));
  onReceive = () => {};
  const measuredMs = req.mode === 'window' ? lastMeasured - firstMeasured : req.seconds * 1000;
  return {
    sent: measuredSent,
    received: measured,
    throughput: measuredMs > 0 ? (measured * 1000) / measuredMs : 0,
    p50: histogram.getValueAtPercentile(50) / 1000,
    p99: histogram.getValueAtPercentile(99) / 1000,
    max: histogram.maxValue / 1000,
  };
}

process.on('message', (req: PhaseRequest) => {
  void run(req).then((result) => process.send?.(result));
});
process.on('disconnect', () => {
  void Promise.all([pub.endAsync(true), sink.endAsync(true)]).then(() => process.exit(0));
});
process.send?.({ ready: true });
