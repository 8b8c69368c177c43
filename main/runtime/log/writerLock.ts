import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One writer per log directory: `writer.lock` holds the writer's pid. A lock whose process is
 * gone (a crash, a SIGKILL) is taken over; a live one makes a second writer fail with a
 * message naming the process, and tells readers not to touch a tail that is still growing.
 */
const LOCK_NAME = 'writer.lock';
const heldHere = new Set<string>();

export type LockResult = { ok: true; release: () => Promise<void> } | { ok: false; pid: number };

export async function acquireWriterLock(dir: string): Promise<LockResult> {
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      heldHere.add(path);
      return { ok: true, release: () => release(path) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = await lockOwner(path);
    if (pid !== null) return { ok: false, pid };
    await unlink(path).catch(() => undefined);
  }
  const pid = await lockOwner(path);
  return { ok: false, pid: pid ?? -1 };
}

/** The pid of a live process writing this log, or null when nobody is. */
export async function liveWriterPid(dir: string): Promise<number | null> {
  return lockOwner(join(dir, LOCK_NAME));
}

async function lockOwner(path: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(path, 'utf8')).trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (pid === process.pid) return heldHere.has(path) ? pid : null;
  return isAlive(pid) ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function release(path: string): Promise<void> {
  if (!heldHere.delete(path)) return;
  const owner = await readFile(path, 'utf8').catch(() => '');
  if (owner.trim() === String(process.pid)) await unlink(path).catch(() => undefined);
}
