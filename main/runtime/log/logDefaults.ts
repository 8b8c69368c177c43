/**
 * The bounds of the event log, named where they are defined (house style: no magic numbers on
 * hot paths). Every one of them can be overridden per log through `openEventLog` options.
 */

/** A batch of appended records is written at most this long after its first record arrived. */
export const BATCH_INTERVAL_MS = 50;
/** A batch this large is written at once (on the next tick), without waiting for the interval. */
export const MAX_BATCH_RECORDS = 2_000;
/**
 * Records held in memory while the disk is slower than the flow. Past this the oldest waiting
 * batch is not dropped silently: appends beyond it are counted in `stats().droppedRecords` and
 * reported once through `onError`, so a stalled disk never grows the runtime's memory unbounded.
 */
export const MAX_BUFFERED_RECORDS = 500_000;
/** A segment file is closed and a new one started once it reaches this size. */
export const SEGMENT_MAX_BYTES = 16 * 1024 * 1024;
/** Retention by size: the oldest segments are deleted while the log is larger than this. */
export const RETENTION_MAX_BYTES = 512 * 1024 * 1024;
/** Retention by age: segments whose newest record is older than this are deleted. */
export const RETENTION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Bytes read per chunk when streaming a segment. */
export const READ_CHUNK_BYTES = 256 * 1024;

/** How long the log keeps its history; the segment being written is never deleted. */
export interface RetentionPolicy {
  maxBytes: number;
  maxAgeMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxBytes: RETENTION_MAX_BYTES, maxAgeMs: RETENTION_MAX_AGE_MS };
