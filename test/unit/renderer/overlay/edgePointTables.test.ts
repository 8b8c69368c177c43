import { describe, expect, it } from 'vitest';
import { pointAt } from '../../../../renderer/overlay/edgePointTables';

describe('pointAt', () => {
  const table = new Float32Array([0, 0, 10, 0, 10, 10]);
  const out = { x: 0, y: 0 };

  it('interpolates between the sampled points', () => {
    pointAt(table, 0.25, out);
    expect(out).toEqual({ x: 5, y: 0 });
    pointAt(table, 0.75, out);
    expect(out).toEqual({ x: 10, y: 5 });
  });

  it('clamps to the ends of the path', () => {
    pointAt(table, -1, out);
    expect(out).toEqual({ x: 0, y: 0 });
    pointAt(table, 2, out);
    expect(out).toEqual({ x: 10, y: 10 });
  });
});
