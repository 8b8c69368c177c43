import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../bin/start-electron.mjs';
import { PRELOAD_METHODS } from '../../main/preload/createPreloadApi';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binary = findElectronBinary();
const SKIP_REASON = binary.ok
  ? ''
  : `no Electron binary: ${binary.reason}. The desktop app cannot launch here; run \`npm run web\` for the same app in the browser`;

test.describe.configure({ mode: 'serial' });
test.skip(!binary.ok, SKIP_REASON);

let app: ElectronApplication | undefined;
let page: Page;
let dir: string;
let flowFile: string;

test.beforeAll(async () => {
  if (!binary.ok) return;
  if (!existsSync(join(projectRoot, 'out/main/index.js'))) {
    throw new Error('out/main/index.js is missing: run `npm run build` before the Electron e2e suite');
  }
  dir = await mkdtemp(join(tmpdir(), 'eventflow-electron-'));
  const flows = join(dir, 'flows');
  await mkdir(flows);
  flowFile = join(flows, 'checkout.eventflow.json');
  // Minified on purpose: a save through the app writes it pretty-printed, so the change is visible.
  const example = JSON.parse(await readFile(join(projectRoot, 'examples/checkout.eventflow.json'), 'utf8')) as unknown;
  await writeFile(flowFile, JSON.stringify(example));
  await copyFile(flowFile, join(dir, 'original.json'));
  app = await electron.launch({
    executablePath: binary.path,
    args: [projectRoot, flowFile],
    cwd: projectRoot,
    env: { ...process.env, EVENTFLOW_USER_DATA_DIR: join(dir, 'user-data'), EVENTFLOW_FLOWS_DIR: flows },
    timeout: 60_000,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the window opens on app:// with the page locked down', async () => {
  expect(page.url()).toMatch(/^app:\/\/eventflow\//);
  await expect(page).toHaveTitle(/EventFlow Studio/);
  const exposed = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return {
      require: typeof w.require,
      process: typeof w.process,
      api: Object.keys((w.eventflow as object | undefined) ?? {}).sort(),
    };
  });
  // One named function per bridge method, and onEvent: no generic call (checklist 20).
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', api: [...PRELOAD_METHODS, 'onEvent'].sort() });
  // Checklist 13 and 14: navigation and new windows are refused.
  expect(await page.evaluate(() => window.open('https://mqtt.org/') === null)).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/eventflow\//);
  expect(app!.windows()).toHaveLength(1);
});

test('the example flow loads on the canvas', async () => {
  await expect(page.getByTestId('rf__node-storefront')).toBeVisible();
  await expect(page.getByTestId('rf__node-payment')).toBeVisible();
  await expect(page.getByTestId('document-title')).toContainText('checkout');
});

test('File > Save writes the file', async () => {
  const before = await readFile(flowFile, 'utf8');
  expect(before.includes('\n')).toBe(false);
  await app!.evaluate(({ Menu }) => {
    const file = Menu.getApplicationMenu()!.items.find((i) => i.label.replace('&', '') === 'File')!;
    file.submenu!.items.find((i) => i.label === 'Save')!.click();
  });
  await expect.poll(async () => (await readFile(flowFile, 'utf8')).includes('\n  "nodes"'), { timeout: 15_000 }).toBe(true);
  const saved = JSON.parse(await readFile(flowFile, 'utf8')) as { name: string; nodes: unknown[] };
  const original = JSON.parse(await readFile(join(dir, 'original.json'), 'utf8')) as { name: string; nodes: unknown[] };
  expect(saved.name).toBe(original.name);
  expect(saved.nodes).toHaveLength(original.nodes.length);
});

test('Run animates events along the edges', async () => {
  const run = page.getByRole('button', { name: 'Run', exact: true });
  // The desktop host runs flows in its utility process: Run must be there and enabled.
  await expect(run).toBeEnabled();
  // Listen as the renderer does, through the preload's named API only.
  await page.evaluate(() => {
    const w = window as unknown as { eventflow: { onEvent(l: (name: string, payload: unknown) => void): () => void }; tracesSeen: number };
    w.tracesSeen = 0;
    w.eventflow.onEvent((name, payload) => {
      if (name === 'runTraces') w.tracesSeen += (payload as { traces: unknown[] }).traces.length;
    });
  });
  await run.click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  // Traces reach the page (batched through the utility process and main) ...
  await expect.poll(() => page.evaluate(() => (window as unknown as { tracesSeen: number }).tracesSeen), { timeout: 30_000 }).toBeGreaterThan(0);
  // ... and the edges show what crossed them.
  await expect(page.locator('[data-testid^="edge-count-"]').first()).toHaveText(/[1-9]/, { timeout: 30_000 });
  // Pulses are drawn on one canvas overlay over the flow, where the live view provides one.
  const overlay = page.getByTestId('canvas').locator('canvas');
  if ((await overlay.count()) > 0) await expect(overlay.first()).toBeVisible();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
});
