import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggedHop } from './LoggedHop';
import { isReplayHop, parseLine, runOf } from './LoggedHop';
import { readLines } from './readLines';
import { indexNameFor } from './segmentFiles';

/**
 * The sidecar of one segment: enough to skip the segment without reading it (its seq and time
 * range, what types, channels and outcomes it holds, and which runs wrote it). It describes the segment as it was
 * at `bytes` long; a segment of another size makes it stale, and it is rebuilt by reading the
 * segment once. Losing every index file loses nothing.
 */
export interface SegmentIndex {
  version: typeof INDEX_VERSION;
  segment: string;
  /** Size of the segment (complete lines only) this index describes. */
  bytes: number;
  records: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstAt: number | null;
  lastAt: number | null;
  /** Records per CloudEvents type. */
  types: Record<string, number>;
  /** Records per channel (edge id). */
  edges: Record<string, number>;
  /** Records per trace outcome. */
  outcomes: Record<string, number>;
  /** Records per run (HopRecord.run; LEGACY_RUN_ID for lines without one), with their time span and replayed share. */
  runs: Record<string, RunSpan>;
  /** Complete lines that were not log records (hand-edited or damaged files); skipped by reads. */
  badLines: number;
}

/** One run's records in one segment. */
export interface RunSpan {
  /** Epoch ms (the log's `at`) of its first and last record here. */
  firstAt: number;
  lastAt: number;
  hops: number;
  /** Of these, hops of replay traffic (isReplayHop): a run with only these is one a replay started. */
  replayedHops: number;
}

/**
 * 2: runs are counted; 3: and their replayed hops. An index of an older version is stale and
 * rebuilt from its segment (once: the rebuilt one is written back where the log is writable).
 */
export const INDEX_VERSION = 3;

export function emptyIndex(segment: string): SegmentIndex {
  return {
    version: INDEX_VERSION,
    segment,
    bytes: 0,
    records: 0,
    firstSeq: null,
    lastSeq: null,
    firstAt: null,
    lastAt: null,
    types: {},
    edges: {},
    outcomes: {},
    runs: {},
    badLines: 0,
  };
}

/** Count one record into an index (bytes are counted by the caller, per batch). */
export function addToIndex(index: SegmentIndex, hop: Pick<LoggedHop, 'seq' | 'at' | 'trace' | 'run'> & { event?: LoggedHop['event'] }): void {
  index.records += 1;
  if (index.firstSeq === null) index.firstSeq = hop.seq;
  index.lastSeq = hop.seq;
  if (index.firstAt === null || hop.at < index.firstAt) index.firstAt = hop.at;
  if (index.lastAt === null || hop.at > index.lastAt) index.lastAt = hop.at;
  bump(index.types, hop.trace.type);
  bump(index.edges, hop.trace.edgeId);
  bump(index.outcomes, hop.trace.outcome);
  const run = runOf(hop);
  const replayed = isReplayHop({ trace: hop.trace, event: hop.event ?? null }) ? 1 : 0;
  const span = Object.hasOwn(index.runs, run) ? index.runs[run] : undefined;
  if (span) {
    span.hops += 1;
    span.replayedHops += replayed;
    if (hop.at < span.firstAt) span.firstAt = hop.at;
    if (hop.at > span.lastAt) span.lastAt = hop.at;
  } else {
    index.runs[run] = { firstAt: hop.at, lastAt: hop.at, hops: 1, replayedHops: replayed };
  }
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (Object.hasOwn(counts, key) ? (counts[key] as number) : 0) + 1;
}

/** Build the index of a segment by reading it; a trailing incomplete line is not counted. */
export async function rebuildIndex(dir: string, segment: string): Promise<SegmentIndex> {
  const index = emptyIndex(segment);
  for await (const line of readLines(join(dir, segment))) {
    if (!line.complete) break;
    index.bytes = line.offset + Buffer.byteLength(line.text) + 1;
    if (line.text === '') continue;
    const hop = parseLine(line.text);
    if (hop) addToIndex(index, hop);
    else index.badLines += 1;
  }
  return index;
}

/** Distinguishes overlapping writes of one index in one process (a flush racing a close). */
let writeSeq = 0;

/**
 * Write an index atomically (a reader never sees half of one). Each write has its own temporary
 * file: with one name per process, two overlapping writes shared it and the second rename failed
 * with ENOENT (seen when a run started while the previous run's log was still closing).
 */
export async function writeIndex(dir: string, index: SegmentIndex): Promise<void> {
  const path = join(dir, indexNameFor(index.segment));
  const tmp = `${path}.${process.pid}.${++writeSeq}.tmp`;
  await writeFile(tmp, JSON.stringify(index));
  await rename(tmp, path);
}

/** The sidecar index of a segment if it describes the segment as it is now, else null. */
export async function readFreshIndex(dir: string, segment: string): Promise<SegmentIndex | null> {
  const size = (await stat(join(dir, segment))).size;
  try {
    const stored = JSON.parse(await readFile(join(dir, indexNameFor(segment)), 'utf8')) as SegmentIndex;
    if (stored.version === INDEX_VERSION && stored.segment === segment && stored.bytes === size) return stored;
  } catch {
    // Missing or unreadable: stale.
  }
  return null;
}

/**
 * The index of a segment: the sidecar when it is fresh, otherwise rebuilt from the segment
 * (and written back when `persist`, so the next open is fast).
 */
export async function loadIndex(dir: string, segment: string, persist: boolean): Promise<SegmentIndex> {
  const fresh = await readFreshIndex(dir, segment);
  if (fresh) return fresh;
  const rebuilt = await rebuildIndex(dir, segment);
  const size = (await stat(join(dir, segment))).size;
  if (persist && rebuilt.bytes === size) await writeIndex(dir, rebuilt);
  return rebuilt;
}
