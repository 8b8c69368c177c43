import { expect, test } from '@playwright/test';
import { button, clickEmptyCanvas, newBlankFlow, node, nodePosition, nodes, openDesigner, shortcut } from './designerPage';

test('keyboard: add from the palette, duplicate, copy and paste, delete, select all, undo', async ({ page }) => {
  await openDesigner(page);
  await newBlankFlow(page);
  await button(page, 'Consumer').focus();
  await page.keyboard.press('Enter');
  await expect(nodes(page)).toHaveCount(1);
  await expect(page.getByTestId('node-inspector')).toContainText('Consumer');
  await shortcut(page, 'Mod+d');
  await expect(nodes(page)).toHaveCount(2);
  await expect(node(page, 'consumer-2')).toBeVisible();
  await shortcut(page, 'Mod+c');
  await shortcut(page, 'Mod+v');
  await expect(nodes(page)).toHaveCount(3);
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(2);
  await shortcut(page, 'Mod+a');
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(0);
  await shortcut(page, 'Mod+z');
  await expect(nodes(page)).toHaveCount(2);
});

test('shift-click selects several nodes; the inspector offers bulk actions', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'payment').click();
  await node(page, 'inventory').click({ modifiers: ['Shift'] });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText('2 nodes selected');
  await inspector.getByRole('button', { name: 'Duplicate' }).click();
  await expect(node(page, 'payment-service')).toContainText('Payment service 2');
  await expect(node(page, 'inventory-service')).toContainText('Inventory service 2');
});

test('Layout arranges the flow left to right as one undo step', async ({ page }) => {
  await openDesigner(page);
  const ids = ['storefront', 'order-events', 'payment', 'payment-results', 'order-service', 'fulfilment'];
  const before = await Promise.all(ids.map((id) => nodePosition(page, id)));
  await button(page, 'Layout').click();
  await expect.poll(async () => (await nodePosition(page, 'payment')).x !== before[2]!.x || (await nodePosition(page, 'payment')).y !== before[2]!.y).toBe(true);
  const after = await Promise.all(ids.map((id) => nodePosition(page, id)));
  for (let i = 1; i < after.length; i++) expect(after[i]!.x).toBeGreaterThan(after[i - 1]!.x);
  await clickEmptyCanvas(page);
  await shortcut(page, 'Mod+z');
  expect(await Promise.all(ids.map((id) => nodePosition(page, id)))).toEqual(before);
});

test('a channel’s routing rule: syntax errors explained, a sample event tested with the reason', async ({ page }) => {
  await openDesigner(page);
  await page.getByTestId('edge-label-orders-review').click();
  const inspector = page.getByTestId('channel-inspector');
  await expect(inspector).toContainText('Order events → Manual review');
  const verdict = inspector.getByTestId('rule-verdict');
  // The sample is the order example (total 770); the rule wants total >= 1000.
  await expect(verdict).toContainText('No match');
  await expect(verdict).toContainText('770');
  const sample = inspector.getByRole('textbox', { name: 'Sample event' });
  await sample.fill((await sample.inputValue()).replace('"total": 770', '"total": 1500'));
  await expect(verdict).toContainText('Match: this event takes the channel');
  const pattern = inspector.getByLabel('Content pattern (JSON)');
  await pattern.fill('{ "type": ["checkout.order.placed"], "data": { "total": [{ "numeric": [">=", 1000 }] } }');
  await expect(inspector.getByText(/line 1, column \d+/)).toBeVisible();
  await pattern.fill('{ "data": { "total": [{ "numeric": [">", 2000] }] } }');
  await expect(verdict).toContainText('No match');
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toBeVisible();
});

test('clicking a problem selects and reveals what it concerns', async ({ page }) => {
  await openDesigner(page);
  const fitted = (await node(page, 'payment').boundingBox())!;
  await node(page, 'payment').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Concurrency', { exact: true }).fill('0');
  await expect(inspector.getByText('must be > 0, got 0').first()).toBeVisible();
  await clickEmptyCanvas(page);
  await expect(page.getByTestId('flow-inspector')).toBeVisible();
  const problem = page.getByTestId('problem').and(page.locator('[data-node-id="payment"]')).first();
  await problem.click();
  await expect(page.getByTestId('node-inspector')).toContainText('Payment service');
  await expect(node(page, 'payment')).toHaveClass(/selected/);
  // Revealed: zoomed in on it, inside the visible canvas.
  await expect.poll(async () => (await node(page, 'payment').boundingBox())!.width).toBeGreaterThan(fitted.width * 1.5);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const box = (await node(page, 'payment').boundingBox())!;
  expect(box.x).toBeGreaterThan(pane.x);
  expect(box.x + box.width).toBeLessThan(pane.x + pane.width);
  expect(box.y).toBeGreaterThan(pane.y);
  expect(box.y + box.height).toBeLessThan(pane.y + pane.height);
});
