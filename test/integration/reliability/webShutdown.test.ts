import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { queryLog } from '../../../main/runtime/log/queryLog';
import { loadFlow } from '../../../shared/flow/loadFlow';
import { portAccepts } from '../harness/portAccepts';
import { processesLeftBehind, processTree } from '../harness/processTree';
import { startCliJob, STOP_SIGNALS } from '../harness/startCliJob';

/** Every bridge reply arrives within this. */
const REPLY_TIMEOUT_MS = 10_000;
/** Crossings the page must have been shown before the signal, so there is something to flush. */
const MIN_CROSSINGS = 20;
const FLOW = 'examples/checkout.eventflow.json';

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

  it.each(STOP_SIGNALS)('$signal ($how) stops the run, flushes its log, closes broker and server, exits 0, leaves no process', async ({ signal }) => {
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

    const cli = startCliJob(['web', '--no-open', '--port', '0', '--workspace', workspace], { EVENTFLOW_RENDERER_DIR: renderer });
    cleanup.push(() => cli.kill());

    const url = new URL(await cli.until('eventflow web printed no URL', () => /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(cli.stdout())?.[1]));
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
    await cli.until('no live metrics over the bridge', () => (crossingsShown() > MIN_CROSSINGS ? true : undefined));
    const shown = crossingsShown();
    const before = await processTree(cli.pid);
    expect(before).toContain(cli.pid);

    const code = await cli.stopWith(signal);
    expect(code, cli.output()).toBe(0);
    expect(cli.stdout()).toContain('Stopped.');
    await closedByServer;

    // The log beside the flow holds at least every crossing the page was shown before the
    // signal (the run drained and kept going a little after it).
    let records = 0;
    for await (const hop of queryLog(join(workspace, 'checkout.events'), { limit: Number.MAX_SAFE_INTEGER })) if (hop) records++;
    expect(records).toBeGreaterThanOrEqual(shown);

    // The server and the embedded broker are gone, and so is every process of the tree and group.
    expect(await portAccepts(serverPort)).toBe(false);
    expect(await portAccepts(brokerPort)).toBe(false);
    const left = await processesLeftBehind(cli.pid, before);
    expect(left, `processes left behind: ${left.join(', ')}`).toEqual([]);
  });
});
