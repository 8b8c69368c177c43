import { z } from 'zod';
import { flowDocumentSchema } from '../flow/FlowDocument';
import { TRACE_OUTCOMES } from './runEvents';
import { runStatusSchema, traceRecordSchema } from './runEventSchemas';

/**
 * Every command the UI can send to a host, listed once, each with a zod schema for its
 * params and one for its result. Both ends validate against these: the renderer before it
 * sends and when the reply arrives, the host when a request arrives and before it replies.
 * `BridgeMethod` is the closed union of the keys; a host implements a handler for each.
 *
 * The run methods are part of the contract now so the live view only has to implement them;
 * a host that cannot run flows yet says so with `supportsRuns: false` and an `unavailable` error.
 *
 * @example
 * const r = bridgeMethods.openFile.params.safeParse({ path: 'examples/checkout.eventflow.json' });
 * // r.success === true
 */

/** The largest flow file (and recovery text) the bridge carries. */
export const MAX_FLOW_TEXT_BYTES = 4 * 1024 * 1024;
/** The most files listFiles reports: beyond it the list says `truncated`. */
export const MAX_LISTED_FILES = 500;
/** The most hops one queryLog reply carries. */
export const MAX_LOG_QUERY_LIMIT = 10_000;
/** Replay speeds, as multiples of the logged pace; `'max'` is unpaced (as fast as the broker takes them). */
export const MIN_REPLAY_SPEED = 1;
export const MAX_REPLAY_SPEED = 100;

const empty = z.strictObject({});
const filePath = z.string().min(1, 'must be a file path, not empty').max(4096);
const flowText = z.string().max(MAX_FLOW_TEXT_BYTES, `must be at most ${MAX_FLOW_TEXT_BYTES} characters`);
const nodeId = z.string().min(1);

export const workspaceRootSchema = z.strictObject({
  /** Absolute, symlinks resolved. */
  path: z.string(),
  /** What the UI shows, e.g. `examples`. */
  label: z.string(),
});
export type WorkspaceRoot = z.infer<typeof workspaceRootSchema>;

export const hostInfoSchema = z.strictObject({
  mode: z.enum(['browser', 'electron']),
  version: z.string(),
  workspaceRoots: z.array(workspaceRootSchema),
  /** The folder a new file is saved in unless the user picks another root. */
  saveRoot: z.string(),
  /** The flow the designer opens on start when there is nothing to recover (absolute path). */
  defaultFlowPath: z.string().nullable(),
  /** False until the host can run flows (the live view). */
  supportsRuns: z.boolean(),
});
export type HostInfo = z.infer<typeof hostInfoSchema>;

export const fileEntrySchema = z.strictObject({
  path: z.string(),
  /** The file name, e.g. `checkout.eventflow.json`. */
  name: z.string(),
  /** The workspace root it lives under (its `path`). */
  root: z.string(),
  /** Path relative to that root, with `/` separators. */
  relativePath: z.string(),
  modifiedAt: z.number(),
  size: z.number(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const recentEntrySchema = z.strictObject({
  path: z.string(),
  name: z.string(),
  openedAt: z.number(),
});
export type RecentEntry = z.infer<typeof recentEntrySchema>;

export const templateSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  nodeCount: z.number().int().min(0),
  edgeCount: z.number().int().min(0),
  /** The flow file's text; opening a template starts an untitled copy of it. */
  text: flowText,
});
export type FlowTemplate = z.infer<typeof templateSchema>;

export const recoverySchema = z.strictObject({
  /** The file the unsaved work belongs to; null for an untitled flow. */
  path: z.string().nullable(),
  text: flowText,
  savedAt: z.number(),
});
export type Recovery = z.infer<typeof recoverySchema>;

/**
 * A document to save: an object in the shape of a flow. The host then checks it with the
 * loader (loadFlow), so a file the designer writes is always a file the designer can open.
 */
const savableDocument = z.looseObject({
  schemaVersion: z.number(),
  name: z.string(),
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()),
});

const loggedHopSchema = z.strictObject({
  seq: z.number(),
  at: z.number(),
  /** The run that logged it (absent in logs written before runs were recorded). */
  run: z.string().optional(),
  trace: traceRecordSchema,
  event: z.record(z.string(), z.unknown()).nullable(),
  raw: z.string().optional(),
});

/** One run's share of a flow's event log (a log keeps every run of its flow). */
export const logRunSchema = z.strictObject({
  runId: z.string(),
  /** Epoch ms of its first and last logged hop. */
  firstAt: z.number(),
  lastAt: z.number(),
  /** Channel crossings logged. */
  hops: z.number().int().min(0),
  /**
   * Of these, crossings of replay traffic (a replayed event, or one it caused). A run with only
   * these was started by a replay with nothing running: it has no history of its own to replay.
   */
  replayedHops: z.number().int().min(0),
});
export type LogRun = z.infer<typeof logRunSchema>;

const timeRange = {
  /** Epoch ms, inclusive. */
  since: z.number().optional(),
  /** Epoch ms, inclusive. */
  until: z.number().optional(),
  correlationId: z.string().min(1).optional(),
  /** One run of the flow (RunStatus.runId, or a LogRun's id); all runs when left out. */
  runId: z.string().min(1).optional(),
};

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R) {
  return { params, result };
}

export const bridgeMethods = {
  // ------------------------------------------------------------ host and files
  getHostInfo: method(empty, hostInfoSchema),
  listFiles: method(empty, z.strictObject({ files: z.array(fileEntrySchema), truncated: z.boolean() })),
  openFile: method(
    z.strictObject({ path: filePath }),
    z.strictObject({ path: z.string(), name: z.string(), text: flowText, modifiedAt: z.number() }),
  ),
  saveFile: method(
    z.strictObject({
      path: filePath,
      doc: savableDocument,
      /** false: refuse with `exists` when the file is already there (Save As). */
      overwrite: z.boolean().default(true),
    }),
    z.strictObject({ path: z.string(), name: z.string(), savedAt: z.number() }),
  ),
  listRecent: method(empty, z.strictObject({ files: z.array(recentEntrySchema) })),
  listTemplates: method(empty, z.strictObject({ templates: z.array(templateSchema) })),
  readRecovery: method(empty, z.strictObject({ recovery: recoverySchema.nullable() })),
  writeRecovery: method(
    z.strictObject({ path: z.string().nullable(), text: flowText }),
    z.strictObject({ savedAt: z.number() }),
  ),
  clearRecovery: method(empty, empty),

  // ------------------------------------------------------------ runs (the live view implements these)
  startRun: method(
    z.strictObject({
      doc: flowDocumentSchema,
      /** The flow's file, when it has one: its event log is kept beside it (`<name>.events/`). */
      path: filePath.optional(),
      /** For an external broker with a username; never stored. */
      brokerPassword: z.string().optional(),
    }),
    z.strictObject({ status: runStatusSchema }),
  ),
  stopRun: method(empty, z.strictObject({ status: runStatusSchema })),
  getRunStatus: method(empty, z.strictObject({ status: runStatusSchema.nullable() })),
  pauseRun: method(empty, z.strictObject({ status: runStatusSchema })),
  resumeRun: method(empty, z.strictObject({ status: runStatusSchema })),
  pauseConsumer: method(z.strictObject({ nodeId }), empty),
  resumeConsumer: method(z.strictObject({ nodeId }), empty),
  fireProducer: method(
    z.strictObject({ nodeId, data: z.unknown().optional() }),
    z.strictObject({ eventId: z.string() }),
  ),
  queryLog: method(
    z.strictObject({
      ...timeRange,
      types: z.array(z.string()).optional(),
      edgeIds: z.array(z.string()).optional(),
      outcomes: z.array(z.enum(TRACE_OUTCOMES)).optional(),
      pattern: z.record(z.string(), z.unknown()).optional(),
      limit: z.number().int().min(1).max(MAX_LOG_QUERY_LIMIT).default(500),
      includeReplays: z.boolean().optional(),
      order: z.enum(['seq', 'causal']).optional(),
    }),
    z.strictObject({ hops: z.array(loggedHopSchema), truncated: z.boolean() }),
  ),
  listLogRuns: method(
    z.strictObject({
      /** A flow file whose log (`<name>.events/`) to read; the current or last run's log when left out. */
      path: filePath.optional(),
    }),
    z.strictObject({ runs: z.array(logRunSchema) }),
  ),
  startReplay: method(
    z.strictObject({
      ...timeRange,
      /** Only events of these CloudEvents types. */
      types: z.array(z.string().min(1)).optional(),
      /** Deliver only to these nodes (ids); the whole flow when left out. */
      targets: z.array(nodeId).optional(),
      /** false: publish as fast as allowed without keeping the logged order. */
      ordered: z.boolean().default(true),
      /** 1 = the original pace; 10 = ten times faster; 'max' = no pacing at all (as `eventflow replay --speed max`). */
      speed: z
        .union([
          z.number().min(MIN_REPLAY_SPEED, `must be from ${MIN_REPLAY_SPEED} to ${MAX_REPLAY_SPEED}, or 'max'`).max(MAX_REPLAY_SPEED, `must be from ${MIN_REPLAY_SPEED} to ${MAX_REPLAY_SPEED}, or 'max'`),
          z.literal('max'),
        ])
        .default(1),
      /**
       * With no run this session: the flow to start (idle producers) and replay into, and its
       * file, whose log is read.
       */
      doc: flowDocumentSchema.optional(),
      path: filePath.optional(),
      /** For the flow's external broker with a username, when the replay starts it (as startRun's); never stored. */
      brokerPassword: z.string().optional(),
    }),
    z.strictObject({ replayId: z.string(), eventCount: z.number().int().min(0) }),
  ),
  pauseReplay: method(z.strictObject({ replayId: z.string().min(1) }), empty),
  resumeReplay: method(z.strictObject({ replayId: z.string().min(1) }), empty),
  stopReplay: method(z.strictObject({ replayId: z.string().min(1) }), empty),
} as const;

/** The closed set of bridge commands. */
export type BridgeMethod = keyof typeof bridgeMethods;

/** Every method name, in contract order. */
export const BRIDGE_METHODS = Object.keys(bridgeMethods) as BridgeMethod[];

/** What a caller passes (defaults may be left out). */
export type BridgeParams<M extends BridgeMethod> = z.input<(typeof bridgeMethods)[M]['params']>;
/** What a handler receives: params after validation, defaults filled in. */
export type BridgeParsedParams<M extends BridgeMethod> = z.output<(typeof bridgeMethods)[M]['params']>;
/** What a call resolves to. */
export type BridgeResult<M extends BridgeMethod> = z.output<(typeof bridgeMethods)[M]['result']>;

/**
 * True when `name` is one of the bridge's methods.
 *
 * @example
 * isBridgeMethod('openFile') // => true
 * isBridgeMethod('rm -rf') // => false
 */
export function isBridgeMethod(name: string): name is BridgeMethod {
  return Object.hasOwn(bridgeMethods, name);
}
