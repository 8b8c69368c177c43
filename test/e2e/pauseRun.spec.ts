import { expect, test, type Page } from '@playwright/test';
import { writeCheckoutFixture } from './checkoutFixture';
import { button, openDesigner, stopRunIfRunning } from './designerPage';

const FLOW_FILE = 'pause-checkout.eventflow.json';
/** The storefront's rate while the test runs (events per second). */
const RATE_PER_SECOND = 10;
/** Long enough for a metrics push (every 500 ms) to show the last events made before the pause. */
const METRICS_CATCH_UP_MS = 1_500;
/** How long the paused storefront is watched. */
const PAUSE_WATCH_MS = 1_000;

/** The checkout example with the storefront in rate mode and the other producers manual. */
async function writeFixture(): Promise<void> {
  await writeCheckoutFixture(FLOW_FILE, (doc) => {
    for (const n of doc.nodes) {
      if (n.kind !== 'producer') continue;
      if (n.id === 'storefront') Object.assign(n.settings, { mode: 'rate', ratePerSecond: RATE_PER_SECOND });
      else n.settings.mode = 'manual';
    }
  });
}

async function storefrontOut(page: Page): Promise<number> {
  return Number(await page.getByTestId('node-counters-storefront').getAttribute('data-out'));
}

test.afterEach(({ page }) => stopRunIfRunning(page));

test('Pause stops the storefront producing and Resume continues it', async ({ page }) => {
  await writeFixture();
  await openDesigner(page);
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: `Open ${FLOW_FILE}` }).click();
  await expect(page.getByTestId('document-title')).toContainText('pause-checkout');

  await expect(button(page, 'Pause')).toBeDisabled();
  await button(page, 'Run').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect.poll(() => storefrontOut(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);

  await button(page, 'Pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused');
  await expect(status).toContainText('Paused');
  await expect(button(page, 'Pause')).toHaveCount(0);
  await page.waitForTimeout(METRICS_CATCH_UP_MS);
  const paused = await storefrontOut(page);
  await page.waitForTimeout(PAUSE_WATCH_MS);
  expect(await storefrontOut(page)).toBe(paused);

  await button(page, 'Resume').click();
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(status).not.toContainText('Paused');
  await expect(button(page, 'Pause')).toBeEnabled();
  await expect.poll(() => storefrontOut(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(paused + 5);
});
