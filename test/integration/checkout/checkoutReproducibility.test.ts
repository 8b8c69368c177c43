import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../../shared/events/CloudEvent';
import { startRun } from '../../../main/runtime/startRun';
import {
  BROKERS,
  OutsideSubscriber,
  compileClean,
  firstOrderIds,
  loadCheckoutFlow,
  orderOf,
  producer,
  uniquePrefix,
  waitFor,
  type TestBroker,
} from './checkoutScenario';

/**
 * The same seed places the same orders: not only the same order ids (those come from the
 * storefront's sequence number and would match anyway) but the same customers, carts, totals,
 * card tokens and shipping countries, and the same event ids. Another seed places other ones.
 */

/** Orders per run: a few of every kind (fraud-ring accounts from 20, a declined card at 7 and 17). */
const ORDERS = 25;
const RATE_PER_SECOND = 100;
const DRAIN_MS = 2_000;

/** What one run with this seed placed, in order id order. */
async function placedOrders(url: string, seed: number): Promise<CloudEvent[]> {
  const doc = loadCheckoutFlow();
  const storefront = producer(doc, 'storefront');
  storefront.settings.ratePerSecond = RATE_PER_SECOND;
  storefront.settings.limit = { count: ORDERS };
  // Only the orders matter here: the login gateway stays quiet.
  producer(doc, 'login-gateway').settings.mode = 'manual';
  const prefix = uniquePrefix();
  const outside = await OutsideSubscriber.connect(url, prefix);
  const run = await startRun(compileClean(doc), { brokerUrl: url, topicPrefix: prefix, seed });
  try {
    const placed = () => outside.events('shop/orders/placed', 'checkout.order.placed');
    await waitFor(() => placed().length === ORDERS, () => `${ORDERS} orders with seed ${seed} (saw ${placed().length})`);
    return [...placed()].sort((a, b) => orderOf(a).orderId.localeCompare(orderOf(b).orderId));
  } finally {
    await run.stop({ drainMs: DRAIN_MS });
    await outside.close();
  }
}

describe.each(BROKERS)('the checkout example is reproducible on $name', (brokerKind) => {
  let broker: TestBroker | undefined;
  let first: CloudEvent[];
  let again: CloudEvent[];
  let other: CloudEvent[];

  beforeAll(async () => {
    broker = await brokerKind.start();
    first = await placedOrders(broker.url, 1);
    again = await placedOrders(broker.url, 1);
    other = await placedOrders(broker.url, 2);
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('places the same orders, payload for payload, for the same seed', () => {
    expect(first.map((e) => orderOf(e).orderId)).toEqual(firstOrderIds(ORDERS));
    expect(again.map((e) => e.data)).toEqual(first.map((e) => e.data));
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
  });

  it('places other orders for another seed: other customers, carts and cards under the same order ids', () => {
    expect(other.map((e) => orderOf(e).orderId)).toEqual(firstOrderIds(ORDERS));
    const differs = (pick: (e: CloudEvent) => unknown) => other.filter((e, i) => JSON.stringify(pick(e)) !== JSON.stringify(pick(first[i]!))).length;
    // Ordinary customers get fresh random ids, carts and tokens: nearly every order differs.
    expect(differs((e) => e.data)).toBeGreaterThan(ORDERS / 2);
    expect(differs((e) => orderOf(e).customerId)).toBeGreaterThan(ORDERS / 2);
    expect(differs((e) => orderOf(e).items)).toBeGreaterThan(ORDERS / 2);
    expect(differs((e) => orderOf(e).paymentMethod.token)).toBeGreaterThan(ORDERS / 2);
    expect(differs((e) => e.id)).toBe(ORDERS);
  });
});
