import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Helpers that drive the designer the way a person does: by role, label and mouse. */

export function e2eEnv(): { url: string; flows: string; examples: string } {
  const { E2E_URL, E2E_FLOWS, E2E_EXAMPLES } = process.env;
  if (!E2E_URL || !E2E_FLOWS || !E2E_EXAMPLES) throw new Error('E2E_* variables missing: run through playwright.config.ts (its global setup starts the host)');
  return { url: E2E_URL, flows: E2E_FLOWS, examples: E2E_EXAMPLES };
}

/** Open the designer, wait until the start-up flow is on the canvas, and decline an old recovery offer. */
export async function openDesigner(page: Page): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(e2eEnv().url);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const discard = page.getByRole('button', { name: 'Discard', exact: true });
  if (await discard.isVisible()) await discard.click();
}

export const node = (page: Page, id: string): Locator => page.getByTestId(`rf__node-${id}`);
export const nodes = (page: Page): Locator => page.locator('.react-flow__node');
export const edges = (page: Page): Locator => page.locator('.react-flow__edge');
export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });

/**
 * Stop the run if one is going, and wait until the status says stopped: teardown, so a failed
 * test does not leave its run going for the next one (the host keeps one run).
 */
export async function stopRunIfRunning(page: Page): Promise<void> {
  const stop = button(page, 'Stop');
  if ((await stop.count()) > 0 && (await stop.isEnabled())) {
    await stop.click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'stopped');
  }
}

/** Start a blank flow from the New gallery. */
export async function newBlankFlow(page: Page): Promise<void> {
  await button(page, 'New').click();
  await page.getByRole('dialog', { name: 'New flow' }).getByRole('listitem', { name: 'Blank' }).click();
  await expect(nodes(page)).toHaveCount(0);
}

/** Drag a palette item onto the canvas, `at` pixels from the canvas's top-left corner. */
export async function dragFromPalette(page: Page, name: string, at: { x: number; y: number }): Promise<void> {
  const canvas = page.getByTestId('canvas');
  await button(page, name).dragTo(canvas, { targetPosition: at });
}

/** The centre of an element on the page. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drag a channel from one node's output handle towards another node's input handle (or, when
 * it has none, its body); `beforeDrop` runs while the pointer is over the target.
 */
export async function dragConnection(page: Page, fromId: string, toId: string, beforeDrop?: () => Promise<void>): Promise<void> {
  const from = await centre(node(page, fromId).locator('.react-flow__handle.source'));
  const targetHandle = node(page, toId).locator('.react-flow__handle.target');
  const to = (await targetHandle.count()) > 0 ? await centre(targetHandle) : await centre(node(page, toId));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  }
  if (beforeDrop) await beforeDrop();
  await page.mouse.up();
}

/** Move a node by dragging its header. */
export async function dragNode(page: Page, id: string, by: { x: number; y: number }): Promise<void> {
  const start = await centre(node(page, id).locator('.ef-node__header'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(start.x + (by.x * i) / 8, start.y + (by.y * i) / 8);
  await page.mouse.up();
}

/** The node's position on the canvas, from React Flow's transform (flow coordinates). */
export async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await node(page, id).evaluate((el) => (el as HTMLElement).style.transform);
  const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no position in ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

/** Press a shortcut with Ctrl (Playwright's ControlOrMeta would be Cmd on a Mac runner). */
export async function shortcut(page: Page, keys: string): Promise<void> {
  await page.keyboard.press(keys.replace('Mod', 'ControlOrMeta'));
}

/** Click on an empty spot of the canvas (clears the selection, takes focus off fields). */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('canvas not visible');
  await page.mouse.click(box.x + 24, box.y + 24);
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
