import { join } from 'node:path';
import { recoverTail, type TailDrop } from './recoverTail';
import { loadIndex, type SegmentIndex } from './SegmentIndex';
import { listSegments } from './segmentFiles';

/** A log directory made consistent: incomplete tails cut, every segment with a fresh index. */
export interface RecoveredLog {
  /** Oldest first. */
  indexes: SegmentIndex[];
  /** What was cut; empty when the last writer stopped cleanly. */
  tailDrops: TailDrop[];
}

/**
 * Make a log directory consistent after any kind of stop. A writer killed mid-write can only
 * leave an incomplete last line (appends never touch earlier bytes), so cutting it is the
 * whole recovery; indexes that no longer describe their segment are rebuilt and saved.
 * Must not run while another process is writing the log (see writerLock).
 */
export async function recoverLog(dir: string): Promise<RecoveredLog> {
  const tailDrops: TailDrop[] = [];
  const indexes: SegmentIndex[] = [];
  for (const segment of await listSegments(dir)) {
    const droppedBytes = await recoverTail(join(dir, segment));
    if (droppedBytes > 0) tailDrops.push({ segment, droppedBytes });
    indexes.push(await loadIndex(dir, segment, true));
  }
  return { indexes, tailDrops };
}
