import { open } from 'node:fs/promises';
import { READ_CHUNK_BYTES } from './logDefaults';

const NEWLINE = 0x0a;

/** What opening a log cut off: the incomplete last line a killed writer left behind. */
export interface TailDrop {
  segment: string;
  droppedBytes: number;
}

/**
 * Bytes after the last newline of a file: the incomplete line a writer killed mid-write
 * leaves (appends only ever add to the end, so a crash can damage nothing before it).
 */
export async function incompleteTailBytes(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(buf, 0, end - start, start);
      const nl = buf.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (nl !== -1) return size - (start + nl + 1);
      end = start;
    }
    return size;
  } finally {
    await handle.close();
  }
}

/** Truncate a segment's incomplete last line; returns how many bytes were dropped (0: clean). */
export async function recoverTail(path: string): Promise<number> {
  const dropped = await incompleteTailBytes(path);
  if (dropped === 0) return 0;
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    await handle.truncate(size - dropped);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return dropped;
}

/** The warning a user sees about a cut tail: which file, how much, and that nothing complete was lost. */
export function describeTailDrop(dir: string, drop: TailDrop): string {
  return `warning: ${dir}/${drop.segment} ended with an incomplete record (its writer was stopped mid-write); dropped its last ${drop.droppedBytes} bytes, every complete record is kept`;
}
