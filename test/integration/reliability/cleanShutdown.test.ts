import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryLog } from '../../../main/runtime/log/queryLog';

/** Bound on the CLI's start (tsx), its first metrics line, and its exit after the signal. */
const CLI_TIMEOUT_MS = 30_000;
/** How long the process group may take to disappear after the CLI exited. */
const ORPHAN_TIMEOUT_MS = 5_000;
const FLOW = 'examples/checkout.eventflow.json';

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
async function tree(root: number): Promise<number[]> {
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

function portAccepts(url: string): Promise<boolean> {
  const port = Number(/:(\d+)$/.exec(url)![1]);
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface StatsLine {
  final: boolean;
  broker: string;
  edges: { edgeId: string; count: number }[];
}

describe('clean shutdown of eventflow run', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it.each([
    { signal: 'SIGINT' as const, how: 'Ctrl-C at a terminal: the whole foreground process group' },
    { signal: 'SIGTERM' as const, how: 'a service manager: the process itself' },
  ])('$signal ($how) flushes the event log, stops the embedded broker and leaves no process behind', async ({ signal }) => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-shutdown-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const logDir = join(dir, 'log');
    // Its own process group, like a job a shell starts.
    const child = spawn(process.execPath, ['bin/eventflow.mjs', 'run', FLOW, '--stats', 'json', '--log-dir', logDir], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid!;
    cleanup.push(async () => {
      // Only if the test failed half-way: never leave the CLI (or its group) running.
      for (const p of await tree(pid)) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const lines = () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as StatsLine);
    const deadline = Date.now() + CLI_TIMEOUT_MS;
    while (!lines().some((l) => !l.final && l.edges.reduce((n, e) => n + e.count, 0) > 20)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no live metrics from eventflow run within ${CLI_TIMEOUT_MS} ms:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const broker = lines()[0]!.broker;
    expect(await portAccepts(broker)).toBe(true);
    const before = await tree(pid);
    expect(before).toContain(pid);

    if (signal === 'SIGINT') process.kill(-pid, 'SIGINT');
    else process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    expect(code, stderr).toBe(0);

    // The log holds exactly one record per crossing the final totals count.
    const final = lines().at(-1)!;
    expect(final.final).toBe(true);
    const crossings = final.edges.reduce((n, e) => n + e.count, 0);
    expect(crossings).toBeGreaterThan(20);
    let records = 0;
    for await (const hop of queryLog(logDir, { limit: Number.MAX_SAFE_INTEGER })) if (hop) records++;
    expect(records).toBe(crossings);

    // The embedded broker is gone, and so is every process of the run's tree and group.
    expect(await portAccepts(broker)).toBe(false);
    const gone = Date.now() + ORPHAN_TIMEOUT_MS;
    let left = (await tree(pid)).concat(before.filter((p) => p !== pid && existsSync(p)));
    while (left.length > 0 && Date.now() < gone) {
      await new Promise((r) => setTimeout(r, 50));
      left = (await tree(pid)).concat(before.filter((p) => p !== pid && existsSync(p)));
    }
    expect(left, `processes left behind: ${left.join(', ')}`).toEqual([]);
  });
});

/** Whether a process still exists (signal 0 tests without sending anything). */
function existsSync(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
