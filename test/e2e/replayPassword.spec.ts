import { expect, test, type Page } from '@playwright/test';
import { startMosquitto, type MosquittoBroker } from '../integration/harness/mosquitto';
import { writeCheckoutFixture } from './checkoutFixture';
import { button, openDesigner, stopRunIfRunning } from './designerPage';

/**
 * Replay on an external broker that wants a password, in browser mode: a replay with nothing
 * running starts the flow, so it asks for the password as Run does; afterwards the replay
 * panel opens on the run with history, and marks the replay's own run "replays only".
 */
const FLOW_FILE = 'replay-password.eventflow.json';
const USER = 'shop';
const PASSWORD = 'battery staple';
const ORDERS = 4;

let broker: MosquittoBroker;

test.beforeAll(async () => {
  broker = await startMosquitto({ user: { username: USER, password: PASSWORD } });
  await writeCheckoutFixture(FLOW_FILE, (doc) => {
    doc.broker = { kind: 'external', url: broker.url, mqttVersion: '5', username: USER, keepaliveSeconds: 30, topicPrefix: 'e2e-replay-password/' };
    for (const n of doc.nodes) {
      if (n.kind !== 'producer') continue;
      if (n.id === 'storefront') Object.assign(n.settings, { mode: 'rate', ratePerSecond: 10, limit: { count: ORDERS } });
      else n.settings.mode = 'manual';
    }
  });
});

test.afterAll(async () => {
  await broker?.stop();
});

test.afterEach(({ page }) => stopRunIfRunning(page));

async function openFlow(page: Page): Promise<void> {
  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: `Open ${FLOW_FILE}` }).click();
  await expect(page.getByTestId('document-title')).toContainText('replay-password');
}

test('a replay that starts the flow on a password broker asks for it; the panel then opens on the run with history', async ({ page }) => {
  await openFlow(page);
  await button(page, 'Run').click();
  const dialog = page.getByRole('dialog', { name: 'Broker password' });
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await page.getByRole('tab', { name: 'Replay' }).click();
  const replay = page.getByTestId('replay-panel');
  await expect(replay.getByTestId('replay-summary')).toContainText(`${ORDERS} events entered the flow`, { timeout: 20_000 });
  await button(page, 'Stop').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');

  // A new page: the password typed earlier is gone, and nothing runs.
  await openFlow(page);
  await page.getByRole('tab', { name: 'Replay' }).click();
  await expect(replay.getByTestId('replay-summary')).toContainText(`${ORDERS} events entered the flow`);
  await replay.getByLabel('Replay speed').selectOption('max');
  await replay.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(dialog).toContainText(`${USER} at ${broker.url}`);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await expect(replay.getByTestId('replay-progress')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(replay.getByTestId('replay-progress')).toContainText(`Replayed ${ORDERS} of ${ORDERS} event(s)`);

  await button(page, 'Stop').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
  // The replay's own run is listed, marked, and not the one the panel opens on.
  const picker = replay.getByLabel('Logged run');
  await expect(picker.locator('option', { hasText: 'replays only' })).toHaveCount(1, { timeout: 10_000 });
  await expect(picker.locator('option:checked')).not.toContainText('replays only');
  await expect(replay.getByTestId('replay-summary')).toContainText(`${ORDERS} events entered the flow`);
  await expect(replay.getByRole('button', { name: 'Replay', exact: true })).toBeEnabled();
});
