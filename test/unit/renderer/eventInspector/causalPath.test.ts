import { describe, expect, it } from 'vitest';
import { causalPath, waterfall } from '../../../../renderer/eventInspector/causalPath';

const hop = (edgeId: string, sentAt: number, receivedAt: number | undefined, correlationId = 'c1') => ({
  trace: { edgeId, type: 't', sentAt, ...(receivedAt === undefined ? {} : { receivedAt }), outcome: receivedAt === undefined ? 'dropped' : 'delivered', correlationId },
});

describe('causalPath', () => {
  it('keeps the hops of one correlation id and the channels they crossed', () => {
    const path = causalPath('c1', [hop('a', 0, 5), hop('x', 1, 2, 'other'), hop('b', 6, 20)]);
    expect(Object.keys(path.edgeIds)).toEqual(['a', 'b']);
    expect(path.hops.map((h) => h.edgeId)).toEqual(['a', 'b']);
  });
});

describe('waterfall', () => {
  it('places each hop on the path time line with its latency', () => {
    const bars = waterfall(causalPath('c1', [hop('a', 0, 5), hop('b', 10, 20), hop('c', 20, undefined)]).hops);
    expect(bars.map((b) => b.latencyMs)).toEqual([5, 10, null]);
    expect(bars[0]).toMatchObject({ left: 0, width: 0.25 });
    expect(bars[1]).toMatchObject({ left: 0.5, width: 0.5 });
    expect(bars[2]?.left).toBe(1);
  });

  it('is empty for no hops', () => {
    expect(waterfall([])).toEqual([]);
  });
});
