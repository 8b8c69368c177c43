import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../../shared/bridge/runEvents';
import { channel, compile, consumer, producer, sleep, startTestRun, useBroker, waitFor } from '../../harness/runtimeHarness';

/** How long the paused run is watched for new events. */
const PAUSE_WATCH_MS = 1_000;

const plan = compile(
  {
    schemaVersion: 1,
    name: 'pause the run',
    eventTypes: [{ name: 'order.placed' }],
    nodes: [
      producer('shop', { eventType: 'order.placed', mode: 'rate', ratePerSecond: 50 }),
      // Slow enough that events are still in flight when the run is paused.
      consumer('billing', { processing: { distribution: 'fixed', ms: 30 } }),
    ],
    edges: [channel('orders', 'shop', 'billing', 'shop/orders', { qos: 1 })],
  },
  'aedes',
);

describe('pausing a whole run on aedes', () => {
  const broker = useBroker('aedes');

  it('stops rate production while paused (in-flight events drain, fire still works) and continues on resume', async () => {
    const t = await startTestRun(plan, broker.runOptions());
    const states: RunStatus['state'][] = [];
    t.run.subscribe((e) => {
      // Other status events (the broker probe, connection changes) may repeat the current state.
      if (e.kind === 'status' && states.at(-1) !== e.status.state) states.push(e.status.state);
    });
    const produced = () => t.run.metrics().nodes.find((n) => n.nodeId === 'shop')!.counters.out;
    const processed = () => t.run.metrics().nodes.find((n) => n.nodeId === 'billing')!.counters.in;

    await waitFor('the producer to emit 10 events', () => produced() >= 10);
    t.run.pauseProducers();
    t.run.pauseProducers(); // idempotent
    expect(t.run.status().state).toBe('paused');
    await sleep(50); // anything already handed to the client is counted by now
    const atPause = produced();
    await sleep(PAUSE_WATCH_MS);
    expect(produced()).toBe(atPause); // nothing new while paused
    await waitFor('the in-flight events to drain', () => processed() === atPause);

    const fired = await t.run.fire('shop', { manual: true }); // manual fire keeps working
    await waitFor('the fired event to arrive', () => t.hops('orders', 'delivered').some((r) => r.eventId === fired));
    expect(produced()).toBe(atPause + 1);

    t.run.resumeProducers();
    t.run.resumeProducers();
    expect(t.run.status().state).toBe('running');
    await waitFor('production to continue', () => produced() >= atPause + 1 + 10);
    expect(states).toEqual(['paused', 'running']);
  });

  it('does not count paused time toward limit.durationSeconds', async () => {
    const limited = compile(
      {
        schemaVersion: 1,
        name: 'pause a limited producer',
        eventTypes: [{ name: 'order.placed' }],
        nodes: [producer('shop', { eventType: 'order.placed', mode: 'rate', ratePerSecond: 50, limit: { durationSeconds: 1 } }), consumer('billing')],
        edges: [channel('orders', 'shop', 'billing', 'shop/orders')],
      },
      'aedes',
    );
    const t = await startTestRun(limited, broker.runOptions());
    const produced = () => t.run.metrics().nodes.find((n) => n.nodeId === 'shop')!.counters.out;
    await sleep(300);
    t.run.pauseProducers();
    await sleep(1_200); // longer than the whole limit
    const atResume = produced();
    t.run.resumeProducers();
    await waitFor('production to continue after the pause', () => produced() >= atResume + 10);
  });
});
