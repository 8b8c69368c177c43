import { z } from 'zod';
import {
  TRACE_OUTCOMES,
  type MetricsSnapshot,
  type ReplayProgress,
  type RunLogLine,
  type RunStatus,
  type TraceBatch,
  type TraceRecord,
} from './runEvents';

/**
 * zod schemas for the run events of runEvents.ts, so pushed events and run-method results
 * are checked at the bridge like every other argument. Each is annotated with the lead's
 * TypeScript type: if runEvents.ts changes, these fail to typecheck until they follow.
 *
 * @example
 * runStatusSchema.parse({ state: 'idle', broker: { kind: 'embedded', url: 'mqtt://127.0.0.1:1883', connection: 'closed' }, topicPrefix: '' })
 */

export const traceRecordSchema: z.ZodType<TraceRecord> = z.object({
  eventId: z.string(),
  correlationId: z.string(),
  causationId: z.string().optional(),
  type: z.string(),
  edgeId: z.string(),
  topic: z.string(),
  sentAt: z.number(),
  receivedAt: z.number().optional(),
  outcome: z.enum(TRACE_OUTCOMES),
  reason: z.string().optional(),
  replayId: z.string().optional(),
});

export const traceBatchSchema: z.ZodType<TraceBatch> = z.object({
  traces: z.array(traceRecordSchema),
  droppedTraces: z.number().int().min(0),
});

const latencySummarySchema = z.object({
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
  count: z.number(),
});

const nodeCountersSchema = z.object({
  in: z.number(),
  out: z.number(),
  failed: z.number(),
  retried: z.number(),
  deadLettered: z.number(),
  dropped: z.number(),
  inFlight: z.number(),
  backlog: z.number(),
  buffered: z.number(),
});

export const metricsSnapshotSchema: z.ZodType<MetricsSnapshot> = z.object({
  at: z.number(),
  runTimeMs: z.number(),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      counters: nodeCountersSchema,
      ratePerSecond: z.number(),
      latency: latencySummarySchema,
      paused: z.boolean(),
    }),
  ),
  edges: z.array(
    z.object({ edgeId: z.string(), count: z.number(), ratePerSecond: z.number(), latency: latencySummarySchema }),
  ),
  unroutable: z.number(),
  duplicates: z.number(),
});

export const runStatusSchema: z.ZodType<RunStatus> = z.object({
  state: z.enum(['idle', 'starting', 'running', 'paused', 'stopping', 'stopped', 'failed']),
  broker: z.object({
    kind: z.enum(['embedded', 'external']),
    url: z.string(),
    wsUrl: z.string().optional(),
    connection: z.enum(['connecting', 'connected', 'reconnecting', 'offline', 'closed']),
    capabilities: z.object({ mqtt5: z.boolean(), sharedSubscriptions: z.boolean() }).optional(),
  }),
  topicPrefix: z.string(),
  runId: z.string().optional(),
  startedAt: z.number().optional(),
  message: z.string().optional(),
});

export const runLogLineSchema: z.ZodType<RunLogLine> = z.object({
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
  at: z.number(),
  nodeId: z.string().optional(),
});

export const replayProgressSchema: z.ZodType<ReplayProgress> = z.object({
  replayId: z.string(),
  state: z.enum(['running', 'paused', 'done', 'cancelled', 'failed']),
  published: z.number().int().min(0),
  total: z.number().int().min(0),
  message: z.string().optional(),
});
