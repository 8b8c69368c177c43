import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimePlan } from '../../../../shared/compile/RuntimePlan';
import { runCli } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'eventflow-compile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eventflow compile', () => {
  it('prints the runtime plan as JSON and exits 0', async () => {
    const run = await runCli('compile', 'test/fixtures/hello.eventflow.json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const plan = JSON.parse(run.stdout) as RuntimePlan;
    expect(plan.flowName).toBe('Hello checkout');
    expect(plan.routes).toEqual({ 'shop/orders/placed': 'placed', 'orders/payment': 'to-payment' });
    expect(plan.entryEdges).toEqual(['placed']);
    expect(plan.nodes.map((n) => [n.nodeId, n.clientIdBase])).toEqual([
      ['storefront', 'ef-hello-checkout-storefront'],
      ['orders', 'ef-hello-checkout-orders'],
      ['payment', 'ef-hello-checkout-payment'],
    ]);
  });

  it('exits 1 with each compile error as `  <path>: <message>` naming node and channel, and prints no plan', async () => {
    const file = join(dir, 'into-producer.eventflow.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        name: 'Backwards',
        eventTypes: [{ name: 'order.placed' }],
        nodes: [
          { id: 'shop', kind: 'producer', name: 'Storefront', settings: { eventType: 'order.placed' } },
          { id: 'pay', kind: 'consumer', name: 'Payment' },
        ],
        edges: [
          { id: 'placed', source: 'shop', target: 'pay', topic: 'shop/orders' },
          { id: 'back', source: 'pay', target: 'shop', topic: 'payment/back' },
        ],
      }),
    );
    const run = await runCli('compile', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('1 compile error(s)');
    expect(run.stderr).toContain(
      '  edges[1].target: The channel "Payment → Storefront" (topic payment/back) goes into Producer "Storefront", but producers have no inputs; route into a broker or consumer. (node shop, channel back)',
    );
  });

  it('exits 1 with the load errors of a file that does not load', async () => {
    const run = await runCli('compile', 'test/fixtures/three-mistakes.eventflow.json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    for (const path of ['nodes[0].settings.ratePerSecond', 'nodes[1].kind', 'nodes[2].settings.concurrency']) {
      expect(run.stderr).toContain(`  ${path}: `);
    }
  });
});
