import { expect, test } from '@playwright/test';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { button, e2eEnv, node, nodes, openDesigner } from './designerPage';

/** The autosave runs a second after the last edit; a little more than that is waited for, never longer. */
const RECOVERY_WAIT_MS = 8_000;

test('New offers a template gallery: Blank and every example', async ({ page }) => {
  await openDesigner(page);
  await button(page, 'New').click();
  const gallery = page.getByRole('dialog', { name: 'New flow' });
  await expect(gallery.getByRole('listitem', { name: 'Blank' })).toBeVisible();
  await gallery.getByRole('listitem', { name: 'Retail checkout' }).click();
  await expect(node(page, 'order-events')).toBeVisible();
  // A template opens as an untitled copy: named after the flow, nothing unsaved yet.
  await expect(page.getByTestId('document-title')).toHaveText('Retail checkout');
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toHaveCount(0);
});

test('a file the loader refuses shows every error and the current flow stays', async ({ page }) => {
  const fixture = resolve(import.meta.dirname, '../fixtures/three-mistakes.eventflow.json');
  await copyFile(fixture, join(e2eEnv().flows, 'three-mistakes.eventflow.json'));
  await openDesigner(page);
  const before = await nodes(page).count();
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: 'Open three-mistakes.eventflow.json' }).click();
  const dialog = page.getByRole('dialog', { name: 'three-mistakes.eventflow.json could not be opened' });
  const errors = dialog.getByRole('list', { name: 'Load errors' });
  await expect(errors).toContainText('nodes[0].settings.ratePerSecond');
  await expect(errors).toContainText('must be > 0, got -5');
  await expect(errors).toContainText('nodes[1].kind');
  await expect(errors).toContainText('nodes[2].settings.concurrency');
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(dialog).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(before);
  await expect(node(page, 'storefront')).toBeVisible();
});

test('unsaved work is kept in a recovery copy and offered back after a crash', async ({ page }) => {
  await openDesigner(page);
  const before = await nodes(page).count();
  // Add a broker from the keyboard: focus the palette item, press Enter.
  await button(page, 'Broker').focus();
  await page.keyboard.press('Enter');
  await expect(nodes(page)).toHaveCount(before + 1);
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toBeVisible();

  const recoveryFile = join(e2eEnv().flows, '.eventflow-recovery', 'recovery.json');
  await expect
    .poll(async () => (await stat(recoveryFile).catch(() => null)) !== null, { timeout: RECOVERY_WAIT_MS })
    .toBe(true);
  const recovered = JSON.parse(await readFile(recoveryFile, 'utf8')) as { path: string; text: string };
  expect(recovered.path).toMatch(/checkout\.eventflow\.json$/);
  expect((JSON.parse(recovered.text) as { nodes: unknown[] }).nodes).toHaveLength(before + 1);

  // The tab goes away without saving (the leave prompt is accepted), then comes back.
  await page.reload();
  const banner = page.getByRole('alertdialog', { name: 'Recover unsaved changes' });
  await expect(banner).toContainText('Unsaved changes to checkout.eventflow.json were recovered');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(nodes(page)).toHaveCount(before + 1);
  await expect(node(page, 'broker')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toBeVisible();
  await expect(page.getByTestId('document-title')).toHaveText('checkout.eventflow.json');
});

test('the page opened without its session token explains what to do instead of staying blank', async ({ page }) => {
  const url = new URL(e2eEnv().url);
  await page.goto(`${url.origin}/`);
  await expect(page.getByRole('alert')).toContainText('opened without its session token');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});
