import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../../main/runtime/random/SeededRandom';
import { derivedUuid } from '../../../../../main/runtime/random/derivedUuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and labels, another for others', () => {
    const a = SeededRandom.derive(7, 'shop', 'ids');
    const b = SeededRandom.derive(7, 'shop', 'ids');
    const c = SeededRandom.derive(7, 'shop', 'data');
    const seq = (r: SeededRandom) => Array.from({ length: 5 }, () => r.uuid());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    for (const id of first) expect(id).toMatch(UUID);
  });

  it('draws integers in range, inclusive', () => {
    const r = new SeededRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('derives stable name-based ids', () => {
    expect(derivedUuid('evt-1', 'pay', '0/0')).toBe(derivedUuid('evt-1', 'pay', '0/0'));
    expect(derivedUuid('evt-1', 'pay', '0/0')).not.toBe(derivedUuid('evt-1', 'pay', '0/1'));
    expect(derivedUuid('x')).toMatch(UUID);
  });
});
