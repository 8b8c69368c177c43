import { describe, expect, it } from 'vitest';
import { pointAt, tableLength } from '../../../../renderer/overlay/edgePointTables';

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

describe('tableLength', () => {
  it('adds up the sampled segments', () => {
    expect(tableLength(new Float32Array([0, 0, 3, 4, 3, 10]))).toBe(11);
    expect(tableLength(new Float32Array([5, 5]))).toBe(0);
  });
});
