import { readdir, readFile } from 'node:fs/promises';

/** How long a process tree may take to disappear after its root exited. */
export const TREE_EXIT_TIMEOUT_MS = 5_000;

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
}

/** Every process now, from /proc (Linux): pid, parent and process group. */
async function processes(): Promise<ProcInfo[]> {
  const out: ProcInfo[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // comm (field 2) may hold spaces and parentheses; the rest follows the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest.length < 3) continue;
    out.push({ pid: Number(name), ppid: Number(rest[1]), pgrp: Number(rest[2]) });
  }
  return out;
}

/** The process, everything it started (transitively) and everything in its process group. */
export async function processTree(root: number): Promise<number[]> {
  const all = await processes();
  const found = new Set(all.filter((p) => p.pid === root || p.pgrp === root).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

/** Whether a process still exists (signal 0 tests without sending anything). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * What is left of the tree of an exited `root` once it has had TREE_EXIT_TIMEOUT_MS to go: its
 * tree and group now, and whichever of `before` (the tree while it ran) still exists. Empty
 * when nothing was left behind.
 */
export async function processesLeftBehind(root: number, before: number[]): Promise<number[]> {
  const left = async () => (await processTree(root)).concat(before.filter((p) => p !== root && exists(p)));
  const deadline = Date.now() + TREE_EXIT_TIMEOUT_MS;
  let now = await left();
  while (now.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    now = await left();
  }
  return now;
}

/** SIGKILL every process of the tree (teardown after a test that failed half-way). */
export async function killProcessTree(root: number): Promise<void> {
  for (const p of await processTree(root)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
