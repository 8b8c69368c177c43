import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clickEmptyCanvas, e2eEnv, node, openDesigner } from './designerPage';

interface CheckoutJson {
  nodes: { id: string; kind: string; name: string }[];
  edges: { id: string; source: string; target: string }[];
}

test('every node and every channel of the checkout example opens in the inspector without breaking the page', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const doc = JSON.parse(await readFile(join(e2eEnv().examples, 'checkout.eventflow.json'), 'utf8')) as CheckoutJson;
  const nameOf = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  expect(doc.nodes.filter((n) => n.kind === 'broker').length).toBeGreaterThanOrEqual(2);
  await openDesigner(page);
  await expect(page.getByTestId('document-title')).toContainText('checkout');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  for (const n of doc.nodes) {
    await node(page, n.id).click();
    await expect(page.getByTestId('node-inspector').getByRole('heading', { level: 2 }), `inspector of ${n.id}`).toHaveText(n.name);
    if (n.kind === 'broker') {
      // A broker lists its routes: one per outgoing channel.
      const routes = doc.edges.filter((e) => e.source === n.id).length;
      await expect(inspector.getByText(`Routes (${routes})`)).toBeVisible();
    }
    await expect(page.getByTestId('panel-error')).toHaveCount(0);
  }

  for (const e of doc.edges) {
    await clickEmptyCanvas(page);
    await page.getByTestId(`edge-label-${e.id}`).click();
    await expect(page.getByTestId('channel-inspector').getByRole('heading', { level: 2 }), `inspector of ${e.id}`).toHaveText(
      `${nameOf(e.source)} → ${nameOf(e.target)}`,
    );
    await expect(page.getByTestId('panel-error')).toHaveCount(0);
  }

  await expect(page.locator('.react-flow__node')).toHaveCount(doc.nodes.length);
  expect(pageErrors).toEqual([]);
});
