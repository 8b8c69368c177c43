import { open } from 'node:fs/promises';
import { READ_CHUNK_BYTES } from './logDefaults';

const NEWLINE = 0x0a;

export interface FileLine {
  text: string;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** False for a last line with no newline: a record still being written, or torn by a crash. */
  complete: boolean;
}

/**
 * Stream a file line by line with bounded memory (one chunk plus one line), reading no further
 * than the file's size when it was opened so a concurrent writer's newer lines are left alone.
 */
export async function* readLines(path: string, chunkBytes = READ_CHUNK_BYTES): AsyncGenerator<FileLine> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    let position = 0;
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    const chunk = Buffer.allocUnsafe(chunkBytes);
    while (position < size) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunkBytes, size - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      let nl = data.indexOf(NEWLINE, start);
      while (nl !== -1) {
        yield { text: data.toString('utf8', start, nl), offset: carryOffset + start, complete: true };
        start = nl + 1;
        nl = data.indexOf(NEWLINE, start);
      }
      // The chunk buffer is reused: copy what is left of it before the next read.
      carry = Buffer.from(data.subarray(start));
      carryOffset += start;
    }
    if (carry.length > 0) yield { text: carry.toString('utf8'), offset: carryOffset, complete: false };
  } finally {
    await handle.close();
  }
}
