import { describe, expect, it } from 'vitest';
import {
  BROKER_KINDS,
  channel,
  compile,
  consumer,
  outsideClient,
  producer,
  sleep,
  startTestRun,
  useBroker,
  waitFor,
} from '../../harness/runtimeHarness';

const paymentFlow = () =>
  compile({
    schemaVersion: 1,
    name: 'payments',
    eventTypes: [{ name: 'payment.requested' }, { name: 'payment.succeeded' }, { name: 'payment.failed' }],
    nodes: [
      producer('shop', { eventType: 'payment.requested', mode: 'manual' }),
      consumer('pay', {
        processing: { distribution: 'uniform', minMs: 1, maxMs: 3 },
        failure: { when: "data.card = 'declined'" },
        transientError: { when: 'data.down = true or (data.flaky = true and attempt < 3)' },
        retry: { maxRetries: 3, backoffMs: 10, multiplier: 2 },
        outputs: [
          { on: 'success', eventType: 'payment.succeeded', transform: '{"orderId": data.orderId, "attempt": attempt}' },
          {
            on: 'failure',
            eventType: 'payment.failed',
            transform:
              "data.boom ? $error('the gateway answer cannot be read') : {\"orderId\": data.orderId, \"reason\": gaveUp ? \"gateway_timeout\" : \"card_declined\", \"attempt\": attempt}",
          },
        ],
      }),
      consumer('ok'),
      consumer('ko'),
      consumer('dlq'),
    ],
    edges: [
      channel('requests', 'shop', 'pay', 'pay/requests'),
      channel('succeeded', 'pay', 'ok', 'pay/succeeded', { rule: { pattern: { type: ['payment.succeeded'] } } }),
      channel('failed', 'pay', 'ko', 'pay/failed', { rule: { pattern: { type: ['payment.failed'] } } }),
      channel('dead', 'pay', 'dlq', 'pay/dead', { deadLetter: true }),
    ],
  });

describe.each(BROKER_KINDS)('consumers on %s', (kind) => {
  const broker = useBroker(kind);

  it('answers success and failure with new events, retries transient errors and dead-letters what still fails (telling the failure outputs)', async () => {
    const t = await startTestRun(paymentFlow(), broker.runOptions());
    const outside = await outsideClient(t.url(), [`${t.prefix()}pay/#`]);
    const ok = await t.run.fire('shop', { orderId: 'A' });
    const flaky = await t.run.fire('shop', { orderId: 'B', flaky: true });
    const declined = await t.run.fire('shop', { orderId: 'C', card: 'declined' });
    const down = await t.run.fire('shop', { orderId: 'D', down: true });
    const broken = await t.run.fire('shop', { orderId: 'E', card: 'declined', boom: true });
    await waitFor('all five requests handled', () => t.hops('requests').length === 5);
    await waitFor('answers delivered', () => t.hops('succeeded').length === 2 && t.hops('failed').length === 2 && t.hops('dead').length === 2);

    const wire = (topic: string) =>
      outside.messages.filter((m) => m.topic === `${t.prefix()}${topic}`).map((m) => JSON.parse(m.payload));
    const succeeded = wire('pay/succeeded');
    expect(succeeded.map((e) => [e.causationid, e.data])).toEqual(
      expect.arrayContaining([
        [ok, { orderId: 'A', attempt: 1 }],
        [flaky, { orderId: 'B', attempt: 3 }],
      ]),
    );
    // The answer belongs to the same business flow as the request.
    for (const e of succeeded) expect(e.correlationid).toBe(e.causationid);
    // A business failure is answered at once, never retried; a transient error that outlasts its
    // 3 retries (4 attempts in all) is answered too, so whoever waits is told, and dead-lettered.
    expect(wire('pay/failed').map((e) => [e.type, e.causationid, e.data])).toEqual(
      expect.arrayContaining([
        ['payment.failed', declined, { orderId: 'C', reason: 'card_declined', attempt: 1 }],
        ['payment.failed', down, { orderId: 'D', reason: 'gateway_timeout', attempt: 4 }],
      ]),
    );
    expect(wire('pay/failed')).toHaveLength(2);
    const dead = new Map(wire('pay/dead').map((e) => [e.id, e.deadletterreason]));
    expect(dead.get(down)).toMatch(/transient error on all 4 attempts \(retry.maxRetries is 3\)/);
    expect(dead.get(broken)).toMatch(/outputs\[1\]\.transform.*the gateway answer cannot be read/);

    const outcomes = new Map(t.hops('requests').map((r) => [r.eventId, r.outcome]));
    expect(Object.fromEntries([ok, flaky, declined, down, broken].map((id) => [id, outcomes.get(id)]))).toEqual({
      [ok]: 'delivered',
      [flaky]: 'delivered',
      [declined]: 'failed',
      [down]: 'dead-lettered',
      [broken]: 'dead-lettered',
    });
    // B was retried twice, D three times: each retry is reported, but never as a channel crossing of its own.
    const retried = t.traces.filter((r) => r.outcome === 'retried');
    expect(retried.filter((r) => r.eventId === flaky)).toHaveLength(2);
    expect(retried.filter((r) => r.eventId === down)).toHaveLength(3);
    const pay = t.run.metrics().nodes.find((n) => n.nodeId === 'pay')!;
    // failed: C declined and D given up, the two payment.failed answers; D and E are dead-lettered.
    expect(pay.counters).toMatchObject({ in: 5, out: 4, failed: 2, retried: 5, deadLettered: 2, inFlight: 0, backlog: 0 });
    expect(pay.latency.count).toBe(5);
  });

  it('keeps state across events, emits one event per forEach item and processes at most `concurrency` at once', async () => {
    const t = await startTestRun(
      compile({
        schemaVersion: 1,
        name: 'stock',
        eventTypes: [{ name: 'order.placed' }, { name: 'stock.changed' }],
        nodes: [
          producer('shop', { eventType: 'order.placed', mode: 'manual' }),
          consumer('inventory', {
            concurrency: 2,
            processing: { distribution: 'fixed', ms: 60 },
            state: { initial: { 'RG-1': 5, 'NE-2': 3 }, update: '$merge([state, data.items.{ sku: $lookup($$.state, sku) - qty }])' },
            outputs: [
              {
                on: 'success',
                eventType: 'stock.changed',
                forEach: 'data.items',
                transform: '{"sku": item.sku, "before": $lookup(previousState, item.sku), "left": $lookup(state, item.sku)}',
              },
            ],
          }),
          consumer('levels'),
        ],
        edges: [channel('orders', 'shop', 'inventory', 'shop/orders'), channel('changes', 'inventory', 'levels', 'stock/changes')],
      }),
      broker.runOptions(),
    );
    const outside = await outsideClient(t.url(), [`${t.prefix()}stock/changes`]);
    let maxInFlight = 0;
    const probe = setInterval(() => {
      const n = t.run.metrics().nodes.find((x) => x.nodeId === 'inventory')!.counters.inFlight;
      maxInFlight = Math.max(maxInFlight, n);
    }, 5);
    try {
      await t.run.fire('shop', { items: [{ sku: 'RG-1', qty: 2 }, { sku: 'NE-2', qty: 1 }] });
      await t.run.fire('shop', { items: [{ sku: 'RG-1', qty: 1 }] });
      await t.run.fire('shop', { items: [{ sku: 'NE-2', qty: 1 }] });
      await t.run.fire('shop', { items: [{ sku: 'RG-1', qty: 1 }] });
      await waitFor('five stock changes', () => outside.messages.length === 5);
    } finally {
      clearInterval(probe);
    }
    const changes = outside.messages.map((m) => JSON.parse(m.payload).data);
    // Whatever order the two workers finish in, the state updates are serialised: stock only goes down.
    const bySku = (sku: string) => changes.filter((c) => c.sku === sku).sort((a, b) => b.left - a.left);
    expect(bySku('RG-1')).toEqual([
      { sku: 'RG-1', before: 5, left: 3 },
      { sku: 'RG-1', before: 3, left: 2 },
      { sku: 'RG-1', before: 2, left: 1 },
    ]);
    expect(bySku('NE-2')).toEqual([
      { sku: 'NE-2', before: 3, left: 2 },
      { sku: 'NE-2', before: 2, left: 1 },
    ]);
    expect(maxInFlight).toBe(2);
  });

  it('a monitor alerts exactly when the windowed aggregate goes above its threshold, once per group per window', async () => {
    const t = await startTestRun(
      compile({
        schemaVersion: 1,
        name: 'fraud',
        eventTypes: [{ name: 'login.failed' }, { name: 'security.alert' }, { name: 'spend.alert' }],
        nodes: [
          producer('gateway', { eventType: 'login.failed', mode: 'manual' }),
          consumer('monitor', {
            role: 'monitor',
            monitor: {
              rules: [
                { name: 'brute-force', windowSeconds: 30, groupBy: 'data.user', aggregate: 'count', threshold: 3, alertType: 'security.alert' },
                { name: 'big-spender', windowSeconds: 30, aggregate: 'sum', field: 'data.amount', threshold: 100, alertType: 'spend.alert' },
              ],
            },
          }),
          consumer('ops'),
        ],
        edges: [channel('failures', 'gateway', 'monitor', 'auth/failures'), channel('alerts', 'monitor', 'ops', 'auth/alerts')],
      }),
      broker.runOptions(),
    );
    const outside = await outsideClient(t.url(), [`${t.prefix()}auth/alerts`]);
    const alerts = () => outside.messages.map((m) => JSON.parse(m.payload));
    const fire = async (user: string, amount = 0) => {
      const id = await t.run.fire('gateway', { user, amount });
      await waitFor(`monitor to take ${id}`, () => t.hops('failures').some((r) => r.eventId === id));
      return id;
    };
    const alice = [await fire('alice'), await fire('alice'), await fire('bob'), await fire('alice')];
    await sleep(150);
    expect(alerts()).toEqual([]); // 3 for alice: at the threshold, not above it
    alice.push(await fire('alice'));
    await waitFor('the brute-force alert', () => alerts().length === 1);
    const [alert] = alerts();
    expect(alert).toMatchObject({
      type: 'security.alert',
      causationid: alice[4],
      data: { rule: 'brute-force', group: 'alice', value: 4, threshold: 3, windowSeconds: 30 },
    });
    expect(alert.data.events).toEqual([alice[0], alice[1], alice[3], alice[4]]);
    // One alert per window: alice's group is held for 30 s, so four more attempts (above the
    // threshold again even if the window had started over) raise nothing new.
    for (let i = 0; i < 4; i++) await fire('alice');
    await sleep(150);
    expect(alerts()).toHaveLength(1);
    // The sum rule, one group for everything: 60 + 50 crosses 100.
    await fire('carol', 60);
    await sleep(100);
    expect(alerts()).toHaveLength(1);
    const big = await fire('dave', 50);
    await waitFor('the spend alert', () => alerts().length === 2);
    expect(alerts()[1]).toMatchObject({ type: 'spend.alert', causationid: big, data: { rule: 'big-spender', group: null, value: 110 } });
  });

  it('fails the share of events failure.probability says, the same events for the same seed', async () => {
    const EVENTS = 400;
    const PROBABILITY = 0.25;
    const flaky = () =>
      compile({
        schemaVersion: 1,
        name: 'declines',
        eventTypes: [{ name: 'payment.requested' }, { name: 'payment.succeeded' }, { name: 'payment.failed' }],
        nodes: [
          producer('shop', { eventType: 'payment.requested', template: '{"n": seq}' }),
          consumer('pay', {
            failure: { probability: PROBABILITY },
            outputs: [
              { on: 'success', eventType: 'payment.succeeded' },
              { on: 'failure', eventType: 'payment.failed' },
            ],
          }),
          consumer('ok'),
          consumer('ko'),
        ],
        edges: [
          channel('requests', 'shop', 'pay', 'pay/requests'),
          channel('succeeded', 'pay', 'ok', 'pay/succeeded', { rule: { pattern: { type: ['payment.succeeded'] } } }),
          channel('failed', 'pay', 'ko', 'pay/failed', { rule: { pattern: { type: ['payment.failed'] } } }),
        ],
      });
    /** The sequence numbers of the events that failed in a run with this seed. */
    const failedWith = async (seed: number): Promise<number[]> => {
      // Idle producers, fired by hand once the outside client listens: it sees every failure.
      const t = await startTestRun(flaky(), { ...broker.runOptions(), seed, producers: 'idle' });
      const outside = await outsideClient(t.url(), [`${t.prefix()}pay/failed`]);
      for (let i = 0; i < EVENTS; i++) await t.run.fire('shop');
      await waitFor(`${EVENTS} requests handled`, () => t.hops('requests').length === EVENTS, 20_000);
      await waitFor('every failure on the wire', () => outside.messages.length === t.hops('requests', 'failed').length);
      const pay = t.run.metrics().nodes.find((n) => n.nodeId === 'pay')!;
      expect(pay.counters.failed).toBe(outside.messages.length);
      await t.run.stop();
      return outside.messages.map((m) => (JSON.parse(m.payload) as { data: { n: number } }).data.n).sort((a, b) => a - b);
    };
    const first = await failedWith(11);
    // A binomial(400, 0.25): mean 100, standard deviation about 8.7; these bounds are 3.5 of them.
    expect(first.length).toBeGreaterThan(70);
    expect(first.length).toBeLessThan(130);
    expect(await failedWith(11)).toEqual(first);
    expect(await failedWith(12)).not.toEqual(first);
  });
});
