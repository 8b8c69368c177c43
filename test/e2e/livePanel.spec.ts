import { expect, test, type Page } from '@playwright/test';
import { button, node, openDesigner, stopRunIfRunning } from './designerPage';

/** Nodes whose box is not wholly inside the canvas's visible box. */
async function nodesOutOfView(page: Page): Promise<string[]> {
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  const out: string[] = [];
  for (const n of await page.locator('.react-flow__node').all()) {
    const box = await n.boundingBox();
    const id = (await n.getAttribute('data-id')) ?? '?';
    if (!box || box.x < canvas.x || box.y < canvas.y || box.x + box.width > canvas.x + canvas.width + 1 || box.y + box.height > canvas.y + canvas.height + 1) out.push(id);
  }
  return out;
}

test.afterEach(({ page }) => stopRunIfRunning(page));

test('the live panel waits folded until Run, then opens with every node in view, and folds again for another flow', async ({ page }) => {
  await openDesigner(page);
  const panel = page.getByTestId('live-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('event-inspector')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toContainText('Ready');

  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await expect(panel.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => nodesOutOfView(page), { timeout: 5_000 }).toEqual([]);
  // The toolbar keeps the whole file name while the status line is showing.
  const title = page.getByTestId('document-title').locator('.ef-doc__name');
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // The outcome keys stay in the legend however many event types the run has shown.
  const legend = page.getByTestId('pulse-legend');
  await expect.poll(() => legend.locator('.ef-legend__types .ef-legend__item').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
  for (const key of ['failed', 'dead-lettered', 'replayed']) await expect(legend.getByText(key, { exact: true })).toBeInViewport();

  await button(page, 'Stop').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
  await button(page, 'New').click();
  await page.getByRole('dialog', { name: 'New flow' }).getByRole('listitem', { name: 'Retail checkout' }).click();
  await expect(panel.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('run-status')).toContainText('Ready');
  await expect(page.locator('[data-testid^="edge-count-"]')).toHaveCount(0);
});

test('the metrics charts move while the flow runs', async ({ page }) => {
  await openDesigner(page);
  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await node(page, 'storefront').click();
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const chart = page.getByTestId('chart-throughput');
  await expect(chart.locator('canvas')).toBeVisible();
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(2);
  const first = Number(await chart.getAttribute('data-points'));
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(first + 2);
  // The storefront places orders all along: the newest point is a real rate, not a flat zero.
  await expect.poll(async () => Number(await chart.getAttribute('data-last')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByLabel('Node to chart')).toHaveValue('storefront');
});

test('Fire in the producer inspector waits for a run, and its dialog refuses a payload that is not JSON', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'storefront').click();
  const bar = page.getByTestId('fire-bar');
  await expect(bar.getByRole('button', { name: 'Fire…' })).toBeDisabled();
  await expect(bar).toContainText('Press Run first');

  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await expect(bar.getByRole('button', { name: 'Fire…' })).toBeEnabled();
  await bar.getByRole('button', { name: 'Fire…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fire from Storefront' });
  const payload = dialog.getByLabel('Payload');
  await expect(payload).toBeFocused();
  await expect(payload).toHaveValue(/"orderId"/);
  await payload.fill('{ "orderId": "ord-1",, }');
  await expect(dialog.getByRole('alert')).toContainText(/not JSON: .* at line 1, column \d+/);
  await expect(dialog.getByRole('button', { name: 'Fire', exact: true })).toBeDisabled();
  await payload.fill('{ "orderId": "ord-1" }');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('Count').fill('0');
  await expect(dialog.getByRole('button', { name: 'Fire', exact: true })).toBeDisabled();
  await dialog.getByLabel('Count').fill('2');
  await expect(dialog.getByRole('button', { name: 'Fire', exact: true })).toBeEnabled();
  // Tab stays inside the dialog; Escape closes it without firing.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The run menu's entry opens the same dialog.
  await node(page, 'storefront').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Fire event…' }).click();
  await expect(page.getByRole('dialog', { name: 'Fire from Storefront' })).toBeVisible();
  await page.keyboard.press('Escape');
});
