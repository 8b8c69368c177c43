import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import {
  button,
  clickEmptyCanvas,
  dragConnection,
  dragFromPalette,
  dragNode,
  e2eEnv,
  edges,
  newBlankFlow,
  node,
  nodePosition,
  nodes,
  openDesigner,
  readText,
  shortcut,
} from './designerPage';

test('build producer -> broker -> consumer with the mouse, edit, undo, save, reload and reopen the same document', async ({ page }) => {
  await openDesigner(page);
  await newBlankFlow(page);
  await expect(page.getByTestId('document-title')).toContainText('Untitled flow');

  // Drag the three building blocks from the palette.
  await dragFromPalette(page, 'Producer', { x: 160, y: 260 });
  await dragFromPalette(page, 'Broker', { x: 460, y: 260 });
  await expect(nodes(page)).toHaveCount(2);
  // The producer reaches nobody: a warning badge on it and a line in Problems.
  await expect(node(page, 'producer').getByTestId('problem-badge-warning')).toBeVisible();

  await dragFromPalette(page, 'Consumer', { x: 760, y: 260 });
  await expect(nodes(page)).toHaveCount(3);
  // A consumer nothing is connected to: the problem appears on it.
  await expect(node(page, 'consumer').getByTestId('problem-badge-warning')).toBeVisible();
  const consumerProblem = page.getByTestId('problem').and(page.locator('[data-node-id="consumer"]'));
  await expect(consumerProblem).toHaveCount(1);

  // Connect the handles by dragging.
  await dragConnection(page, 'producer', 'broker');
  await expect(edges(page)).toHaveCount(1);
  await dragConnection(page, 'broker', 'consumer');
  await expect(edges(page)).toHaveCount(2);
  // ...and the problem disappears.
  await expect(node(page, 'consumer').getByTestId('problem-badge-warning')).toHaveCount(0);
  await expect(consumerProblem).toHaveCount(0);
  await expect(page.getByText('No problems: the flow compiles.')).toBeVisible();

  // A refused connection says why while dragging, and is not made.
  await dragConnection(page, 'consumer', 'producer', async () => {
    await expect(page.getByTestId('connection-hint')).toContainText('is a producer');
  });
  await expect(edges(page)).toHaveCount(2);

  // Edit settings in the inspector, by label.
  await node(page, 'producer').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Name', { exact: true }).fill('Web shop');
  await inspector.getByLabel('Rate', { exact: true }).fill('12');
  await expect(node(page, 'producer')).toContainText('Web shop');
  await expect(node(page, 'producer')).toContainText('12/s');

  // An invalid value: an inline message, an error in Problems and on the node; fixed, all gone.
  await inspector.getByLabel('Jitter', { exact: true }).fill('1.5');
  await expect(inspector.getByText('must be <= 1, got 1.5')).toBeVisible();
  await expect(page.getByTestId('problem-count-errors')).toHaveText('1');
  await expect(node(page, 'producer').getByTestId('problem-badge-error')).toBeVisible();
  await inspector.getByLabel('Jitter', { exact: true }).fill('0.25');
  await expect(page.getByTestId('problem-count-errors')).toHaveText('0');
  await expect(node(page, 'producer').getByTestId('problem-badge-error')).toHaveCount(0);
  await expect(node(page, 'producer')).toContainText('jitter 25%');

  // Undo and redo: each field visit is one step, a drag is one step.
  await clickEmptyCanvas(page);
  const before = await nodePosition(page, 'consumer');
  await dragNode(page, 'consumer', { x: 0, y: 120 });
  const after = await nodePosition(page, 'consumer');
  expect(after.y - before.y).toBeGreaterThan(80);
  await shortcut(page, 'Mod+z');
  expect(await nodePosition(page, 'consumer')).toEqual(before);
  await shortcut(page, 'Mod+z');
  await expect(node(page, 'producer')).not.toContainText('jitter');
  await expect(node(page, 'producer')).toContainText('12/s');
  await shortcut(page, 'Mod+z');
  await expect(node(page, 'producer')).toContainText('1/s');
  await expect(node(page, 'producer')).toContainText('Web shop');
  await button(page, 'Undo').click();
  await expect(node(page, 'producer')).toContainText('Producer');
  await shortcut(page, 'Shift+Mod+z');
  await expect(node(page, 'producer')).toContainText('Web shop');
  await button(page, 'Redo').click();
  await button(page, 'Redo').click();
  await expect(node(page, 'producer')).toContainText('12/s');
  await expect(node(page, 'producer')).toContainText('jitter 25%');

  // Save: an untitled flow asks where.
  await shortcut(page, 'Mod+s');
  const saveAs = page.getByRole('dialog', { name: 'Save flow as' });
  await saveAs.getByLabel('File name').fill('e2e-three-nodes');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved e2e-three-nodes.eventflow.json')).toBeVisible();
  await expect(page.getByTestId('document-title')).toHaveText('e2e-three-nodes.eventflow.json');
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toHaveCount(0);
  await expect(page).toHaveTitle('e2e-three-nodes.eventflow.json — EventFlow Studio');
  const file = join(e2eEnv().flows, 'e2e-three-nodes.eventflow.json');
  const saved = await readText(file);
  const doc = JSON.parse(saved) as { nodes: { id: string; name: string }[]; edges: { source: string; target: string }[] };
  expect(doc.nodes.map((n) => n.name)).toEqual(['Web shop', 'Broker', 'Consumer']);
  expect(doc.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['producer->broker', 'broker->consumer']);

  // Reload: the start-up flow comes back; reopen the saved file from Open.
  await page.reload();
  await expect(node(page, 'storefront')).toBeVisible();
  await button(page, 'Open').click();
  await page.getByRole('dialog', { name: 'Open a flow' }).getByRole('button', { name: 'Open e2e-three-nodes.eventflow.json' }).click();
  await expect(nodes(page)).toHaveCount(3);
  await expect(edges(page)).toHaveCount(2);
  await expect(node(page, 'producer')).toContainText('Web shop');
  await expect(node(page, 'producer')).toContainText('12/s');

  // Saving it again writes the very same bytes: the document survived the round trip.
  await shortcut(page, 'Mod+s');
  await expect(page.getByText('Saved e2e-three-nodes.eventflow.json')).toBeVisible();
  expect(await readText(file)).toBe(saved);
});
