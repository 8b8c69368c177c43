import { stat } from 'node:fs/promises';
import type { LogRun } from '../../../shared/bridge/bridgeMethods';
import { listLogRuns } from './listLogRuns';
import type { LoggedHop } from './LoggedHop';
import { logDirFor } from './logDirFor';
import type { LogQuery } from './LogQuery';
import { queryLog } from './queryLog';
import { recoverLog } from './recoverLog';
import type { TailDrop } from './recoverTail';
import type { SegmentIndex } from './SegmentIndex';
import { liveWriterPid } from './writerLock';

/** A log opened for reading (the `log` and `replay` commands, the host's log view). */
export interface EventLogReader {
  readonly dir: string;
  /** Incomplete tails cut because their writer had died; empty when it stopped cleanly. */
  readonly tailDrops: TailDrop[];
  /** The pid of a run writing this log right now, or null. Its newest records may still be arriving. */
  readonly liveWriter: number | null;
  /** The segment indexes found, oldest first (stale ones rebuilt when nobody is writing). */
  readonly indexes: SegmentIndex[];
  query(q?: LogQuery): AsyncGenerator<LoggedHop>;
  /** The runs it holds, oldest first (see listLogRuns). */
  runs(): Promise<LogRun[]>;
}

export type OpenReaderResult = { ok: true; reader: EventLogReader } | { ok: false; message: string };

/**
 * Open a flow's event log for reading. When no live process is writing it, a crashed writer's
 * incomplete last line is cut and reported (as `openEventLog` would); while a run is writing
 * it, nothing is touched and its unfinished last line is simply not read.
 *
 * @example
 * const r = await openEventLogReader({ flowFile: 'examples/checkout.eventflow.json' });
 * if (r.ok) for await (const hop of r.reader.query({ types: ['order.placed'] })) console.log(hop.trace.eventId);
 */
export async function openEventLogReader(options: { flowFile?: string; dir?: string }): Promise<OpenReaderResult> {
  const dir = options.dir ?? (options.flowFile !== undefined ? logDirFor(options.flowFile) : undefined);
  if (dir === undefined) return { ok: false, message: 'give the flow file or the log directory (--dir)' };
  try {
    if (!(await stat(dir)).isDirectory()) return { ok: false, message: `${dir}: is not a directory; give the log directory with --dir` };
  } catch {
    return {
      ok: false,
      message: `${dir}: no event log here yet; run the flow first (eventflow run FILE) or point at another log with --dir`,
    };
  }
  const liveWriter = await liveWriterPid(dir);
  let tailDrops: TailDrop[] = [];
  let indexes: SegmentIndex[] = [];
  if (liveWriter === null) ({ tailDrops, indexes } = await recoverLog(dir));
  return {
    ok: true,
    reader: { dir, tailDrops, liveWriter, indexes, query: (q: LogQuery = {}) => queryLog(dir, q), runs: () => listLogRuns(dir) },
  };
}
