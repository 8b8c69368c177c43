import type { HopRecord } from './HopSink';

/**
 * One line of a segment file: a HopRecord as the runtime handed it over, plus the log's own
 * sequence number (consecutive across segments, the write order) and the time it was appended.
 *
 * A line is the JSON of `{ seq, at, run, trace, event }` (with `raw` for payloads that were not
 * CloudEvents), followed by `\n`; the newline is what makes a record complete. Lines written
 * before runs were recorded have no `run`: they read back with `run` undefined, and are listed
 * and queried as the run LEGACY_RUN_ID.
 */
export interface LoggedHop extends HopRecord {
  seq: number;
  /** Epoch ms when the log received the record (the hop's own times are in `trace`). */
  at: number;
}

/** The run id hops logged without one (older logs, hand-written records) are listed and queried as. */
export const LEGACY_RUN_ID = 'legacy';

/** The run a logged hop belongs to: its `run`, or LEGACY_RUN_ID for a line without one. */
export function runOf(hop: Pick<HopRecord, 'run'>): string {
  return hop.run ?? LEGACY_RUN_ID;
}

/**
 * A hop of replay traffic: a replayed event, or one a replayed event caused (consumers copy
 * `replayid` onto what they emit for it, and the trace carries it as `replayId`).
 */
export function isReplayHop(hop: Pick<HopRecord, 'trace' | 'event'>): boolean {
  return hop.trace.replayId !== undefined || hop.event?.replayid !== undefined;
}

/** The text of one segment line, newline included. */
export function formatLine(seq: number, at: number, record: HopRecord): string {
  // Concatenation keeps the key order fixed (seq first), so `grep '"seq":42,'` and `head` work.
  const run = record.run === undefined ? '' : `,"run":${JSON.stringify(record.run)}`;
  const raw = record.raw === undefined ? '' : `,"raw":${JSON.stringify(record.raw)}`;
  return `{"seq":${seq},"at":${at}${run},"trace":${JSON.stringify(record.trace)},"event":${JSON.stringify(record.event ?? null)}${raw}}\n`;
}

/** Parse one line (without its newline); null when it is not a log record. */
export function parseLine(line: string): LoggedHop | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<LoggedHop>;
  if (typeof v.seq !== 'number' || typeof v.at !== 'number' || typeof v.trace !== 'object' || v.trace === null) return null;
  return {
    seq: v.seq,
    at: v.at,
    ...(typeof v.run === 'string' ? { run: v.run } : {}),
    trace: v.trace,
    event: v.event ?? null,
    ...(typeof v.raw === 'string' ? { raw: v.raw } : {}),
  };
}
