import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { e2eEnv } from './designerPage';

/** The parts of the checkout example that tests change or read. */
export interface CheckoutJson {
  broker: unknown;
  nodes: { id: string; kind: string; settings: Record<string, unknown> }[];
  edges: { id: string; topic: string; source: string; target: string }[];
}

/**
 * Write the repository's checkout example, as `change` leaves it (producers switched to manual,
 * another broker, ...), into the host's flow folder as `fileName`, where the Open dialog lists
 * it; returns what was written.
 */
export async function writeCheckoutFixture(fileName: string, change: (doc: CheckoutJson) => void): Promise<CheckoutJson> {
  const repo = resolve(import.meta.dirname, '../..');
  const doc = JSON.parse(await readFile(join(repo, 'examples/checkout.eventflow.json'), 'utf8')) as CheckoutJson;
  change(doc);
  await writeFile(join(e2eEnv().flows, fileName), `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}
