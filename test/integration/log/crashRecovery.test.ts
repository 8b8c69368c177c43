import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoggedHop } from '../../../main/runtime/log/LoggedHop';
import { openEventLog } from '../../../main/runtime/log/openEventLog';

/** A kill lands inside a line's write about one time in three; 20 tries make missing it a 1-in-5000 event. */
const ATTEMPTS = 20;
const WRITTEN_BEFORE_KILL = 100;
const WAIT_MS = 30_000;
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Start the writer, SIGKILL it once it has written `WRITTEN_BEFORE_KILL` records; resolves with that count. */
async function killWriterMidStream(dir: string): Promise<number> {
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/integration/log/crashWriter.ts', dir], {
    cwd: join(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  try {
    const confirmed = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the writer did not write ${WRITTEN_BEFORE_KILL} records in ${WAIT_MS} ms: ${stderr}`)), WAIT_MS);
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const counts = [...buffered.matchAll(/written (\d+)/g)].map((m) => Number(m[1]));
        const last = counts.at(-1) ?? 0;
        if (last >= WRITTEN_BEFORE_KILL) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve(last);
        }
      });
      child.on('exit', () => reject(new Error(`the writer exited by itself: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    return confirmed;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('a writer killed mid-stream (SIGKILL)', () => {
  it('leaves a log that opens: every complete record readable and consecutive, at most the torn last one lost and reported', async () => {
    let torn = 0;
    for (let attempt = 0; attempt < ATTEMPTS && torn < 1; attempt++) {
      const dir = await mkdtemp(join(tmpdir(), 'eventflow-crash-'));
      dirs.push(dir);
      const confirmed = await killWriterMidStream(dir);

      const log = await openEventLog({ dir });
      const hops: LoggedHop[] = [];
      for await (const h of log.query()) hops.push(h);
      const n = hops.length;
      // Everything the writer had confirmed is there, numbered 1..n with no gap.
      expect(n).toBeGreaterThanOrEqual(confirmed);
      expect(hops.map((h) => h.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(hops.map((h) => (h.event?.data as { n: number }).n)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      // What was cut is less than one record: only the line being written when the process died.
      const lineBytes = JSON.stringify(hops[0]).length;
      for (const drop of log.opened.tailDrops) expect(drop.droppedBytes).toBeLessThan(lineBytes);
      expect(log.opened.tailDrops.length).toBeLessThanOrEqual(1);
      if (log.opened.tailDrops.length === 1) torn += 1;

      // The recovered log takes new records right after the last complete one.
      log.append({ ...hops[0]!, trace: { ...hops[0]!.trace, eventId: 'after-crash' } });
      const again: LoggedHop[] = [];
      for await (const h of log.query({ since: 0 })) again.push(h);
      expect(again.at(-1)).toMatchObject({ seq: n + 1, trace: { eventId: 'after-crash' } });
      await log.close();
    }
    // The kill landed inside a line's write at least once in ATTEMPTS tries: the drop was cut and reported.
    expect(torn).toBeGreaterThanOrEqual(1);
  });
});
