import { describe, expect, it } from 'vitest';
import { rateAt } from '../../../../../main/runtime/nodes/RateSchedule';

describe('rateAt', () => {
  it('follows the traffic profile', () => {
    expect(rateAt(50, { kind: 'steady' }, 123)).toBe(50);
    expect(rateAt(100, { kind: 'ramp', fromPerSecond: 0, overSeconds: 10 }, 5)).toBe(50);
    expect(rateAt(100, { kind: 'ramp', fromPerSecond: 20, overSeconds: 10 }, 60)).toBe(100);
    const spike = { kind: 'spike' as const, everySeconds: 30, forSeconds: 5, multiplier: 4 };
    expect([rateAt(10, spike, 2), rateAt(10, spike, 31), rateAt(10, spike, 36), rateAt(10, spike, 61)]).toEqual([10, 40, 10, 40]);
  });
});
