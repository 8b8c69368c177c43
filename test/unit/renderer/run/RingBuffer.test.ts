import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../../renderer/run/RingBuffer';

describe('RingBuffer', () => {
  it('always holds the last `capacity` items pushed, oldest first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer(), { maxLength: 100 }), (capacity, items) => {
        const ring = new RingBuffer<number>(capacity);
        for (const item of items) ring.push(item);
        expect(ring.toArray()).toEqual(items.slice(-capacity));
        expect(ring.length).toBe(Math.min(capacity, items.length));
      }),
    );
  });

  it('refuses a capacity that is not a whole number above zero', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be a whole number > 0/);
  });
});
