import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../../../../main/runtime/nodes/SlidingWindow';

describe('SlidingWindow', () => {
  it('keeps count, sum and max of the last N ms only', () => {
    const w = new SlidingWindow(1_000);
    w.add(0, 5, 'a');
    w.add(400, 9, 'b');
    w.add(800, 2, 'c');
    expect([w.count, w.total, w.max]).toEqual([3, 16, 9]);
    w.evict(1_000); // 'a' (t=0) is exactly one window old: out
    expect([w.count, w.total, w.max]).toEqual([2, 11, 9]);
    w.evict(1_401); // 'b' out: the max falls back to what is left
    expect([w.count, w.total, w.max]).toEqual([1, 2, 2]);
    expect(w.recentIds(10)).toEqual(['c']);
  });

  it('lists the newest ids and starts empty after clear', () => {
    const w = new SlidingWindow(60_000);
    for (let i = 0; i < 5; i++) w.add(i, 1, `e${i}`);
    expect(w.recentIds(2)).toEqual(['e3', 'e4']);
    w.clear();
    expect([w.count, w.total, w.max, w.recentIds(5)]).toEqual([0, 0, 0, []]);
  });
});
