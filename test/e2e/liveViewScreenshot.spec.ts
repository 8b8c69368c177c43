import { expect, test } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { button, e2eEnv, node, openDesigner } from './designerPage';

const LIVE_VIEW = resolve(import.meta.dirname, '../../docs/screenshots/live-view.png');
/** Orders per second for the picture: busy enough that every main channel carries pulses. */
const STOREFRONT_RATE = 40;

test.use({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2, colorScheme: 'light' });

test('the live view running the checkout example, for the docs', async ({ page }, testInfo) => {
  const repo = resolve(import.meta.dirname, '../..');
  const doc = JSON.parse(await readFile(join(repo, 'examples/checkout.eventflow.json'), 'utf8')) as { nodes: { id: string; settings: Record<string, unknown> }[] };
  const storefront = doc.nodes.find((n) => n.id === 'storefront');
  if (storefront) storefront.settings.ratePerSecond = STOREFRONT_RATE;
  await writeFile(join(e2eEnv().flows, 'live-shot.eventflow.json'), JSON.stringify(doc, null, 2));

  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: 'Open live-shot.eventflow.json' }).click();
  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await page.waitForTimeout(4_000);
  await node(page, 'payment').click();
  await page.getByRole('list', { name: 'Last events of Payment service' }).getByRole('listitem').filter({ hasText: 'shop/payments/requests' }).first().click();
  await expect(page.getByTestId('waterfall').getByRole('listitem')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(800);
  await mkdir(dirname(LIVE_VIEW), { recursive: true });
  await page.screenshot({ path: testInfo.outputPath('live-view.png') });
  await page.screenshot({ path: LIVE_VIEW });
  await button(page, 'Stop').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
});
