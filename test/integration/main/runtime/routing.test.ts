import { describe, expect, it } from 'vitest';
import {
  BROKER_KINDS,
  channel,
  compile,
  consumer,
  outsideClient,
  producer,
  router,
  startTestRun,
  useBroker,
  waitFor,
} from '../../harness/runtimeHarness';

const types = [{ name: 'order.placed' }];

/** One consumer per pattern operator behind a fan-out broker node, plus a dead-letter channel. */
const OPERATOR_RULES: Record<string, Record<string, unknown>> = {
  exact: { data: { country: ['NL'] } },
  prefix: { data: { sku: [{ prefix: 'RG-' }] } },
  suffix: { data: { email: [{ suffix: '@example.com' }] } },
  anythingBut: { data: { status: [{ 'anything-but': ['test'] }] } },
  numeric: { data: { total: [{ numeric: ['>', 100, '<=', 500] }] } },
  exists: { data: { coupon: [{ exists: true }] } },
  ignoreCase: { data: { channel: [{ 'equals-ignore-case': 'web' }] } },
  wildcard: { data: { path: [{ wildcard: 'shop/*/checkout' }] } },
  or: { $or: [{ data: { vip: [true] } }, { data: { total: [{ numeric: ['>=', 1000] }] } }] },
  and: { type: ['order.placed'], data: { country: ['DE'], total: [{ numeric: ['<', 50] }] } },
};

function operatorFlow() {
  const names = Object.keys(OPERATOR_RULES);
  return compile({
    schemaVersion: 1,
    name: 'operators',
    eventTypes: types,
    nodes: [
      producer('shop', { eventType: 'order.placed', mode: 'manual' }),
      router('router'),
      ...names.map((n) => consumer(n)),
      consumer('dlq'),
    ],
    edges: [
      channel('in', 'shop', 'router', 'shop/orders'),
      ...names.map((n) => channel(`to-${n}`, 'router', n, `orders/${n}`, { rule: { pattern: OPERATOR_RULES[n] } })),
      channel('dead', 'router', 'dlq', 'orders/dead', { deadLetter: true }),
    ],
  });
}

describe.each(BROKER_KINDS)('content routing on %s', (kind) => {
  const broker = useBroker(kind);

  it('sends each event to exactly the channels whose pattern matches, and the rest to the dead-letter channel', async () => {
    const t = await startTestRun(operatorFlow(), broker.runOptions());
    const watcher = await outsideClient(t.url(), [`${t.prefix()}orders/dead`]);
    const e1 = await t.run.fire('shop', { country: 'NL', sku: 'RG-1', email: 'a@example.com', status: 'live', total: 120, channel: 'WEB', path: 'shop/eu/checkout' });
    const e2 = await t.run.fire('shop', { country: 'DE', total: 20, status: 'test', coupon: 'X', vip: true, sku: 'NE-1', email: 'x@example.org', channel: 'app', path: 'shop/cart' });
    const e3 = await t.run.fire('shop', { country: 'FR', total: 5, status: 'test', sku: 'NE-2', email: 'y@example.org', channel: 'app', path: 'shop/eu/cart' });
    const e4 = await t.run.fire('shop', { country: 'BE', total: 2000, status: 'x', sku: 'NE-3', email: 'b@example.org', channel: 'app', path: 'shop/eu/cart' });
    const expected: Record<string, string[]> = {
      exact: [e1], prefix: [e1], suffix: [e1], anythingBut: [e1, e4], numeric: [e1], exists: [e2],
      ignoreCase: [e1], wildcard: [e1], or: [e2, e4], and: [e2], dlq: [e3],
    };
    const deliveries = Object.values(expected).reduce((n, ids) => n + ids.length, 0);
    await waitFor('every routed event to be delivered', () => t.traces.filter((r) => r.outcome === 'delivered').length >= deliveries);
    await waitFor('the dead letter on the wire', () => watcher.messages.length === 1);
    for (const [name, ids] of Object.entries(expected)) {
      const edge = name === 'dlq' ? 'dead' : `to-${name}`;
      expect(t.hops(edge, 'delivered').map((r) => r.eventId).sort(), `consumer ${name}`).toEqual([...ids].sort());
    }
    // The router's inbound hop says what happened to each event, and why for the dead letter.
    const inbound = new Map(t.hops('in').map((r) => [r.eventId, r]));
    expect([e1, e2, e4].map((id) => inbound.get(id)?.outcome)).toEqual(['routed', 'routed', 'routed']);
    expect(inbound.get(e3)?.outcome).toBe('dead-lettered');
    expect(inbound.get(e3)?.reason).toMatch(/no rule of router matched/);
    const letter = JSON.parse(watcher.messages[0]!.payload);
    expect(letter).toMatchObject({ id: e3, type: 'order.placed', data: { country: 'FR' } });
    expect(letter.deadletterreason).toMatch(/no rule of router matched \(10 channels tested\)/);
    const m = t.run.metrics();
    const routerMetrics = m.nodes.find((n) => n.nodeId === 'router')!;
    expect(routerMetrics.counters).toMatchObject({ in: 4, out: 12, deadLettered: 1 });
    expect(m.unroutable).toBe(0);
  });

  it('first-match sends an event on the first matching channel only; fan-out on all of them', async () => {
    const flow = (mode: 'fan-out' | 'first-match') =>
      compile({
        schemaVersion: 1,
        name: `modes ${mode}`,
        eventTypes: types,
        nodes: [producer('shop', { eventType: 'order.placed', mode: 'manual' }), router('router', mode), consumer('big'), consumer('any')],
        edges: [
          channel('in', 'shop', 'router', 'shop/orders'),
          channel('to-big', 'router', 'big', 'orders/big', { rule: { pattern: { data: { total: [{ numeric: ['>', 100] }] } } } }),
          channel('to-any', 'router', 'any', 'orders/any', { rule: { topicFilter: 'shop/#' } }),
        ],
      });
    for (const mode of ['first-match', 'fan-out'] as const) {
      const t = await startTestRun(flow(mode), broker.runOptions());
      const big = await t.run.fire('shop', { total: 500 });
      const small = await t.run.fire('shop', { total: 5 });
      const expectedDeliveries = mode === 'first-match' ? 2 : 3;
      await waitFor(`${mode} deliveries`, () => t.traces.filter((r) => r.outcome === 'delivered').length >= expectedDeliveries);
      await t.run.stop();
      expect(t.hops('to-big', 'delivered').map((r) => r.eventId)).toEqual([big]);
      expect(t.hops('to-any', 'delivered').map((r) => r.eventId).sort()).toEqual(mode === 'first-match' ? [small] : [big, small].sort());
    }
  });

  it('counts an event that matches nothing as unroutable, with the reason, when no dead-letter channel is drawn', async () => {
    const t = await startTestRun(
      compile({
        schemaVersion: 1,
        name: 'unroutable',
        eventTypes: types,
        nodes: [producer('shop', { eventType: 'order.placed', mode: 'manual' }), router('router'), consumer('nl')],
        edges: [
          channel('in', 'shop', 'router', 'shop/orders'),
          channel('to-nl', 'router', 'nl', 'orders/nl', { rule: { pattern: { data: { country: ['NL'] } } } }),
        ],
      }),
      broker.runOptions(),
    );
    const lost = await t.run.fire('shop', { country: 'US' });
    const kept = await t.run.fire('shop', { country: 'NL' });
    const alsoLost = await t.run.fire('shop', { country: 'BE' });
    await waitFor('three hops at the router', () => t.hops('in').length === 3 && t.hops('to-nl').length === 1);
    const drop = t.hops('in').find((r) => r.eventId === lost)!;
    expect(drop.outcome).toBe('dropped');
    expect(drop.reason).toMatch(/no rule of router matched/);
    expect(t.hops('in').find((r) => r.eventId === alsoLost)!.outcome).toBe('dropped');
    expect(t.hops('to-nl')[0]!.eventId).toBe(kept);
    expect(t.run.metrics().unroutable).toBe(2);
    // The run says so once for the broker, with the fix, not once per event.
    const warnings = t.logs.filter((l) => l.level === 'warn' && l.nodeId === 'router');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/router \(router\): dropped an event it could not route \(no rule of router matched.*\) because it has no dead-letter channel; draw one/);
  });

  it('dead-letters a payload that is not a CloudEvent, published on a channel by an outside client, with the reason', async () => {
    const t = await startTestRun(operatorFlow(), broker.runOptions());
    const outside = await outsideClient(t.url(), [`${t.prefix()}orders/dead`]);
    await outside.client.publishAsync(`${t.prefix()}shop/orders`, 'hello, not json', { qos: 1 });
    await outside.client.publishAsync(`${t.prefix()}shop/orders`, JSON.stringify({ specversion: '1.0', id: 'x' }), { qos: 1 });
    await waitFor('two dead letters', () => outside.messages.length === 2);
    const letters = outside.messages.map((m) => JSON.parse(m.payload));
    expect(letters.map((l) => l.type)).toEqual(['eventflow.invalid', 'eventflow.invalid']);
    expect(letters[0].data.payload).toBe('hello, not json');
    expect(letters[0].deadletterreason).toMatch(/not a CloudEvent: payload is not JSON/);
    expect(letters[1].deadletterreason).toMatch(/source: must be a non-empty string|type: must be a non-empty string/);
    await waitFor('the router traces', () => t.hops('in', 'dead-lettered').length === 2);
    expect(t.run.status().state).toBe('running');
  });
});
