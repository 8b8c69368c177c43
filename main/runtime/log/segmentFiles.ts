import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Segment file naming: `segment-<first seq, 12 digits>.ndjson`, with its index beside it as
 * `segment-<...>.idx.json`. Zero-padding makes `ls` order the write order.
 */
const SEGMENT = /^segment-(\d{12,})\.ndjson$/;
const SEQ_DIGITS = 12;

export function segmentName(firstSeq: number): string {
  return `segment-${String(firstSeq).padStart(SEQ_DIGITS, '0')}.ndjson`;
}

export function indexNameFor(segment: string): string {
  return segment.replace(/\.ndjson$/, '.idx.json');
}

/** The segment files of a log directory, oldest first; an absent directory has none. */
export async function listSegments(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .map((name) => ({ name, m: SEGMENT.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => x.name);
}

export function segmentPath(dir: string, segment: string): string {
  return join(dir, segment);
}
