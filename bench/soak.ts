/**
 * Soak test: `node --expose-gc bin/run-ts.mjs bench/soak.ts [--seconds 600] [--rate 2000] [--warmup S] [--json]`
 * (`npm run soak`: 10 minutes; `npm run soak:ci`: 90 seconds, fitted from 45 s).
 *
 * Runs examples/checkout.eventflow.json on the embedded broker with the event log on, its rate
 * producers scaled so together they offer `--rate` events/s, and samples the process every
 * SAMPLE_INTERVAL_MS (printed every PRINT_INTERVAL_MS): RSS and heap (after a GC when --expose-gc is given), events produced and
 * hops logged, the largest trace batch pushed against MAX_TRACES_PER_BATCH, the log's in-memory
 * buffer against its MAX_BUFFERED_RECORDS, and the log's size on disk against its retention.
 * The simulated services' processing times are set to 0 so the figures measure the runtime,
 * not a backlog the flow's own timings would build by design (a backlog waits in the broker).
 *
 * Where the machine cannot keep up with the rate, producers skip events (MAX_RUN_BACKLOG): the
 * summary gives the achieved rate and the skipped count.
 *
 * Exits 1 when a bound is broken: memory grew by MAX_GROWTH_BYTES or more after warm-up, a
 * trace batch, the log buffer or the run's backlog exceeded its bound (the backlog: x2 after
 * warm-up, x3 during it), the log outgrew its
 * retention by more than two segments, or the log does not hold one record per crossing.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_BUFFERED_RECORDS } from '../main/runtime/log/logDefaults';
import { openEventLog } from '../main/runtime/log/openEventLog';
import { EMBEDDED_BROKER_CAPABILITIES } from '../main/runtime/broker/startEmbeddedBroker';
import { MAX_RUN_BACKLOG } from '../main/runtime/nodes/runBacklog';
import { MAX_TRACES_PER_BATCH } from '../main/runtime/observe/RunObserver';
import { startRun } from '../main/runtime/startRun';
import { compileFlow } from '../shared/compile/compileFlow';
import type { FlowDocument } from '../shared/flow/FlowDocument';
import { loadFlow } from '../shared/flow/loadFlow';

const FLOW_FILE = 'examples/checkout.eventflow.json';
/**
 * Memory is sampled this often for the fitted trend: RSS moves by tens of MB between samples
 * (allocator, GC timing), and a 60 s run with 5 s samples fitted its line through 7 points, so
 * one noisy sample could swing the trend by 40 MB either way.
 */
const SAMPLE_INTERVAL_MS = 1_000;
/** A line on the terminal this often. */
const PRINT_INTERVAL_MS = 5_000;
/** The first part of the run (at least this long) is warm-up: JIT, pools and buffers filling. */
const WARMUP_MS = 30_000;
/** Memory may grow by less than this after warm-up. */
const MAX_GROWTH_BYTES = 50 * 1024 * 1024;
/** The soak's log retention by size, small enough that retention is exercised within minutes. */
const SOAK_RETENTION_BYTES = 64 * 1024 * 1024;
const SOAK_SEGMENT_BYTES = 8 * 1024 * 1024;
const MB = 1024 * 1024;
/**
 * MAX_RUN_BACKLOG is where producers start skipping, not a cap: orders already produced when it
 * is reached, still on their way to the order broker, fan out to 7 channels each afterwards.
 * The 60 s soak peaks near 1.2x, a 10-minute run was seen at 1.7x once. Counting an event in
 * front of a fan-out broker once per copy kept the peak under 1x but cut the achieved rate by a
 * quarter (producers skipped while the machine could still carry the work), so the gate allows
 * the fan-out instead.
 */
const BACKLOG_SLACK = 2;
/**
 * In the first seconds the code is not yet optimised and the flow is slower than it will be,
 * while producers already offer the full rate: the fan-out past the bound is larger then (a
 * 90 s soak peaked at 2.0x at 10 s, then stayed under 1.35x). The warm-up is gated at this.
 */
const WARMUP_BACKLOG_SLACK = 3;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a number > 0 (got ${process.argv[i + 1]})`);
  return n;
}

const SECONDS = arg('seconds', 600);
const RATE = arg('rate', 2_000);
/**
 * `--warmup S` sets the warm-up instead of the default (20% of the run, at least WARMUP_MS).
 * RSS keeps rising for about 40 s (heap flat): a short run fitted from 30 s measures that rise,
 * so soak:ci (90 s) starts its fit at 45 s, on the plateau.
 */
const WARMUP_ARG_MS = process.argv.includes('--warmup') ? arg('warmup', 0) * 1000 : undefined;
const JSON_OUT = process.argv.includes('--json');

/** The checkout flow with its rate producers scaled to `rate` events/s together, and no simulated processing time. */
function soakFlow(doc: FlowDocument, rate: number): FlowDocument {
  const copy = structuredClone(doc);
  const producers = copy.nodes.filter((n) => n.kind === 'producer' && n.settings.mode === 'rate');
  const total = producers.reduce((sum, n) => sum + (n.kind === 'producer' ? (n.settings.ratePerSecond ?? 0) : 0), 0);
  if (total <= 0) throw new Error(`${FLOW_FILE} has no rate producer to scale`);
  for (const n of copy.nodes) {
    if (n.kind === 'producer' && n.settings.mode === 'rate') n.settings.ratePerSecond = ((n.settings.ratePerSecond ?? 0) * rate) / total;
    if (n.kind === 'consumer') n.settings.processing = { distribution: 'fixed', ms: 0 };
  }
  return copy;
}

interface Sample {
  t: number;
  rssMB: number;
  heapMB: number;
  produced: number;
  hopsLogged: number;
  logMB: number;
  logBuffered: number;
  maxTraceBatch: number;
  /** Events waiting at nodes (all nodes' backlog counters): grows when the machine cannot keep up with the rate. */
  backlog: number;
}

/**
 * Growth over the samples: the least-squares line through them, from the first sample's time to
 * the last's. RSS moves by tens of MB between two samples (allocator, GC timing), so two single
 * points (first and max) would measure that noise rather than a trend.
 */
function fittedGrowth(samples: Sample[], pick: (s: Sample) => number): number {
  if (samples.length < 2) return 0;
  const xs = samples.map((s) => s.t);
  const ys = samples.map(pick);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * (xs.at(-1)! - xs[0]!);
}

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<number> {
  const loaded = loadFlow(await readFile(FLOW_FILE, 'utf8'));
  if (!loaded.ok) throw new Error(`${FLOW_FILE} does not load: ${JSON.stringify(loaded.errors)}`);
  const { plan } = compileFlow(soakFlow(loaded.doc, RATE), { brokerCapabilities: EMBEDDED_BROKER_CAPABILITIES });
  if (!plan) throw new Error(`${FLOW_FILE} does not compile`);

  const dir = await mkdtemp(join(tmpdir(), 'eventflow-soak-'));
  const log = await openEventLog({ dir, retention: { maxBytes: SOAK_RETENTION_BYTES }, segmentMaxBytes: SOAK_SEGMENT_BYTES });
  const run = await startRun(plan, { hopSink: log, seed: 1 });
  let maxTraceBatch = 0;
  let droppedTraces = 0;
  let warnings = 0;
  /** The drain at stop ran out (expected when overloaded): queued events are traced as dropped. */
  let undrained = false;
  run.subscribe((e) => {
    if (e.kind === 'traces') {
      maxTraceBatch = Math.max(maxTraceBatch, e.batch.traces.length);
      droppedTraces += e.batch.droppedTraces;
    } else if (e.kind === 'log' && e.line.message.startsWith('stopped with events still in flight')) {
      undrained = true;
      console.error(`warn: ${e.line.message}`);
    } else if (e.kind === 'log' && e.line.level !== 'info') {
      if (++warnings <= 20) console.error(`${e.line.level}: ${e.line.message}`);
    }
  });

  const samples: Sample[] = [];
  let maxLogBuffered = 0;
  let maxLogBytes = 0;
  const started = performance.now();
  const sample = () => {
    gc?.();
    const mem = process.memoryUsage();
    const s = log.stats();
    const buffered = s.appended - s.written - s.droppedRecords;
    maxLogBuffered = Math.max(maxLogBuffered, buffered);
    maxLogBytes = Math.max(maxLogBytes, s.bytes);
    const metrics = run.metrics();
    const produced = metrics.nodes.filter((n) => plan.nodes.find((p) => p.nodeId === n.nodeId)?.kind === 'producer').reduce((sum, n) => sum + n.counters.out, 0);
    const backlog = metrics.nodes.reduce((sum, n) => sum + n.counters.backlog, 0);
    const row: Sample = {
      t: Math.round((performance.now() - started) / 1000),
      rssMB: +(mem.rss / MB).toFixed(1),
      heapMB: +(mem.heapUsed / MB).toFixed(1),
      produced,
      hopsLogged: s.written,
      logMB: +(s.bytes / MB).toFixed(1),
      logBuffered: buffered,
      maxTraceBatch,
      backlog,
    };
    samples.push(row);
    if (!JSON_OUT && (samples.length - 1) % (PRINT_INTERVAL_MS / SAMPLE_INTERVAL_MS) === 0) console.log(`${String(row.t).padStart(5)} s  rss ${row.rssMB.toFixed(1).padStart(7)} MB  heap ${row.heapMB.toFixed(1).padStart(6)} MB  produced ${String(row.produced).padStart(9)}  logged ${String(row.hopsLogged).padStart(10)}  log ${row.logMB.toFixed(1).padStart(6)} MB  log buffer ${String(row.logBuffered).padStart(6)}  max trace batch ${row.maxTraceBatch}  backlog ${row.backlog}`);
  };
  if (!JSON_OUT) console.log(`soak: ${FLOW_FILE} at ${RATE} events/s for ${SECONDS} s, log in ${dir} (retention ${SOAK_RETENTION_BYTES / MB} MB)${gc ? '' : ' (run with --expose-gc for heap figures after GC)'}`);
  sample();
  const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(timer);
  sample();
  const final = await run.stop({ drainMs: 5_000 });
  await log.close();
  const stats = log.stats();
  await rm(dir, { recursive: true, force: true });

  const warmupMs = WARMUP_ARG_MS ?? Math.max(WARMUP_MS, SECONDS * 1000 * 0.2);
  const after = samples.filter((s) => s.t * 1000 >= warmupMs);
  const base = after[0] ?? samples.at(-1)!;
  const rssGrowthMB = fittedGrowth(after, (s) => s.rssMB);
  const heapGrowthMB = fittedGrowth(after, (s) => s.heapMB);
  const crossings = final.edges.reduce((n, e) => n + e.count, 0);
  const produced = samples.at(-1)!.produced;
  const summary = {
    seconds: SECONDS,
    offeredRate: RATE,
    achievedRate: Math.round(produced / SECONDS),
    produced,
    crossings,
    hopsLogged: stats.written,
    logDroppedRecords: stats.droppedRecords,
    warmupSeconds: Math.round(warmupMs / 1000),
    rssAtWarmupMB: base.rssMB,
    rssGrowthMB: +rssGrowthMB.toFixed(1),
    rssRangeAfterWarmupMB: [Math.min(...after.map((s) => s.rssMB)), Math.max(...after.map((s) => s.rssMB))],
    heapAtWarmupMB: base.heapMB,
    heapGrowthMB: +heapGrowthMB.toFixed(1),
    heapRangeAfterWarmupMB: [Math.min(...after.map((s) => s.heapMB)), Math.max(...after.map((s) => s.heapMB))],
    maxTraceBatch,
    traceBatchBound: MAX_TRACES_PER_BATCH,
    droppedTraces,
    maxLogBuffered,
    logBufferBound: MAX_BUFFERED_RECORDS,
    maxLogMB: +(maxLogBytes / MB).toFixed(1),
    retentionMB: SOAK_RETENTION_BYTES / MB,
    duplicates: final.duplicates,
    drainedAtStop: !undrained,
    maxBacklog: Math.max(0, ...after.map((s) => s.backlog)),
    maxBacklogInWarmup: Math.max(0, ...samples.filter((s) => s.t * 1000 < warmupMs).map((s) => s.backlog)),
    backlogBound: MAX_RUN_BACKLOG,
    skippedByProducers: final.nodes.filter((n) => plan.nodes.find((p) => p.nodeId === n.nodeId)?.kind === 'producer').reduce((sum, n) => sum + n.counters.dropped, 0),
    finalBacklog: samples.at(-1)!.backlog,
  };
  const problems: string[] = [];
  if (rssGrowthMB * MB >= MAX_GROWTH_BYTES) problems.push(`RSS grew ${rssGrowthMB.toFixed(1)} MB after warm-up (fitted trend) (bound ${MAX_GROWTH_BYTES / MB} MB)`);
  if (heapGrowthMB * MB >= MAX_GROWTH_BYTES) problems.push(`heap grew ${heapGrowthMB.toFixed(1)} MB after warm-up (fitted trend) (bound ${MAX_GROWTH_BYTES / MB} MB)`);
  if (maxTraceBatch > MAX_TRACES_PER_BATCH) problems.push(`a trace batch held ${maxTraceBatch} records (bound ${MAX_TRACES_PER_BATCH})`);
  if (maxLogBuffered > MAX_BUFFERED_RECORDS) problems.push(`the log buffered ${maxLogBuffered} records (bound ${MAX_BUFFERED_RECORDS})`);
  if (maxLogBytes > SOAK_RETENTION_BYTES + 2 * SOAK_SEGMENT_BYTES) problems.push(`the log reached ${(maxLogBytes / MB).toFixed(1)} MB (retention ${SOAK_RETENTION_BYTES / MB} MB + one segment)`);
  if (summary.maxBacklog > MAX_RUN_BACKLOG * BACKLOG_SLACK) problems.push(`${summary.maxBacklog} events waited at the nodes after warm-up (bound ${MAX_RUN_BACKLOG}, x${BACKLOG_SLACK} for the fan-out of events already produced)`);
  if (summary.maxBacklogInWarmup > MAX_RUN_BACKLOG * WARMUP_BACKLOG_SLACK) problems.push(`${summary.maxBacklogInWarmup} events waited at the nodes during warm-up (bound ${MAX_RUN_BACKLOG}, x${WARMUP_BACKLOG_SLACK} while the code is not yet optimised)`);
  if (stats.droppedRecords > 0) problems.push(`the log dropped ${stats.droppedRecords} records`);
  if (stats.written !== crossings) problems.push(`the log holds ${stats.written} records for ${crossings} crossings`);
  console.log(JSON.stringify(JSON_OUT ? { summary, samples, problems } : { summary, problems }));
  for (const p of problems) console.error(`FAIL: ${p}`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
process.exit(process.exitCode);
