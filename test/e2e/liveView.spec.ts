import { expect, test, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {} from '../../renderer/overlay/overlayTestHook';
import { writeCheckoutFixture, type CheckoutJson } from './checkoutFixture';
import { button, e2eEnv, node, openDesigner, stopRunIfRunning } from './designerPage';

/** Orders fired by hand from the storefront: the run's fixed number of events. */
const ORDERS = 20;
/** How long counters may keep moving after the last order before the run is called settled. */
const SETTLE_TIMEOUT_MS = 20_000;
const QUIET_MS = 1_200;
const FLOW_FILE = 'live-checkout.eventflow.json';

/**
 * The checkout example with both producers switched to manual, so the run carries exactly the
 * orders the test fires (and an outside subscriber can connect before the first one).
 */
function writeFixture(): Promise<CheckoutJson> {
  return writeCheckoutFixture(FLOW_FILE, (doc) => {
    for (const n of doc.nodes) if (n.kind === 'producer') n.settings.mode = 'manual';
  });
}

async function openFixture(page: Page): Promise<void> {
  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: `Open ${FLOW_FILE}` }).click();
  await expect(page.getByTestId('document-title')).toContainText('live-checkout');
}

/** Every channel's count as its label shows it. */
async function edgeCounts(page: Page, doc: CheckoutJson): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of doc.edges) out[e.id] = Number(await page.getByTestId(`edge-count-${e.id}`).getAttribute('data-count'));
  return out;
}

async function nodeCounter(page: Page, id: string, counter: string): Promise<number> {
  return Number(await page.getByTestId(`node-counters-${id}`).getAttribute(`data-${counter.toLowerCase()}`));
}

/** Wait until no channel count changes for QUIET_MS and nothing is in flight or waiting. */
async function waitUntilSettled(page: Page, doc: CheckoutJson): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    const busy = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid^="node-counters-"]')].some(
        (el) => Number(el.dataset.inflight) > 0 || Number(el.dataset.backlog) > 0,
      ),
    );
    const now = JSON.stringify(await edgeCounts(page, doc));
    if (now !== last || busy) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= QUIET_MS) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`counters still moving after ${SETTLE_TIMEOUT_MS} ms: ${last}`);
}

/** Hops per channel in the run's event log (beside the flow file). */
async function loggedHopsByEdge(): Promise<Record<string, number>> {
  const dir = join(e2eEnv().flows, 'live-checkout.events');
  const out: Record<string, number> = {};
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.ndjson')) continue;
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (!line) continue;
      const hop = JSON.parse(line) as { trace: { edgeId: string; replayId?: string } };
      if (hop.trace.replayId) continue;
      out[hop.trace.edgeId] = (out[hop.trace.edgeId] ?? 0) + 1;
    }
  }
  return out;
}

test.afterEach(({ page }) => stopRunIfRunning(page));

test('a run animates real hops on the right channels, pauses a consumer, and every counter adds up', async ({ page }) => {
  const doc = await writeFixture();
  await openFixture(page);

  await button(page, 'Run').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(status).toContainText('Connected');
  const brokerUrl = (await page.getByTestId('run-broker-url').textContent())?.trim() ?? '';
  expect(brokerUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);

  // An outside subscriber on the broker the status line names counts every message per topic.
  const watcher = await mqtt.connectAsync(brokerUrl, { clientId: `e2e-watch-${Date.now()}`, connectTimeout: 5_000, reconnectPeriod: 0 });
  const seenByTopic: Record<string, number> = {};
  watcher.on('message', (topic) => {
    seenByTopic[topic] = (seenByTopic[topic] ?? 0) + 1;
  });
  try {
    await watcher.subscribeAsync('#', { qos: 1 });

    // Pause the (durable) payment consumer: its backlog badge grows while orders arrive.
    await node(page, 'payment').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Pause consumer' }).click();
    await expect(page.getByTestId('node-counters-payment')).toHaveAttribute('data-paused', 'true');

    await node(page, 'storefront').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Fire event…' }).click();
    const fire = page.getByRole('dialog', { name: 'Fire from Storefront' });
    await expect(fire.getByLabel('Payload')).toHaveValue(/"orderId": "ord-000042"/);
    await fire.getByLabel('Count').fill(String(ORDERS));
    await fire.getByRole('button', { name: 'Fire', exact: true }).click();

    await expect.poll(() => nodeCounter(page, 'storefront', 'out'), { timeout: 15_000 }).toBe(ORDERS);
    await expect.poll(() => nodeCounter(page, 'payment', 'backlog'), { timeout: 10_000 }).toBe(ORDERS);
    expect(await nodeCounter(page, 'payment', 'in')).toBe(0);

    await node(page, 'payment').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Resume consumer' }).click();
    await expect.poll(() => nodeCounter(page, 'payment', 'in'), { timeout: 15_000 }).toBe(ORDERS);
    await expect.poll(() => nodeCounter(page, 'payment', 'backlog'), { timeout: 10_000 }).toBe(0);

    await waitUntilSettled(page, doc);
    const shown = await edgeCounts(page, doc);

    // Pulses were drawn on every channel that carried traffic and on no other.
    const pulses = await page.evaluate(() => window.__eventflowOverlay?.pulseCountsByEdge() ?? null);
    expect(pulses).not.toBeNull();
    const busy = doc.edges.filter((e) => (shown[e.id] ?? 0) > 0).map((e) => e.id);
    const idle = doc.edges.filter((e) => (shown[e.id] ?? 0) === 0).map((e) => e.id);
    expect(busy).toEqual(expect.arrayContaining(['storefront-orders', 'orders-payment', 'orders-inventory', 'payment-results']));
    expect(idle).toEqual(expect.arrayContaining(['login-failures', 'login-alerts', 'orders-review']));
    for (const id of busy) expect(pulses?.[id] ?? 0, `pulses on ${id}`).toBeGreaterThan(0);
    for (const id of idle) expect(pulses?.[id] ?? 0, `pulses on ${id}`).toBe(0);

    // Picking one of payment's events highlights its whole path, with a latency per hop.
    await node(page, 'payment').click();
    const events = page.getByRole('list', { name: 'Last events of Payment service' });
    await events.getByRole('listitem').filter({ hasText: 'shop/payments/requests' }).first().click();
    const path = page.locator('.react-flow__edge-path.ef-edge--on-path');
    await expect(page.getByTestId('waterfall').getByRole('listitem')).not.toHaveCount(0);
    const onPath = await path.evaluateAll((els) => els.map((el) => el.closest('.react-flow__edge')?.getAttribute('data-id')));
    expect(onPath).toEqual(expect.arrayContaining(['storefront-orders', 'orders-payment', 'payment-results']));
    expect(onPath).not.toContain('login-failures');
    await expect(page.getByTestId('event-json')).toContainText('"orderId": "ord-000042"');

    await button(page, 'Stop').click();
    await expect(status).toHaveAttribute('data-state', 'stopped');
    const final = await edgeCounts(page, doc);
    expect(final).toEqual(shown);

    // What the canvas says = what an outside subscriber saw = what the runtime logged.
    const logged = await loggedHopsByEdge();
    for (const e of doc.edges) {
      expect(final[e.id], `channel ${e.id} on the canvas vs the outside subscriber`).toBe(seenByTopic[e.topic] ?? 0);
      expect(final[e.id], `channel ${e.id} on the canvas vs the event log`).toBe(logged[e.id] ?? 0);
    }
    // Node counters agree with their channels.
    const into = (id: string) => doc.edges.filter((e) => e.target === id).reduce((n, e) => n + (final[e.id] ?? 0), 0);
    for (const id of ['payment', 'inventory', 'analytics', 'notifications', 'order-service']) {
      expect(await nodeCounter(page, id, 'in'), `${id} in`).toBe(into(id));
    }
    expect(await nodeCounter(page, 'storefront', 'out')).toBe(ORDERS);
  } finally {
    await watcher.endAsync(true);
  }
});

test('a replay sends logged events through the running flow again, drawn as replayed pulses', async ({ page }) => {
  const doc = await writeFixture();
  await openFixture(page);
  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await node(page, 'storefront').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Fire event…' }).click();
  const fire = page.getByRole('dialog', { name: 'Fire from Storefront' });
  await fire.getByLabel('Count').fill('5');
  await fire.getByRole('button', { name: 'Fire', exact: true }).click();
  await expect.poll(() => nodeCounter(page, 'storefront', 'out'), { timeout: 15_000 }).toBe(5);
  await waitUntilSettled(page, doc);
  const before = (await edgeCounts(page, doc))['storefront-orders'];

  await page.getByRole('tab', { name: 'Replay' }).click();
  const replay = page.getByTestId('replay-panel');
  // The timeline is this run's: the five orders that entered the flow, none of an earlier run.
  await expect(replay.getByLabel('Logged run')).toContainText('(this run)');
  await expect(replay.getByTestId('replay-summary')).toContainText(/^5 events entered the flow/);
  const sampledOut = async () => (await page.evaluate(() => window.__eventflowOverlay?.sampledOutByEdge() ?? {}))['storefront-orders'] ?? 0;
  const replayedDrawn = async () => (await page.evaluate(() => window.__eventflowOverlay?.replayedCountsByEdge() ?? {}))['storefront-orders'] ?? 0;
  const sampledBefore = await sampledOut();
  await replay.getByLabel('Replay speed').selectOption('100');
  await replay.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(replay.getByTestId('replay-progress')).toContainText(/of 5 event\(s\)/);
  // Every replayed hop is drawn as a replayed pulse, or counted as sampled when the channel already has its share moving.
  await expect.poll(async () => (await replayedDrawn()) + (await sampledOut()) - sampledBefore, { timeout: 15_000 }).toBe(5);
  expect(await replayedDrawn()).toBeGreaterThan(0);
  await expect.poll(async () => (await edgeCounts(page, doc))['storefront-orders'], { timeout: 15_000 }).toBe((before ?? 0) + 5);
  await expect(replay.getByTestId('replay-progress')).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(replay.getByTestId('replay-progress')).toContainText('Replayed 5 of 5 event(s)');
  await button(page, 'Stop').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
});

/** Fire `count` orders from the storefront through the Fire dialog and wait for them to leave it. */
async function fireOrders(page: Page, count: number, outBefore = 0): Promise<void> {
  await node(page, 'storefront').click();
  await page.getByTestId('fire-bar').getByRole('button', { name: 'Fire…' }).click();
  const fire = page.getByRole('dialog', { name: 'Fire from Storefront' });
  await fire.getByLabel('Count').fill(String(count));
  await fire.getByRole('button', { name: 'Fire', exact: true }).click();
  await expect.poll(() => nodeCounter(page, 'storefront', 'out'), { timeout: 15_000 }).toBe(outBefore + count);
}

test('a causal path is read from the run on screen, not from every run of the seeded flow in the log', async ({ page }) => {
  const doc = await writeFixture();
  await openFixture(page);
  const paths: number[] = [];
  for (let run = 0; run < 2; run++) {
    await button(page, 'Run').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
    await fireOrders(page, 3);
    await waitUntilSettled(page, doc);
    // The same seeded flow gives the same ids every run: the first order's path is the same path.
    await node(page, 'payment').click();
    await page.getByRole('tab', { name: 'Events' }).click();
    const events = page.getByRole('list', { name: 'Last events of Payment service' });
    await events.getByRole('listitem').filter({ hasText: 'shop/payments/requests' }).last().click();
    const hops = page.getByTestId('waterfall').getByRole('listitem');
    await expect(hops).not.toHaveCount(0);
    paths.push(await hops.count());
    // Each hop names the nodes it went between.
    await expect(hops.first()).toContainText('Storefront → Order events');
    await button(page, 'Stop').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
  }
  expect(paths[1]).toBe(paths[0]);
});

test('a logged run replays with no run this session: the flow starts with idle producers and only replayed events move', async ({ page }) => {
  const doc = await writeFixture();
  await openFixture(page);
  // Its own history: two logged runs of three orders each (whatever earlier tests logged too).
  for (let run = 0; run < 2; run++) {
    await button(page, 'Run').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
    await fireOrders(page, 3);
    await waitUntilSettled(page, doc);
    await button(page, 'Stop').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
  }
  // A new session of the page: nothing runs, the log beside the file holds the runs.
  await openFixture(page);
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-state', 'running');
  await page.getByRole('tab', { name: 'Replay' }).click();
  const replay = page.getByTestId('replay-panel');
  // The newest run is chosen, and its orders are counted.
  await expect(replay.getByLabel('Logged run').locator('option')).not.toHaveCount(0);
  await expect(replay.getByLabel('Logged run').locator('option')).not.toHaveCount(1);
  await expect(replay.getByTestId('replay-summary')).toContainText(/^3 events entered the flow/);
  await replay.getByLabel('Replay speed').selectOption('max');
  await replay.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => (await page.evaluate(() => window.__eventflowOverlay?.replayedCountsByEdge() ?? {}))['storefront-orders'] ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(replay.getByTestId('replay-progress')).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(replay.getByTestId('replay-progress')).toContainText('Replayed 3 of 3 event(s)');
  await waitUntilSettled(page, doc);
  // Idle producers: the orders channel carried the three replayed orders and nothing else.
  const counts = await edgeCounts(page, doc);
  expect(counts['storefront-orders']).toBe(3);
  expect(counts['login-failures']).toBe(0);
  await button(page, 'Stop').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
});

test('Run on a flow that does not compile shows its errors and runs nothing', async ({ page }) => {
  await writeCheckoutFixture('broken-checkout.eventflow.json', (doc) => {
    const payment = doc.nodes.find((n) => n.id === 'payment');
    if (!payment) throw new Error('the checkout example has no payment node');
    (payment.settings.failure as { when: string }).when = '$contains(data.paymentMethod.token, ';
  });
  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: 'Open broken-checkout.eventflow.json' }).click();
  await expect(node(page, 'payment')).toBeVisible();

  await button(page, 'Run').click();
  // Refused by the designer's own check, or (if that has not run yet) by the host's compile.
  await expect(page.getByText(/Not run: the flow has \d+ compile error\(s\)|the flow does not compile \(\d+ error\(s\)\).*not valid JSONata/).first()).toBeVisible();
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-state', 'running');
  await expect(button(page, 'Stop')).toBeDisabled();
  await expect(page.locator('[data-testid^="edge-count-"]')).toHaveCount(0);
});
