import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RetentionPolicy } from './logDefaults';
import type { SegmentIndex } from './SegmentIndex';
import { indexNameFor } from './segmentFiles';

/**
 * Delete the oldest segments (and their indexes) while the log is larger than
 * `policy.maxBytes`, and every segment whose newest record is older than `policy.maxAgeMs`.
 * The newest segment is never deleted: it is the one being written (or the last history).
 * `indexes` is oldest first and is updated in place; returns the deleted segment names.
 */
export async function applyRetention(
  dir: string,
  indexes: SegmentIndex[],
  policy: RetentionPolicy,
  now: number,
): Promise<string[]> {
  const deleted: string[] = [];
  let total = indexes.reduce((sum, i) => sum + i.bytes, 0);
  while (indexes.length > 1) {
    const oldest = indexes[0] as SegmentIndex;
    const tooOld = oldest.lastAt !== null && now - oldest.lastAt > policy.maxAgeMs;
    if (!tooOld && total <= policy.maxBytes) break;
    await unlink(join(dir, oldest.segment)).catch(ignoreMissing);
    await unlink(join(dir, indexNameFor(oldest.segment))).catch(ignoreMissing);
    total -= oldest.bytes;
    indexes.shift();
    deleted.push(oldest.segment);
  }
  return deleted;
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
