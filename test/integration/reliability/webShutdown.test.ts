import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { queryLog } from '../../../main/runtime/log/queryLog';
import { loadFlow } from '../../../shared/flow/loadFlow';

/** Bound on the command's start (tsx), on the run's first events, and on its exit after the signal. */
const CLI_TIMEOUT_MS = 30_000;
/** How long the process group may take to disappear after the command exited. */
const ORPHAN_TIMEOUT_MS = 5_000;
/** Every bridge reply arrives within this. */
const REPLY_TIMEOUT_MS = 10_000;
/** Crossings the page must have been shown before the signal, so there is something to flush. */
const MIN_CROSSINGS = 20;
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until<T>(what: string, probe: () => T | undefined, detail: () => string): Promise<T> {
  const deadline = Date.now() + CLI_TIMEOUT_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${CLI_TIMEOUT_MS} ms:\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The page's side of the bridge: requests by id, pushes collected. */
function bridgeClient(ws: WebSocket) {
  let nextId = 1;
  const pending = new Map<number, (reply: { ok: boolean; result?: unknown; error?: { message: string } }) => void>();
  const pushes: { event: string; payload: unknown }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; id?: number; event?: string; payload?: unknown; ok?: boolean };
    if (message.type === 'push') pushes.push({ event: message.event!, payload: message.payload });
    else if (message.type === 'response') pending.get(message.id!)?.(message as never);
  });
  const call = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`no reply to ${method}`)), REPLY_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(`${method}: ${reply.error?.message}`));
      });
      ws.send(JSON.stringify({ type: 'request', id, method, params }));
    });
  return { call, pushes };
}

describe('clean shutdown of eventflow web', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it.each([
    { signal: 'SIGINT' as const, how: 'Ctrl-C at a terminal: the whole foreground process group' },
    { signal: 'SIGTERM' as const, how: 'a service manager: the process itself' },
  ])('$signal ($how) stops the run, flushes its log, closes broker and server, exits 0, leaves no process', async ({ signal }) => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflow-web-shutdown-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const workspace = join(dir, 'flows');
    const renderer = join(dir, 'renderer');
    await mkdir(workspace);
    await mkdir(renderer);
    // Its own renderer, so the test needs no `npm run build` first.
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>EventFlow Studio</title>');
    const flowPath = join(workspace, 'checkout.eventflow.json');
    await copyFile(FLOW, flowPath);

    // Its own process group, like a job a shell starts.
    const child = spawn(process.execPath, ['bin/eventflow.mjs', 'web', '--no-open', '--port', '0', '--workspace', workspace], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EVENTFLOW_RENDERER_DIR: renderer },
    });
    const pid = child.pid!;
    cleanup.push(async () => {
      // Only if the test failed half-way: never leave the command (or its group) running.
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
    const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;

    const url = new URL(
      await until('eventflow web printed no URL', () => /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout)?.[1], output),
    );
    const serverPort = Number(url.port);

    // The page's bridge: the token from the printed URL, the server's own Origin.
    const ws = new WebSocket(`ws://127.0.0.1:${serverPort}/bridge?token=${url.searchParams.get('token')}`, { origin: url.origin });
    cleanup.push(async () => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const bridge = bridgeClient(ws);
    const closedByServer = new Promise<void>((resolve) => ws.once('close', () => resolve()));

    // As the designer does: the file, loaded (migrated, defaults filled in), then run.
    const loaded = loadFlow(await readFile(flowPath, 'utf8'));
    if (!loaded.ok) throw new Error(`${FLOW} does not load: ${JSON.stringify(loaded.errors)}`);
    const doc = loaded.doc;
    const { status } = (await bridge.call('startRun', { doc, path: flowPath })) as { status: { state: string; broker: { url: string } } };
    expect(status.state).toBe('running');
    const brokerPort = Number(/:(\d+)$/.exec(status.broker.url)![1]);
    expect(await portAccepts(brokerPort)).toBe(true);

    // Wait until the page has been shown real traffic.
    const crossingsShown = () => {
      const metrics = bridge.pushes.filter((p) => p.event === 'runMetrics').at(-1)?.payload as { edges: { count: number }[] } | undefined;
      return metrics?.edges.reduce((n, e) => n + e.count, 0) ?? 0;
    };
    await until('no live metrics over the bridge', () => (crossingsShown() > MIN_CROSSINGS ? true : undefined), output);
    const shown = crossingsShown();
    const before = await tree(pid);
    expect(before).toContain(pid);

    if (signal === 'SIGINT') process.kill(-pid, 'SIGINT');
    else process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    expect(code, output()).toBe(0);
    expect(stdout).toContain('Stopped.');
    await closedByServer;

    // The log beside the flow holds at least every crossing the page was shown before the
    // signal (the run drained and kept going a little after it).
    let records = 0;
    for await (const hop of queryLog(join(workspace, 'checkout.events'), { limit: Number.MAX_SAFE_INTEGER })) if (hop) records++;
    expect(records).toBeGreaterThanOrEqual(shown);

    // The server and the embedded broker are gone, and so is every process of the tree and group.
    expect(await portAccepts(serverPort)).toBe(false);
    expect(await portAccepts(brokerPort)).toBe(false);
    const gone = Date.now() + ORPHAN_TIMEOUT_MS;
    let left = (await tree(pid)).concat(before.filter((p) => p !== pid && alive(p)));
    while (left.length > 0 && Date.now() < gone) {
      await new Promise((r) => setTimeout(r, 50));
      left = (await tree(pid)).concat(before.filter((p) => p !== pid && alive(p)));
    }
    expect(left, `processes left behind: ${left.join(', ')}`).toEqual([]);
  });
});
