import { expect, test, type Page } from '@playwright/test';
import { node, openDesigner } from './designerPage';

/** Wheel steps that take the checkout example from fit view well below FAR_ZOOM (0.35), and back. */
const WHEEL_STEPS = 12;
const WHEEL_DELTA = 120;
/** Quicker than React Flow's end-of-wheel-gesture delay (about 150 ms): one continuous gesture. */
const WHEEL_INTERVAL_MS = 16;

async function wheel(page: Page, direction: 1 | -1): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < WHEEL_STEPS; i++) {
    await page.mouse.wheel(0, direction * WHEEL_DELTA);
    await page.waitForTimeout(WHEEL_INTERVAL_MS);
  }
}

const zoom = (page: Page): Promise<number> =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

test('zoomed far out, cards become boxes once the wheel gesture ends, and read again when zoomed back in', async ({ page }) => {
  await openDesigner(page);
  const canvas = page.getByTestId('canvas');
  const title = node(page, 'storefront').getByText('Storefront', { exact: true });
  await expect(title).toBeVisible();
  await expect(canvas).not.toHaveClass(/\bis-far\b/);

  await wheel(page, 1);
  expect(await zoom(page)).toBeLessThan(0.35);
  // The switch waits for the end of the gesture, then happens once.
  await expect(canvas).toHaveClass(/\bis-far\b/);
  await expect(title).toBeHidden();

  await wheel(page, -1);
  expect(await zoom(page)).toBeGreaterThan(0.35);
  await expect(canvas).not.toHaveClass(/\bis-far\b/);
  await expect(title).toBeVisible();
});
