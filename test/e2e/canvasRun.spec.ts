import { expect, test, type Page } from '@playwright/test';
import { button, node, openDesigner, stopRunIfRunning } from './designerPage';
import type {} from '../../renderer/overlay/overlayTestHook';

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every node card's box on screen. */
async function cardBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.dataset.id ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

const intersect = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * What covers the middle of each card's name, each card's counters and each channel label: the
 * element found there must belong to that card or label (not a neighbour, not another label).
 */
async function coveredTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    const check = (el: Element, owner: Element, what: string) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      if (!hit || !owner.contains(hit)) covered.push(`${what} (under ${hit?.className.toString() ?? 'nothing'})`);
    };
    for (const card of document.querySelectorAll('.react-flow__node')) {
      const id = (card as HTMLElement).dataset.id;
      for (const part of card.querySelectorAll('.ef-node__name, .ef-node__stats')) check(part, card, `${part.className} of ${id}`);
    }
    for (const label of document.querySelectorAll('.ef-edge-label')) check(label, label, (label as HTMLElement).dataset.testid ?? 'a label');
    return covered;
  });
}

/** Pixels of the pulse overlay painted inside node cards and channel labels (pulses pass under both). */
async function pulsePixelsOnCardsAndLabels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="pulse-overlay"]');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const origin = canvas.getBoundingClientRect();
    const scale = canvas.width / origin.width;
    let painted = 0;
    for (const card of document.querySelectorAll('.react-flow__node, .ef-edge-label')) {
      const r = card.getBoundingClientRect();
      // A pixel in from the border: the card's own rounded edge is where a pulse enters it.
      const x = Math.round((r.x - origin.x + 3) * scale);
      const y = Math.round((r.y - origin.y + 3) * scale);
      const w = Math.round((r.width - 6) * scale);
      const h = Math.round((r.height - 6) * scale);
      if (w <= 0 || h <= 0) continue;
      const data = ctx.getImageData(x, y, w, h).data;
      for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) painted += 1;
    }
    return painted;
  });
}

test.afterEach(({ page }) => stopRunIfRunning(page));

test('during a run with a paused consumer, cards keep their size, never overlap, and nothing covers their text', async ({ page }) => {
  await openDesigner(page);
  await expect(node(page, 'payment')).toBeVisible();
  await page.getByRole('button', { name: 'Fit View' }).click();
  const before = new Map((await cardBoxes(page)).map((b) => [b.id, b]));

  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  await node(page, 'payment').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Pause consumer' }).click();
  await expect(page.getByTestId('node-counters-payment')).toHaveAttribute('data-paused', 'true');
  // The storefront keeps ordering: the paused consumer's backlog grows and its badge shows.
  await expect.poll(async () => Number(await page.getByTestId('node-counters-payment').getAttribute('data-backlog')), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('node-backlog-payment')).toBeVisible();
  await expect(node(page, 'payment').getByText('paused', { exact: true })).toBeVisible();
  await expect(page.getByTestId('edge-count-orders-payment')).toBeVisible();

  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
  const during = await cardBoxes(page);
  expect(during).toHaveLength(before.size);
  // The live view may refit the canvas (its panel opens), so compare shapes, not positions.
  const ratio = (during[0]?.width ?? 1) / (before.get(during[0]?.id ?? '')?.width ?? 1);
  for (const b of during) {
    const was = before.get(b.id);
    expect(was, b.id).toBeDefined();
    expect(b.height / ratio, `${b.id} height`).toBeCloseTo(was?.height ?? 0, 0);
    expect(b.width / ratio, `${b.id} width`).toBeCloseTo(was?.width ?? 0, 0);
  }
  for (let i = 0; i < during.length; i++) {
    for (let j = i + 1; j < during.length; j++) {
      const a = during[i] as Box;
      const b = during[j] as Box;
      expect(intersect(a, b), `${a.id} and ${b.id} overlap`).toBe(false);
    }
  }
  expect(await coveredTexts(page)).toEqual([]);

  // Pulses are moving, and none is drawn over a card or a label.
  await expect.poll(() => page.evaluate(() => window.__eventflowOverlay?.activePulses() ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
  for (let i = 0; i < 5; i++) {
    expect(await pulsePixelsOnCardsAndLabels(page)).toBe(0);
    await page.waitForTimeout(150);
  }
});

test('a manual producer fires one event from the button on its card', async ({ page }) => {
  await openDesigner(page);
  await node(page, 'storefront').click();
  await page.getByTestId('node-inspector').getByLabel('Mode').selectOption('manual');
  await button(page, 'Run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
  const fire = node(page, 'storefront').getByRole('button', { name: 'Fire one event from Storefront' });
  await fire.click();
  await fire.click();
  await expect.poll(async () => Number(await page.getByTestId('node-counters-storefront').getAttribute('data-out')), { timeout: 10_000 }).toBe(2);
  await expect(node(page, 'login-gateway').getByRole('button', { name: /^Fire one event/ })).toHaveCount(0);
});
