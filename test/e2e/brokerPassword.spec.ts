import { expect, test } from '@playwright/test';
import { startMosquitto, type MosquittoBroker } from '../integration/harness/mosquitto';
import { writeCheckoutFixture } from './checkoutFixture';
import { button, clickEmptyCanvas, openDesigner, stopRunIfRunning } from './designerPage';

const FLOW_FILE = 'external-checkout.eventflow.json';
const USER = 'shop';
const PASSWORD = 'correct horse';

let broker: MosquittoBroker;

test.beforeAll(async () => {
  // A real Mosquitto that refuses anonymous clients and knows one user.
  broker = await startMosquitto({ user: { username: USER, password: PASSWORD } });
  await writeCheckoutFixture(FLOW_FILE, (doc) => {
    doc.broker = { kind: 'external', url: broker.url, mqttVersion: '5', username: USER, keepaliveSeconds: 30, topicPrefix: 'e2e-password/' };
    for (const n of doc.nodes) if (n.kind === 'producer') n.settings.mode = 'manual';
  });
});

test.afterAll(async () => {
  await broker?.stop();
});

test.afterEach(({ page }) => stopRunIfRunning(page));

test('an external broker asks for its password in a password field; a refused one is asked for again', async ({ page }) => {
  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: `Open ${FLOW_FILE}` }).click();
  await expect(page.getByTestId('document-title')).toContainText('external-checkout');

  // The profile shows its TLS settings beside URL and user.
  await clickEmptyCanvas(page);
  const flow = page.getByTestId('flow-inspector');
  await expect(flow.getByLabel('Broker URL')).toHaveValue(broker.url);
  await expect(flow.getByLabel('CA file')).toBeVisible();
  await expect(flow.getByLabel('Verify certificate')).toBeChecked();

  await button(page, 'Run').click();
  const dialog = page.getByRole('dialog', { name: 'Broker password' });
  await expect(dialog).toContainText(`${USER} at ${broker.url}`);
  const field = dialog.getByLabel('Password');
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toBeFocused();
  await field.fill('wrong');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not run' })).toBeVisible();

  await button(page, 'Run').click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await expect(page.getByTestId('run-status')).toContainText('Connected');
  await expect(page.getByTestId('run-broker-url')).toHaveText(broker.url);
});

test('Cancel in the password dialog runs nothing', async ({ page }) => {
  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: `Open ${FLOW_FILE}` }).click();
  await button(page, 'Run').click();
  const dialog = page.getByRole('dialog', { name: 'Broker password' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  // Still nothing half a second later: a run that started after the click would show by then.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'idle');
  await expect(button(page, 'Run')).toBeEnabled();
});
