import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogRun } from '../../../shared/bridge/bridgeMethods';
import { applyRetention } from './applyRetention';
import type { HopRecord, HopSink } from './HopSink';
import type { LoggedHop } from './LoggedHop';
import { formatLine } from './LoggedHop';
import { listLogRuns } from './listLogRuns';
import { logDirFor } from './logDirFor';
import {
  BATCH_INTERVAL_MS,
  DEFAULT_RETENTION,
  MAX_BATCH_RECORDS,
  MAX_BUFFERED_RECORDS,
  SEGMENT_MAX_BYTES,
  type RetentionPolicy,
} from './logDefaults';
import type { LogQuery } from './LogQuery';
import { queryLog } from './queryLog';
import { recoverLog } from './recoverLog';
import type { TailDrop } from './recoverTail';
import { addToIndex, emptyIndex, writeIndex, type SegmentIndex } from './SegmentIndex';
import { segmentName } from './segmentFiles';
import { acquireWriterLock } from './writerLock';

/**
 * The durable event log of a flow: every channel crossing the runtime reports, kept on disk.
 *
 * Format, and why: a directory of append-only segment files of newline-delimited JSON (one
 * record per line: `{"seq","at","trace","event"}`), each with a small JSON index beside it.
 * - No native build: plain `node:fs`, so it runs wherever Node and Electron do (an embedded
 *   store such as SQLite or LevelDB would need a native module per platform and Electron ABI).
 * - Readable by any tool: `tail -f`, `grep`, `jq`, a text editor; a segment is valid NDJSON.
 * - Crash recovery is trivial and provable: appends never rewrite earlier bytes, so a writer
 *   killed mid-write leaves at most one incomplete last line, which opening cuts and reports.
 * - Streaming reads: a query reads line by line with bounded memory and skips whole segments
 *   by their index (time range, types, channels), so a large log need not fit in memory.
 * - Retention is deleting whole old files; there is no compaction.
 *
 * Writes are off the hot path: `append` only stamps the record with its sequence number and
 * time and buffers it; a batch is serialised and written with one `write` call every
 * BATCH_INTERVAL_MS, or as soon as MAX_BATCH_RECORDS are waiting. `flush` and `close` write
 * what is buffered. A segment is closed once it reaches `segmentMaxBytes` (it may exceed it
 * by one batch); retention then deletes the oldest segments beyond the size and age bounds.
 */
export interface EventLog {
  readonly dir: string;
  /** What opening found: incomplete tails cut (a crashed writer), segments deleted by retention. */
  readonly opened: LogOpenReport;
  /** Stream matching hops; records appended before the call are included (it flushes first). */
  query(q?: LogQuery): AsyncGenerator<LoggedHop>;
  /** The runs it holds, oldest first (records appended before the call included: it flushes first). */
  runs(): Promise<LogRun[]>;
  stats(): EventLogStats;
}

export interface LogOpenReport {
  /** One entry per segment whose incomplete last line was cut: `{ segment, droppedBytes }`. */
  tailDrops: TailDrop[];
  /** Segments and records found. */
  segments: number;
  records: number;
  /** Segments deleted by retention on open. */
  deleted: string[];
}

export interface EventLogStats {
  /** Records handed to `append`. */
  appended: number;
  /** Records on disk (written by this log). */
  written: number;
  /** `write` calls made: far fewer than records, that is the batching. */
  writes: number;
  /** Records lost: buffer full (the disk could not keep up), a write error, or appended after close. */
  droppedRecords: number;
  /** The sequence number of the last appended record (0: none yet). */
  lastSeq: number;
  segments: number;
  /** Bytes of all segments. */
  bytes: number;
  lastError?: string;
}

export interface OpenEventLogOptions {
  /** The flow file; the log lives beside it (`<flow>.events/`) unless `dir` is given. */
  flowFile?: string;
  dir?: string;
  retention?: Partial<RetentionPolicy>;
  segmentMaxBytes?: number;
  batchIntervalMs?: number;
  maxBatchRecords?: number;
  maxBufferedRecords?: number;
  /** Called once per write failure or first buffer overflow; the log keeps going. */
  onError?: (err: Error) => void;
  /** The clock for `at` and retention by age (tests move it). */
  now?: () => number;
}

/** Another live process is writing this log. */
export class EventLogBusyError extends Error {
  override name = 'EventLogBusyError';
}

interface Pending {
  seq: number;
  at: number;
  record: HopRecord;
}

/**
 * Open (creating if needed) the event log of a flow for writing, after recovering it from
 * any crash. It is the runtime's HopSink: pass it as `hopSink` to `startRun`.
 *
 * @example
 * const log = await openEventLog({ flowFile: 'examples/checkout.eventflow.json' });
 * for (const d of log.opened.tailDrops) console.warn(`dropped ${d.droppedBytes} bytes of ${d.segment}`);
 * const run = await startRun(plan, { hopSink: log });
 * // ... later: await run.stop(); await log.close();
 */
export async function openEventLog(options: OpenEventLogOptions): Promise<EventLog & HopSink> {
  const chosen = options.dir ?? (options.flowFile !== undefined ? logDirFor(options.flowFile) : undefined);
  if (chosen === undefined) throw new TypeError('openEventLog: give a flowFile or a dir');
  const dir: string = chosen;
  const retention: RetentionPolicy = { ...DEFAULT_RETENTION, ...options.retention };
  const segmentMaxBytes = options.segmentMaxBytes ?? SEGMENT_MAX_BYTES;
  const batchIntervalMs = options.batchIntervalMs ?? BATCH_INTERVAL_MS;
  const maxBatch = options.maxBatchRecords ?? MAX_BATCH_RECORDS;
  const maxBuffered = options.maxBufferedRecords ?? MAX_BUFFERED_RECORDS;
  const now = options.now ?? Date.now;

  await mkdir(dir, { recursive: true });
  const lock = await acquireWriterLock(dir);
  if (!lock.ok) {
    throw new EventLogBusyError(
      `${dir}: this event log is being written by another process (pid ${lock.pid}); stop that run, or log elsewhere with --log-dir`,
    );
  }
  let indexes: SegmentIndex[];
  let report: LogOpenReport;
  try {
    const recovered = await recoverLog(dir);
    indexes = recovered.indexes;
    const records = indexes.reduce((n, i) => n + i.records, 0);
    const deleted = await applyRetention(dir, indexes, retention, now());
    report = { tailDrops: recovered.tailDrops, segments: indexes.length, records, deleted };
  } catch (err) {
    await lock.release();
    throw err;
  }

  let nextSeq = 1;
  for (const index of indexes) if (index.lastSeq !== null) nextSeq = Math.max(nextSeq, index.lastSeq + 1);
  // Keep writing into the newest segment while it has room (fewer, fuller files across runs).
  let active: SegmentIndex | null = null;
  const newest = indexes.at(-1);
  if (newest && newest.bytes < segmentMaxBytes && newest.badLines === 0) active = newest;
  let handle: FileHandle | null = null;

  let buffer: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let overflowReported = false;
  const stats = { appended: 0, written: 0, writes: 0, droppedRecords: 0, lastError: undefined as string | undefined };

  const report1 = (err: Error): void => {
    stats.lastError = err.message;
    options.onError?.(err);
  };

  const schedule = (): void => {
    if (buffer.length >= maxBatch) {
      if (immediate === null) immediate = setImmediate(kick);
    } else if (timer === null) {
      timer = setTimeout(kick, batchIntervalMs);
    }
  };

  function kick(): void {
    if (timer !== null) clearTimeout(timer);
    if (immediate !== null) clearImmediate(immediate);
    timer = null;
    immediate = null;
    chain = chain.then(drain);
  }

  async function drain(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.length <= maxBatch ? buffer : buffer.slice(0, maxBatch);
      buffer = batch === buffer ? [] : buffer.slice(maxBatch);
      try {
        await writeBatch(batch);
      } catch (err) {
        stats.droppedRecords += batch.length;
        report1(new Error(`event log ${dir}: could not write ${batch.length} records (${(err as Error).message})`));
      }
    }
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    let text = '';
    for (const p of batch) text += formatLine(p.seq, p.at, p.record);
    const bytes = Buffer.byteLength(text);
    if (active !== null && active.bytes > 0 && active.bytes + bytes > segmentMaxBytes) await rollover();
    if (active === null) {
      active = emptyIndex(segmentName((batch[0] as Pending).seq));
      indexes.push(active);
    }
    if (handle === null) handle = await open(join(dir, active.segment), 'a');
    await handle.write(text);
    active.bytes += bytes;
    for (const p of batch) addToIndex(active, { seq: p.seq, at: p.at, trace: p.record.trace, run: p.record.run, event: p.record.event });
    stats.written += batch.length;
    stats.writes += 1;
  }

  async function rollover(): Promise<void> {
    if (handle !== null) await handle.close();
    handle = null;
    if (active !== null) await writeIndex(dir, active);
    active = null;
    await applyRetention(dir, indexes, retention, now());
  }

  async function flush(): Promise<void> {
    kick();
    await chain;
    if (active !== null && active.bytes > 0) await writeIndex(dir, active).catch((err: Error) => report1(err));
  }

  const log: EventLog & HopSink = {
    dir,
    opened: report,
    append(record: HopRecord): void {
      stats.appended += 1;
      if (closed || buffer.length >= maxBuffered) {
        stats.droppedRecords += 1;
        if (!closed && !overflowReported) {
          overflowReported = true;
          report1(new Error(`event log ${dir}: ${maxBuffered} records are waiting for the disk; further records are dropped until it catches up`));
        }
        return;
      }
      buffer.push({ seq: nextSeq++, at: now(), record });
      schedule();
    },
    flush,
    async close(): Promise<void> {
      if (closed) return;
      await flush();
      closed = true;
      if (handle !== null) await handle.close();
      handle = null;
      await lock.release();
    },
    async *query(q: LogQuery = {}): AsyncGenerator<LoggedHop> {
      if (!closed) await flush();
      yield* queryLog(dir, q);
    },
    async runs(): Promise<LogRun[]> {
      if (!closed) await flush();
      return listLogRuns(dir);
    },
    stats(): EventLogStats {
      return {
        appended: stats.appended,
        written: stats.written,
        writes: stats.writes,
        droppedRecords: stats.droppedRecords,
        lastSeq: nextSeq - 1,
        segments: indexes.length,
        bytes: indexes.reduce((n, i) => n + i.bytes, 0),
        ...(stats.lastError !== undefined ? { lastError: stats.lastError } : {}),
      };
    },
  };
  return log;
}
