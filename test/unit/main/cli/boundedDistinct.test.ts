import { describe, expect, it } from 'vitest';
import { BoundedDistinct } from '../../../../main/cli/boundedDistinct';

describe('BoundedDistinct (the event count of `eventflow log`)', () => {
  it('counts distinct keys exactly while under its bound', () => {
    const c = new BoundedDistinct(5);
    for (const k of ['a', 'b', 'a', 'c', 'b', 'c']) c.add(k);
    expect(c.size).toBe(3);
    expect(c.exceeded).toBe(false);
    expect(c.describe()).toBe('3');
  });

  it('keeps no more than its bound and says the count is a lower bound past it', () => {
    const c = new BoundedDistinct(1_000);
    for (let i = 0; i < 5_000; i++) c.add(`e${i}`);
    expect(c.size).toBe(1_000);
    expect(c.exceeded).toBe(true);
    expect(c.describe()).toBe('more than 1,000');
  });

  it('reaching the bound exactly is still exact: only a new key past it is "more than"', () => {
    const c = new BoundedDistinct(2);
    c.add('a');
    c.add('b');
    c.add('a');
    c.add('b');
    expect(c.describe()).toBe('2');
    c.add('c');
    expect(c.describe()).toBe('more than 2');
  });
});
