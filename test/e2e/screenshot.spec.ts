import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { node, openDesigner } from './designerPage';

const FRONT_PAGE = resolve(import.meta.dirname, '../../docs/screenshots/designer.png');

test.use({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2, colorScheme: 'light' });

test('the designer with the checkout example, for the front page', async ({ page }, testInfo) => {
  await openDesigner(page);
  await expect(node(page, 'fulfilment')).toBeVisible();
  // Show a routing rule being tested: the channel into Manual review (orders of 1000 or more).
  await page.getByTestId('edge-label-orders-review').click();
  const inspector = page.getByTestId('channel-inspector');
  const sample = inspector.getByRole('textbox', { name: 'Sample event' });
  await sample.fill((await sample.inputValue()).replace('"total": 770', '"total": 1480'));
  await expect(inspector.getByTestId('rule-verdict')).toContainText('Match: this event takes the channel');
  await inspector.getByRole('region', { name: 'Routing rule' }).scrollIntoViewIfNeeded();
  await page.getByRole('complementary', { name: 'Inspector' }).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600); // the fit animation
  await mkdir(dirname(FRONT_PAGE), { recursive: true });
  await page.screenshot({ path: testInfo.outputPath('designer.png') });
  await page.screenshot({ path: FRONT_PAGE });
});
