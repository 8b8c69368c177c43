/**
 * Live view benchmark: `npm run bench:ui` (`node bin/run-ts.mjs bench/ui.bench.ts [--quick]`).
 * Needs the built renderer (`npx electron-vite build`) and Chromium at /usr/bin/chromium.
 *
 * Serves browser mode in this process (host + run handlers + the embedded broker), drives the
 * page with Playwright and measures, against the same page idle in the same session:
 * 1. The checkout example with the storefront producing 500, 2,000 and 10,000 events/s: frames
 *    per second from requestAnimationFrame intervals, the count of intervals over 20 ms, long
 *    tasks, main-thread busy share (CDP TaskDuration) and the CPU of Chromium's renderer and
 *    GPU processes (from /proc: CDP sees only the main thread). After Stop, every channel count
 *    on the canvas is compared with the runtime's final totals.
 * 2. A 300-node, 400-edge canvas panned (drag) at fit view and at 100%, and zoomed (wheel):
 *    the same frame figures.
 * Every row also shows its ratio to the idle page of the same run (checkout idle for the
 * runs, the large canvas idle for its rows): fps ratio and main-thread busy ratio. The load
 * average is printed before and after (the machine may be shared). Figures are printed as a
 * Markdown table for docs/benchmarks.md (UI section).
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetricsSnapshot } from '../shared/bridge/runEvents';
import type {} from '../renderer/overlay/overlayTestHook';
import { createHost, type Host } from '../main/host/createHost';
import { createRunHandlers } from '../main/host/createRunHandlers';
import { serveBrowserMode } from '../main/host/serveBrowserMode';

const QUICK = process.argv.includes('--quick');
/** `--large-only`: just the large canvas (for tuning its pan and zoom). */
const LARGE_ONLY = process.argv.includes('--large-only');
const RATES = [500, 2_000, 10_000] as const;
const WARMUP_MS = QUICK ? 1_500 : 3_000;
const MEASURE_MS = QUICK ? 3_000 : 6_000;
/** A frame interval longer than this is a dropped frame (intervals come in multiples of 16.7 ms). */
const SLOW_FRAME_MS = 20;
const LARGE_NODES = 300;
const LARGE_EDGES = 400;
const CLOCK_TICKS_PER_SECOND = 100;
const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

interface FrameFigures {
  fps: number;
  frames: number;
  over20: number;
  over20Share: number;
  longTasks: number;
  longTaskMs: number;
  mainBusy: number;
  rendererCpu: number;
  gpuCpu: number;
}

/** In the page: record rAF intervals and long tasks between start and stop. */
const PROBE = `
window.__bench = {
  start() {
    const s = { intervals: [], longTasks: 0, longTaskMs: 0, running: true, last: 0 };
    this.s = s;
    const tick = (t) => { if (!s.running) return; if (s.last) s.intervals.push(t - s.last); s.last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    this.obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) { s.longTasks++; s.longTaskMs += e.duration; } });
    this.obs.observe({ type: 'longtask' });
  },
  stop() {
    const s = this.s; s.running = false; this.obs.disconnect();
    return { intervals: s.intervals, longTasks: s.longTasks, longTaskMs: s.longTaskMs };
  },
};`;

/** Pids of Chromium's renderer and GPU processes started by this process. */
async function chromiumPids(): Promise<{ renderer: number[]; gpu: number[] }> {
  const parents = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(pid, (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' '));
    } catch {
      // The process ended while we looked.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parents.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  const renderer: number[] = [];
  const gpu: number[] = [];
  for (const [pid, line] of cmd) {
    if (!ours(pid)) continue;
    if (line.includes('--type=renderer')) renderer.push(pid);
    else if (line.includes('--type=gpu-process')) gpu.push(pid);
  }
  return { renderer, gpu };
}

async function cpuTicks(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone: counts nothing more.
    }
  }
  return total;
}

async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** Measure frames, long tasks and CPU while `during` runs (it may move the mouse). */
async function measure(page: Page, cdp: CDPSession, during?: (ms: number) => Promise<void>): Promise<FrameFigures> {
  const pids = await chromiumPids();
  const r0 = await cpuTicks(pids.renderer);
  const g0 = await cpuTicks(pids.gpu);
  const t0 = await taskDuration(cdp);
  const wall0 = performance.now();
  await page.evaluate(() => (window as unknown as { __bench: { start(): void } }).__bench.start());
  if (during) await during(MEASURE_MS);
  else await page.waitForTimeout(MEASURE_MS);
  const out = await page.evaluate(() => (window as unknown as { __bench: { stop(): { intervals: number[]; longTasks: number; longTaskMs: number } } }).__bench.stop());
  const wall = (performance.now() - wall0) / 1000;
  const t1 = await taskDuration(cdp);
  const r1 = await cpuTicks(pids.renderer);
  const g1 = await cpuTicks(pids.gpu);
  const total = out.intervals.reduce((a, b) => a + b, 0);
  const over20 = out.intervals.filter((i) => i > SLOW_FRAME_MS).length;
  return {
    fps: out.intervals.length / (total / 1000),
    frames: out.intervals.length,
    over20,
    over20Share: over20 / Math.max(1, out.intervals.length),
    longTasks: out.longTasks,
    longTaskMs: out.longTaskMs,
    mainBusy: (t1 - t0) / wall,
    rendererCpu: (r1 - r0) / CLOCK_TICKS_PER_SECOND / wall,
    gpuCpu: (g1 - g0) / CLOCK_TICKS_PER_SECOND / wall,
  };
}

function largeFlow(): unknown {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  const columns = 15;
  for (let i = 0; i < LARGE_NODES; i++) {
    const kind = i % 15 === 0 ? 'producer' : i % 5 === 0 ? 'broker' : 'consumer';
    nodes.push({
      id: `n${i}`,
      kind,
      name: `${kind} ${i}`,
      position: { x: (i % columns) * 280, y: Math.floor(i / columns) * 150 },
      settings: kind === 'producer' ? { eventType: 'bench.event' } : {},
    });
  }
  for (let e = 0; e < LARGE_EDGES; e++) {
    const source = e % (LARGE_NODES - 1);
    const target = Math.min(LARGE_NODES - 1, source + 1 + (e % 3) * columns);
    edges.push({ id: `e${e}`, source: `n${source}`, target: `n${target}`, topic: `bench/${e}` });
  }
  return { schemaVersion: 1, name: 'Large canvas', broker: { kind: 'embedded' }, eventTypes: [{ name: 'bench.event' }], nodes, edges };
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: `Open ${name}` }).click();
  await page.locator('.react-flow__node').first().waitFor();
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
/** A scenario's figures against the idle page measured in the same run. */
const vsIdle = (f: FrameFigures, idle: FrameFigures): string =>
  `${(f.fps / idle.fps).toFixed(2)} / ${(f.mainBusy / Math.max(idle.mainBusy, 1e-3)).toFixed(1)}×`;
const row = (label: string, f: FrameFigures, idle: FrameFigures, extra = ''): string =>
  `| ${label} | ${f.fps.toFixed(1)} | ${f.over20} of ${f.frames} (${pct(f.over20Share)}) | ${f.longTasks} (${f.longTaskMs.toFixed(0)} ms) | ${pct(f.mainBusy)} | ${pct(f.rendererCpu)} | ${pct(f.gpuCpu)} | ${vsIdle(f, idle)} | ${extra} |`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
/** The zoom the "panned at 100%" row zooms in to (from fit view, by wheel steps, at most ZOOM_IN_STEPS). */
const NEAR_ZOOM = 0.95;
const ZOOM_IN_STEPS = 30;

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'eventflow-ui-bench-'));
  const flows = join(root, 'flows');
  await mkdir(flows);
  const checkout = JSON.parse(await readFile(join(REPO, 'examples/checkout.eventflow.json'), 'utf8')) as {
    nodes: { id: string; kind: string; settings: Record<string, unknown> }[];
  };
  for (const rate of RATES) {
    for (const n of checkout.nodes) {
      if (n.id === 'storefront') Object.assign(n.settings, { ratePerSecond: rate, jitter: 0 });
      if (n.id === 'login-gateway') n.settings.mode = 'manual';
    }
    await writeFile(join(flows, `checkout-${rate}.eventflow.json`), JSON.stringify(checkout));
  }
  await writeFile(join(flows, 'large.eventflow.json'), JSON.stringify(largeFlow()));

  let finals: MetricsSnapshot[] = [];
  const target: { host?: Host } = {};
  const runs = createRunHandlers({
    push: (p) => {
      if (p.event === 'runMetrics') finals.push(p.payload);
      target.host?.push(p);
    },
    workspaceRoots: [flows],
    fallbackLogDir: join(root, 'untitled.events'),
  });
  const host = await createHost({ workspaceRoots: [flows], stateDir: join(root, 'state'), runs: runs.handlers, version: 'bench' });
  target.host = host;
  const server = await serveBrowserMode({ host, rendererDir: join(REPO, 'out/renderer') });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const lines: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('dialog', (d) => void d.accept());
    await page.addInitScript(PROBE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open', exact: true }).waitFor();

    console.log(`load average before: ${load()}`);
    lines.push('| scenario | fps | frame intervals > 20 ms | long tasks | main thread busy | renderer CPU | GPU process CPU | vs idle: fps ratio / main busy | notes |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    await openFile(page, `checkout-${RATES[0]}.eventflow.json`);
    const idle = await measure(page, cdp);
    lines.push(row('checkout, idle (no run)', idle, idle, 'baseline of the runs'));
    console.log(lines.at(-1));

    for (const rate of LARGE_ONLY ? [] : RATES) {
      await openFile(page, `checkout-${rate}.eventflow.json`);
      finals = [];
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('run-status').and(page.locator('[data-state="running"]')).waitFor();
      await page.waitForTimeout(WARMUP_MS);
      const f = await measure(page, cdp);
      const drawn = await page.evaluate(() => window.__eventflowOverlay?.pulseCountsByEdge() ?? {});
      const counted = await page.evaluate(() => window.__eventflowOverlay?.sampledOutByEdge() ?? {});
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.getByTestId('run-status').and(page.locator('[data-state="stopped"]')).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      const final = finals.at(-1);
      const shown = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-testid^="edge-count-"]')].map((el) => [el.dataset.testid?.slice('edge-count-'.length), Number(el.dataset.count)])),
      );
      const mismatches = (final?.edges ?? []).filter((e) => shown[e.edgeId] !== e.count);
      const hops = (final?.edges ?? []).reduce((n, e) => n + e.count, 0);
      const orders = final?.edges.find((e) => e.edgeId === 'storefront-orders')?.count ?? 0;
      const seconds = (final?.runTimeMs ?? 1) / 1000;
      const drawnTotal = Object.values(drawn).reduce((a, b) => a + b, 0);
      const sampled = Object.values(counted).reduce((a, b) => a + b, 0);
      lines.push(
        row(
          `checkout, storefront ${rate.toLocaleString('en-US')}/s`,
          f,
          idle,
          `achieved ${(orders / seconds).toFixed(0)} orders/s, ${(hops / seconds).toFixed(0)} hops/s; pulses drawn ${drawnTotal}, sampled out ${sampled}; counters ${mismatches.length === 0 ? 'exact' : `${mismatches.length} channel(s) differ`}`,
        ),
      );
      console.log(lines.at(-1));
    }

    await openFile(page, 'large.eventflow.json');
    const fit = async (): Promise<void> => {
      await page.getByRole('button', { name: 'Fit View' }).click();
      await page.waitForTimeout(1_000);
    };
    await fit();
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    const largeIdle = await measure(page, cdp);
    lines.push(row(`${LARGE_NODES} nodes, ${LARGE_EDGES} edges, idle at fit view`, largeIdle, largeIdle, 'baseline of the large canvas'));
    console.log(lines.at(-1));
    const drag = async (ms: number): Promise<void> => {
      const end = Date.now() + ms;
      let step = 0;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      while (Date.now() < end) {
        step += 1;
        await page.mouse.move(cx + Math.sin(step / 12) * 250, cy + Math.cos(step / 12) * 150);
      }
      await page.mouse.up();
    };
    const pan = await measure(page, cdp, drag);
    lines.push(row(`${LARGE_NODES} nodes, ${LARGE_EDGES} edges, panned (drag) at fit view`, pan, largeIdle, 'no run'));
    console.log(lines.at(-1));
    await fit();
    const zoomNow = (): Promise<number> =>
      page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform).a);
    await page.mouse.move(cx, cy);
    for (let i = 0; i < ZOOM_IN_STEPS && (await zoomNow()) < NEAR_ZOOM; i++) {
      await page.mouse.wheel(0, -50);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(1_500);
    const zoomLevel = await zoomNow();
    const near = await measure(page, cdp, drag);
    lines.push(row(`${LARGE_NODES} nodes, ${LARGE_EDGES} edges, panned (drag) at ${Math.round(zoomLevel * 100)}%`, near, largeIdle, 'no run'));
    console.log(lines.at(-1));
    await fit();
    const zoom = await measure(page, cdp, async (ms) => {
      const end = Date.now() + ms;
      let step = 0;
      await page.mouse.move(cx, cy);
      while (Date.now() < end) {
        step += 1;
        await page.mouse.wheel(0, (Math.floor(step / 10) % 2 === 0 ? -1 : 1) * 60);
        await page.waitForTimeout(16);
      }
    });
    lines.push(row(`${LARGE_NODES} nodes, ${LARGE_EDGES} edges, zoomed (wheel) around fit view`, zoom, largeIdle, 'no run'));
    console.log(lines.at(-1));
  } finally {
    await browser.close();
    await runs.close();
    await server.close();
    await host.close();
    await rm(root, { recursive: true, force: true });
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(`\nload average after: ${load()}`);
}

await main();
