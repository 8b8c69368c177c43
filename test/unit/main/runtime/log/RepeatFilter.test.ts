import { describe, expect, it } from 'vitest';
import { MAX_REPLAY_REPEAT_KEYS, RepeatFilter } from '../../../../../main/runtime/log/RepeatFilter';

describe('RepeatFilter', () => {
  it('drops a redelivery of the same event of the same run on the same channel, and nothing else', () => {
    const repeats = new RepeatFilter();
    expect(repeats.firstTime('run-1', 'order-1', 'storefront-orders')).toBe(true);
    expect(repeats.firstTime('run-1', 'order-2', 'storefront-orders')).toBe(true);
    expect(repeats.firstTime('run-1', 'order-1', 'storefront-orders')).toBe(false); // QoS 1 redelivery, logged as dropped
    expect(repeats.firstTime('run-2', 'order-1', 'storefront-orders')).toBe(true); // the same seeded id in another run
    expect(repeats.firstTime('run-1', 'order-1', 'admin-orders')).toBe(true); // another entry channel
  });

  it('counts a slice of a million hops with redeliveries exactly, in memory bounded by its window', () => {
    const repeats = new RepeatFilter();
    let first = 0;
    let largest = 0;
    for (let i = 0; i < 1_000_000; i++) {
      if (repeats.firstTime('run', `e-${i}`, 'entry')) first++;
      // Every hundredth event is redelivered a few hops later, as a broker does within its retry time.
      if (i % 100 === 0 && i >= 5 && repeats.firstTime('run', `e-${i - 5}`, 'entry')) first++;
      largest = Math.max(largest, repeats.size);
    }
    expect(first).toBe(1_000_000);
    expect(largest).toBeLessThanOrEqual(MAX_REPLAY_REPEAT_KEYS);
  });
});
