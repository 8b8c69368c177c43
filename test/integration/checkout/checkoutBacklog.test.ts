import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../../shared/bridge/runEvents';
import { startRun, type Run } from '../../../main/runtime/startRun';
import {
  BROKERS,
  OutsideSubscriber,
  compileClean,
  firstOrderIds,
  loadCheckoutFlow,
  nodeMetrics,
  uniquePrefix,
  waitFor,
  type TestBroker,
} from './checkoutScenario';

/**
 * Events wait in the broker until the consumer can take them: with the Payment service
 * paused, orders keep being placed and routed, the payment backlog grows and no payment is
 * answered; on resume the backlog drains and every order is answered exactly once.
 */

const SEED = 7;
/** Orders placed while the Payment service is paused. */
const ORDERS = 30;
/** How long the test watches the paused service to be sure it answers nothing. */
const PAUSED_WATCH_MS = 500;
const DRAIN_MS = 5_000;

const orderIdOf = (data: unknown) => (data as { orderId: string }).orderId;

describe.each(BROKERS)('pausing the payment service of the checkout on $name', (brokerKind) => {
  let broker: TestBroker | undefined;
  let run: Run | undefined;
  let outside: OutsideSubscriber | undefined;
  let whilePaused: MetricsSnapshot;
  let resultsWhilePaused: number;
  let afterResume: MetricsSnapshot;
  let final: MetricsSnapshot;

  beforeAll(async () => {
    broker = await brokerKind.start();
    const prefix = uniquePrefix();
    // The example as it is; the storefront's orders are placed one by one by the test (same template, same seed).
    const plan = compileClean(loadCheckoutFlow());
    outside = await OutsideSubscriber.connect(broker.url, prefix);
    run = await startRun(plan, { brokerUrl: broker.url, topicPrefix: prefix, seed: SEED, producers: 'idle' });
    await run.pauseConsumer('payment');
    for (let i = 0; i < ORDERS; i++) await run.fire('storefront');

    const o = outside;
    const r = run;
    await waitFor(
      () => o.on('shop/replicas/analytics/orders').length === ORDERS && nodeMetrics(r.metrics(), 'payment').counters.backlog === ORDERS,
      () => `${ORDERS} orders routed and waiting (analytics saw ${o.on('shop/replicas/analytics/orders').length}, payment backlog ${nodeMetrics(r.metrics(), 'payment').counters.backlog})`,
    );
    await new Promise((res) => setTimeout(res, PAUSED_WATCH_MS));
    whilePaused = run.metrics();
    resultsWhilePaused = outside.on('shop/payments/results').length + outside.on('shop/deadletter/payments').length;

    // Every order is answered on shop/payments/results: paid, declined, or failed after the gateway gave up.
    await run.resumeConsumer('payment');
    await waitFor(
      () => o.on('shop/payments/results').length >= ORDERS && o.on('shop/notifications/payments').length >= ORDERS,
      () => `the backlog to drain (${o.on('shop/payments/results').length} results, ${o.on('shop/notifications/payments').length} notifications)`,
    );
    afterResume = run.metrics();
    final = await run.stop({ drainMs: DRAIN_MS });
  });

  afterAll(async () => {
    await run?.stop({ drainMs: 0 }).catch(() => {});
    await outside?.close().catch(() => {});
    await broker?.stop();
  });

  it('keeps taking orders while payment is paused: they wait in the broker as its backlog', () => {
    const payment = nodeMetrics(whilePaused, 'payment');
    expect(payment.paused).toBe(true);
    expect(payment.counters.backlog).toBe(ORDERS);
    expect(payment.counters.in).toBe(0);
    expect(resultsWhilePaused).toBe(0);
    // The other services are not held up by the paused one.
    expect(nodeMetrics(whilePaused, 'inventory').counters.in).toBe(ORDERS);
    expect(nodeMetrics(whilePaused, 'storefront').counters.out).toBe(ORDERS);
  });

  it('drains the backlog on resume and answers every order exactly once', () => {
    expect(nodeMetrics(afterResume, 'payment').paused).toBe(false);
    expect(nodeMetrics(final, 'payment').counters.backlog).toBe(0);
    expect(nodeMetrics(final, 'payment').counters.in).toBe(ORDERS);
    const answered = outside!.events('shop/payments/results').map((e) => orderIdOf(e.data)).sort();
    expect(answered).toEqual(firstOrderIds(ORDERS));
    expect(outside!.events('shop/notifications/payments').map((e) => orderIdOf(e.data)).sort()).toEqual(firstOrderIds(ORDERS));
    expect(final.duplicates).toBe(0);
  });
});
