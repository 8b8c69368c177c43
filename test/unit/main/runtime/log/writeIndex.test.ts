import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeIndex, type SegmentIndex } from '../../../../../main/runtime/log/SegmentIndex';

describe('writeIndex', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets overlapping writes of the same index all succeed, the last one winning, with no temp file left', async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflow-index-'));
    const base = { segment: 'segment-000001.ndjson' } as unknown as SegmentIndex;
    const writes = Array.from({ length: 20 }, (_, i) => writeIndex(dir, { ...base, marker: i } as unknown as SegmentIndex));
    await expect(Promise.all(writes)).resolves.toBeDefined();
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toHaveLength(1);
    const written = JSON.parse(await readFile(join(dir, files[0]!), 'utf8')) as { marker: number };
    expect(written.marker).toBeGreaterThanOrEqual(0);
    expect(written.marker).toBeLessThan(20);
  });
});
