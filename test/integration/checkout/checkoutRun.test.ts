import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { MetricsSnapshot } from '../../../shared/bridge/runEvents';
import type { RuntimePlan } from '../../../shared/compile/RuntimePlan';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { startRun, type Run } from '../../../main/runtime/startRun';
import {
  BROKERS,
  OutsideSubscriber,
  compileClean,
  consumer,
  edgeCount,
  firstOrderIds,
  loadCheckoutFlow,
  mosquittoPub,
  nodeMetrics,
  orderOf,
  producer,
  seqOf,
  uniquePrefix,
  waitFor,
  type PlacedOrder,
  type TestBroker,
} from './checkoutScenario';

/**
 * The checkout example, run end to end with a fixed seed and a fixed number of orders, on the
 * runtime's embedded broker (aedes) and on a real Mosquitto. Everything is counted twice: from
 * an outside MQTT client subscribed to `#` (what mosquitto_sub would show) and from the run's
 * own metrics, and the two must agree.
 */

const SEED = 1;
/** Orders the storefront places: covers two fraud-ring runs (ord 20-23, 50-53), one bulk order (25) and six test-range cards. */
const ORDERS = 60;
/** Failed logins the gateway sends: one brute-force run of 15 against "admin" (seq 10-24). */
const LOGINS = 40;
/** The example's brute-force threshold: an alert for more than this many failures in a window. */
const BRUTE_FORCE_THRESHOLD = 5;
/** A faster storefront than the example's 5/s, so the suite stays short. */
const TEST_RATE_PER_SECOND = 40;
/** The test shortens the brute-force window so a second window fits in the test. */
const LOGIN_WINDOW_SECONDS = 1;
/** Attempts in the brute-force burst the test fires by hand after the first window: more than twice the threshold. */
const MANUAL_BURST = 15;
/**
 * Orders whose card gateway the test makes time out on every attempt (ord-000013, -33, -53), so
 * that the give-up path (retries, then dead letter and payment.failed) is taken in every run.
 */
const GATEWAY_DOWN_WHEN = '$number($substring(data.orderId, 4)) % 20 = 13';
const GATEWAY_DOWN_ORDERS = ['ord-000013', 'ord-000033', 'ord-000053'];
const DRAIN_MS = 5_000;

const MALFORMED = 'this is not an order';
const UNKNOWN_TYPE_EVENT = {
  specversion: '1.0',
  id: 'injected-cart-abandoned-1',
  type: 'checkout.cart.abandoned',
  source: 'test://outside',
  data: { cartId: 'cart-1' },
};
/** What `mosquitto_pub -t shop/payments/results -m '{"bad":1}'` sends: JSON, not a CloudEvent. */
const NOT_A_RESULT = '{"bad":1}';
const NOT_A_LOGIN = 'garbage from a broken gateway';

/** The example, changed only where a test must: order and login counts, rates, the login window, a gateway that is down for some orders. */
function testPlan(): { plan: RuntimePlan; initialStock: Record<string, number>; schemas: Map<string, Record<string, unknown>> } {
  const doc = loadCheckoutFlow();
  const storefront = producer(doc, 'storefront');
  storefront.settings.ratePerSecond = TEST_RATE_PER_SECOND;
  storefront.settings.limit = { count: ORDERS };
  const logins = producer(doc, 'login-gateway');
  logins.settings.ratePerSecond = TEST_RATE_PER_SECOND;
  logins.settings.limit = { count: LOGINS };
  const securityRules = consumer(doc, 'security-monitor').settings.monitor!.rules;
  securityRules[0]!.windowSeconds = LOGIN_WINDOW_SECONDS;
  const payment = consumer(doc, 'payment').settings;
  payment.transientError = { ...payment.transientError, when: GATEWAY_DOWN_WHEN };
  const initialStock = consumer(doc, 'inventory').settings.state!.initial as Record<string, number>;
  const schemas = new Map(doc.eventTypes.flatMap((t) => (t.schema ? [[t.name, t.schema] as const] : [])));
  return { plan: compileClean(doc), initialStock: { ...initialStock }, schemas };
}

interface Observed {
  outside: OutsideSubscriber;
  final: MetricsSnapshot;
  plan: RuntimePlan;
  initialStock: Record<string, number>;
  schemas: Map<string, Record<string, unknown>>;
  placed: CloudEvent[];
  ordersById: Map<string, PlacedOrder>;
  stillRunningAfterInjection: boolean;
  ordersSeenAtInjection: number;
}

describe.each(BROKERS)('the checkout example on $name', (brokerKind) => {
  let broker: TestBroker | undefined;
  let run: Run | undefined;
  let seen: Observed;

  beforeAll(async () => {
    broker = await brokerKind.start();
    const prefix = uniquePrefix();
    const { plan, initialStock, schemas } = testPlan();
    const outside = await OutsideSubscriber.connect(broker.url, prefix);
    run = await startRun(plan, { brokerUrl: broker.url, topicPrefix: prefix, seed: SEED });
    const placedCount = () => outside.events('shop/orders/placed', 'checkout.order.placed').length;

    // A user pokes the running flow from a shell: garbage, then a valid event nobody routes.
    await waitFor(() => placedCount() >= 10, () => `10 placed orders (saw ${placedCount()})`);
    const ordersSeenAtInjection = placedCount();
    await mosquittoPub(broker.url, `${prefix}shop/orders/placed`, MALFORMED);
    await mosquittoPub(broker.url, `${prefix}shop/orders/placed`, JSON.stringify(UNKNOWN_TYPE_EVENT));
    await mosquittoPub(broker.url, `${prefix}shop/payments/results`, NOT_A_RESULT);
    await mosquittoPub(broker.url, `${prefix}shop/auth/logins/failed`, NOT_A_LOGIN);
    const stillRunningAfterInjection = run.status().state === 'running';

    const settled = () => {
      const results = outside.events('shop/payments/results', 'payment.succeeded').length + outside.events('shop/payments/results', 'payment.failed').length;
      const succeeded = outside.events('shop/payments/results', 'payment.succeeded').length;
      return (
        placedCount() === ORDERS &&
        results === ORDERS &&
        outside.on('shop/notifications/payments').length === ORDERS &&
        outside.on('shop/orders/confirmed').length === succeeded &&
        outside.on('shop/inventory/levels').length === ORDERS &&
        outside.on('shop/replicas/analytics/orders').length === ORDERS &&
        outside.on('shop/replicas/warehouse/orders').length === ORDERS &&
        outside.on('shop/deadletter/orders').length === 2 &&
        outside.on('shop/deadletter/payment-results').length === 1 &&
        outside.on('shop/deadletter/logins').length === 1 &&
        outside.on('shop/auth/logins/failed').length === LOGINS + 1 &&
        // At least: how many there are is what a test below checks, with what was seen.
        outside.on('shop/security/alerts/logins').length >= 1
      );
    };
    await waitFor(settled, () => `the checkout to settle; outside counts ${JSON.stringify(Object.fromEntries(outside.countsByTopic()))}`);

    // A second brute-force burst, after the first window has passed.
    await new Promise((r) => setTimeout(r, LOGIN_WINDOW_SECONDS * 1000 + 200));
    for (let i = 0; i < MANUAL_BURST; i++) {
      await run.fire('login-gateway', { username: 'admin', ip: '203.0.113.66', reason: 'bad_password', userAgent: 'python-requests/2.32' });
    }
    await waitFor(
      () => outside.on('shop/auth/logins/failed').length === LOGINS + 1 + MANUAL_BURST && outside.on('shop/security/alerts/logins').length >= 2,
      () => `the second burst and its alert (${outside.on('shop/security/alerts/logins').length} login alerts)`,
    );

    const final = await run.stop({ drainMs: DRAIN_MS });
    // The outside client may still be reading the last publishes; wait (bounded) until it has them all.
    const metricsTotal = final.edges.reduce((n, e) => n + e.count, 0);
    const outsideTotal = () => Object.keys(plan.routes).reduce((n, t) => n + outside.on(t).length, 0);
    // No failure here: if it never catches up, the channel-by-channel comparison below shows where.
    await waitFor(() => outsideTotal() >= metricsTotal, () => `the outside subscriber to catch up (${outsideTotal()} of ${metricsTotal})`, 3_000).catch(() => {});

    const placed = outside.events('shop/orders/placed', 'checkout.order.placed');
    seen = {
      outside,
      final,
      plan,
      initialStock,
      schemas,
      placed,
      ordersById: new Map(placed.map((e) => [orderOf(e).orderId, orderOf(e)])),
      stillRunningAfterInjection,
      ordersSeenAtInjection,
    };
  });

  afterAll(async () => {
    await run?.stop({ drainMs: 0 }).catch(() => {});
    await seen?.outside.close().catch(() => {});
    await broker?.stop();
  });

  const ids = (events: CloudEvent[]) => events.map((e) => (e.data as { orderId: string }).orderId);
  const sorted = (xs: string[]) => [...xs].sort();

  it('places exactly N distinct orders', () => {
    expect(sorted(ids(seen.placed))).toEqual(firstOrderIds(ORDERS));
    expect(nodeMetrics(seen.final, 'storefront').counters.out).toBe(ORDERS);
  });

  it('attempts payment exactly N times: once per order', () => {
    const { outside, final } = seen;
    expect(sorted(ids(outside.events('shop/payments/requests')))).toEqual(firstOrderIds(ORDERS));
    expect(nodeMetrics(final, 'payment').counters.in).toBe(ORDERS);
  });

  it('answers every order exactly once: succeeded + failed = N, a gateway give-up included as failed', () => {
    const { outside, final } = seen;
    const succeeded = ids(outside.events('shop/payments/results', 'payment.succeeded'));
    const failed = outside.events('shop/payments/results', 'payment.failed');
    expect(succeeded.length + failed.length).toBe(ORDERS);
    expect(sorted([...succeeded, ...ids(failed)])).toEqual(firstOrderIds(ORDERS));
    // A give-up is dead-lettered (with the order as it was) and answered as failed, so the customer is told.
    const gaveUp = ids(outside.events('shop/deadletter/payments'));
    const timedOut = failed.filter((e) => (e.data as { reason: string }).reason === 'gateway_timeout');
    expect(sorted(ids(timedOut))).toEqual(sorted(gaveUp));
    expect(gaveUp).toEqual(expect.arrayContaining(GATEWAY_DOWN_ORDERS));
    for (const letter of outside.events('shop/deadletter/payments')) {
      expect(letter.type).toBe('checkout.order.placed');
      expect(String(letter.deadletterreason)).toMatch(/transient error on all 4 attempts \(retry.maxRetries is 3\)/);
    }
    expect(nodeMetrics(final, 'payment').counters.deadLettered).toBe(gaveUp.length);
    // The failed badge agrees with the payment.failed answers: declined cards and give-ups (which
    // are counted as dead-lettered too).
    expect(nodeMetrics(final, 'payment').counters.failed).toBe(failed.length);
  });

  it('declines every card of the test range with card_declined, and few others', () => {
    const failed = seen.outside.events('shop/payments/results', 'payment.failed');
    const reasonOf = new Map(failed.map((e) => [(e.data as { orderId: string }).orderId, (e.data as { reason: string }).reason]));
    const testRange = firstOrderIds(ORDERS).filter((id) => seen.ordersById.get(id)!.paymentMethod.token.startsWith('tok_decline_'));
    expect(testRange).toEqual(firstOrderIds(ORDERS).filter((id) => seqOf(id) % 10 === 7));
    for (const id of testRange) expect(reasonOf.get(id), id).toBe('card_declined');
    const gaveUp = ids(seen.outside.events('shop/deadletter/payments'));
    const others = [...reasonOf].filter(([id]) => !testRange.includes(id) && !gaveUp.includes(id));
    for (const [, reason] of others) expect(reason).toBe('do_not_honor');
    expect(others.length).toBeLessThan(ORDERS * 0.15);
  });

  it('tells every customer how the payment went (notifications = N), confirms exactly the paid ones, and keeps each checkout correlated', () => {
    const { outside } = seen;
    const results = [...outside.events('shop/payments/results', 'payment.succeeded'), ...outside.events('shop/payments/results', 'payment.failed')];
    const notified = outside.events('shop/notifications/payments');
    expect(notified).toHaveLength(ORDERS);
    expect(sorted(ids(notified))).toEqual(firstOrderIds(ORDERS));
    expect(nodeMetrics(seen.final, 'notifications').counters.in).toBe(ORDERS);
    const succeeded = ids(outside.events('shop/payments/results', 'payment.succeeded'));
    const confirmed = outside.events('shop/orders/confirmed', 'order.confirmed');
    expect(confirmed).toHaveLength(succeeded.length);
    expect(sorted(ids(confirmed))).toEqual(sorted(succeeded));
    const placedByOrder = new Map(seen.placed.map((e) => [orderOf(e).orderId, e]));
    for (const e of [...results, ...confirmed]) {
      const order = placedByOrder.get((e.data as { orderId: string }).orderId)!;
      expect(e.correlationid).toBe(order.correlationid);
    }
    for (const e of results) expect(e.causationid).toBe(placedByOrder.get((e.data as { orderId: string }).orderId)!.id);
  });

  it('gives each replica its own copy of every order', () => {
    for (const topic of ['shop/replicas/analytics/orders', 'shop/replicas/warehouse/orders']) {
      expect(sorted(ids(seen.outside.events(topic))), topic).toEqual(firstOrderIds(ORDERS));
    }
    expect(nodeMetrics(seen.final, 'analytics').counters.in).toBe(ORDERS);
    expect(nodeMetrics(seen.final, 'warehouse').counters.in).toBe(ORDERS);
  });

  it('routes exactly the orders of 1000 EUR or more to manual review', () => {
    const large = firstOrderIds(ORDERS).filter((id) => seen.ordersById.get(id)!.total >= 1000);
    expect(large.length).toBeGreaterThan(0);
    expect(sorted(ids(seen.outside.events('shop/orders/review')))).toEqual(large);
  });

  it('takes exactly the ordered quantities from stock and reports out-of-stock exactly when a SKU reaches zero', () => {
    const { outside, initialStock } = seen;
    // Replay the stock in the order the inventory service received the orders.
    const stock = { ...initialStock };
    const expectedRemaining = new Map<string, Record<string, number>>();
    const expectedOutOfStock: string[] = [];
    for (const e of outside.events('shop/inventory/reservations')) {
      const order = orderOf(e);
      const after: Record<string, number> = {};
      for (const item of order.items) {
        const before = stock[item.sku]!;
        stock[item.sku] = before - item.quantity;
        after[item.sku] = stock[item.sku]!;
        if (before > 0 && stock[item.sku]! <= 0) expectedOutOfStock.push(`${item.sku}@${order.orderId}`);
      }
      expectedRemaining.set(order.orderId, after);
    }
    expect(expectedRemaining.size).toBe(ORDERS);

    const updates = outside.events('shop/inventory/levels', 'inventory.updated');
    expect(updates).toHaveLength(ORDERS);
    const taken = updates.flatMap((e) => (e.data as { changes: { quantity: number }[] }).changes).reduce((n, c) => n + c.quantity, 0);
    const ordered = seen.placed.flatMap((e) => orderOf(e).items).reduce((n, i) => n + i.quantity, 0);
    expect(taken).toBe(ordered);
    for (const e of updates) {
      const data = e.data as { orderId: string; changes: { sku: string; remaining: number }[] };
      expect(Object.fromEntries(data.changes.map((c) => [c.sku, c.remaining])), data.orderId).toEqual(expectedRemaining.get(data.orderId));
    }

    const outOfStock = outside.events('shop/inventory/out-of-stock', 'inventory.out_of_stock');
    expect(expectedOutOfStock.length).toBeGreaterThan(0);
    expect(sorted(outOfStock.map((e) => `${(e.data as { sku: string }).sku}@${(e.data as { orderId: string }).orderId}`))).toEqual(
      sorted(expectedOutOfStock),
    );
  });

  it('raises fraud alerts for the injected anomalies and for nothing else', () => {
    const { outside, placed } = seen;
    const alerts = outside.events('shop/security/alerts/fraud', 'security.alert');
    type AlertData = { rule: string; group: string | null; value: number; events: string[] };
    const data = alerts.map((a) => a.data as AlertData);

    // The anomalies, read from the orders themselves: fraud-ring accounts, and a total above the limit.
    const byCustomer = new Map<string, CloudEvent[]>();
    for (const e of placed) byCustomer.set(orderOf(e).customerId, [...(byCustomer.get(orderOf(e).customerId) ?? []), e]);
    const repeaters = [...byCustomer].filter(([, orders]) => orders.length > 3);
    expect(repeaters.map(([c]) => c).sort()).toEqual(['cust-fraud-01', 'cust-fraud-02']);
    const bulk = placed.filter((e) => orderOf(e).total > 12_000);
    expect(bulk.map((e) => orderOf(e).orderId)).toEqual(['ord-000025']);

    const repeatAlerts = data.filter((d) => d.rule === 'repeat-orders');
    expect(repeatAlerts.map((d) => d.group).sort()).toEqual(['cust-fraud-01', 'cust-fraud-02']);
    for (const d of repeatAlerts) {
      const theirs = byCustomer.get(d.group!)!;
      expect(d.value).toBe(4);
      expect(sorted(d.events)).toEqual(sorted(theirs.map((e) => e.id)));
    }
    const limitAlerts = alerts.filter((a) => (a.data as AlertData).rule === 'order-total-limit');
    expect(limitAlerts).toHaveLength(1);
    expect((limitAlerts[0]!.data as AlertData).value).toBe(orderOf(bulk[0]!).total);
    expect(limitAlerts[0]!.causationid).toBe(bulk[0]!.id);
    expect(alerts).toHaveLength(3);
    expect(nodeMetrics(seen.final, 'fraud-monitor').counters.out).toBe(3);
  });

  it('raises exactly one brute-force alert per window, for bursts of more than twice the threshold', () => {
    const { outside } = seen;
    const logins = outside.events('shop/auth/logins/failed', 'auth.login.failed');
    const attempts = logins.filter((e) => (e.data as { username: string }).username === 'admin');
    // The gateway's burst (seq 10-24) and the one fired by hand: each well above 2x the threshold,
    // so a monitor that only emptied its window after an alert would have alerted twice per burst.
    expect(attempts).toHaveLength(15 + MANUAL_BURST);
    expect(MANUAL_BURST).toBeGreaterThan(2 * BRUTE_FORCE_THRESHOLD);
    const alerts = outside.events('shop/security/alerts/logins', 'security.alert');
    const data = alerts.map((a) => a.data as { rule: string; group: string; value: number; events: string[] });
    expect(data).toEqual([
      expect.objectContaining({ rule: 'login-brute-force', group: 'admin', value: BRUTE_FORCE_THRESHOLD + 1 }),
      expect.objectContaining({ rule: 'login-brute-force', group: 'admin', value: BRUTE_FORCE_THRESHOLD + 1 }),
    ]);
    // One per burst: the first alert is made of the gateway's attempts, the second of the hand-fired ones.
    const gatewayIds = new Set(attempts.slice(0, 15).map((e) => e.id));
    expect(data[0]!.events.every((id) => gatewayIds.has(id))).toBe(true);
    expect(data[1]!.events.some((id) => gatewayIds.has(id))).toBe(false);
    expect(nodeMetrics(seen.final, 'security-ops').counters.in).toBe(3 + 2);
  });

  it('sends a malformed payload and an unroutable event to the dead letters with the reason, from every broker and the login path, and the run goes on', () => {
    const { outside, final } = seen;
    expect(seen.stillRunningAfterInjection).toBe(true);
    expect(seen.ordersSeenAtInjection).toBeLessThan(ORDERS);
    const letters = outside.events('shop/deadletter/orders');
    expect(letters).toHaveLength(2);
    const invalid = letters.find((l) => l.type === 'eventflow.invalid');
    expect(invalid?.data).toMatchObject({ payload: MALFORMED, topic: expect.stringMatching(/shop\/orders\/placed$/) });
    expect(String(invalid?.deadletterreason)).toMatch(/not JSON/);
    const unknown = letters.find((l) => l.type === UNKNOWN_TYPE_EVENT.type);
    expect(unknown?.id).toBe(UNKNOWN_TYPE_EVENT.id);
    expect(String(unknown?.deadletterreason)).toMatch(/no rule of Order events matched/);
    // `mosquitto_pub -t shop/payments/results -m '{"bad":1}'`: Payment results has a dead-letter channel too.
    const [result] = outside.events('shop/deadletter/payment-results');
    expect(result).toMatchObject({ type: 'eventflow.invalid', data: { payload: NOT_A_RESULT } });
    expect(String(result?.deadletterreason)).toMatch(/not a CloudEvent/);
    const [login] = outside.events('shop/deadletter/logins');
    expect(login).toMatchObject({ type: 'eventflow.invalid', data: { payload: NOT_A_LOGIN } });
    expect(String(login?.deadletterreason)).toMatch(/not a CloudEvent: payload is not JSON/);
    expect(nodeMetrics(final, 'dead-letters').counters.in).toBe(2 + 1 + 1 + outside.on('shop/deadletter/payments').length);
    expect(final.unroutable).toBe(0);
    for (const id of ['order-events', 'payment-results', 'payment', 'security-monitor']) expect(nodeMetrics(final, id).counters.dropped, id).toBe(0);
  });

  it('puts only events whose data matches the JSON Schema of their declared type on the wire', () => {
    const validators = new Map([...seen.schemas].map(([name, schema]) => [name, z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])]));
    const checked = new Map<string, number>();
    for (const m of seen.outside.messages) {
      const e = m.event;
      const validator = e && validators.get(e.type);
      if (!e || !validator) continue;
      const r = validator.safeParse(e.data);
      expect(r.success, `${e.type} on ${m.topic}: ${r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`).toBe(true);
      checked.set(e.type, (checked.get(e.type) ?? 0) + 1);
    }
    // Every declared type of the flow was seen at least once.
    expect([...checked.keys()].sort()).toEqual([...seen.schemas.keys()].sort());
  });

  it("counts the same on the wire as in the run's metrics, channel by channel", () => {
    const { outside, final, plan } = seen;
    const wire: Record<string, number> = {};
    const metrics: Record<string, number> = {};
    for (const [topic, edgeId] of Object.entries(plan.routes)) {
      wire[edgeId] = outside.on(topic).length;
      metrics[edgeId] = edgeCount(final, edgeId);
    }
    expect(metrics).toEqual(wire);
    expect(wire['storefront-orders']).toBe(ORDERS + 2);
    expect(final.duplicates).toBe(0);
  });
});
