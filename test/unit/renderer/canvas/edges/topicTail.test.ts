import { describe, expect, it } from 'vitest';
import { topicTail } from '../../../../../renderer/canvas/edges/topicTail';

describe('topicTail', () => {
  it('keeps a topic that fits whole', () => {
    expect(topicTail('shop/orders/placed', 18)).toBe('shop/orders/placed');
    expect(topicTail('shop/orders/placed', 40)).toBe('shop/orders/placed');
  });

  it('keeps the last levels, which tell channels apart, cut on a level boundary when that loses little', () => {
    expect(topicTail('shop/replicas/warehouse/orders', 18)).toBe('…/warehouse/orders');
    expect(topicTail('shop/replicas/analytics/orders', 18)).toBe('…/analytics/orders');
    expect(topicTail('shop/replicas/warehouse/orders', 12)).toBe('…ouse/orders');
  });

  it('never returns more characters than asked for', () => {
    for (let n = 1; n <= 30; n++) expect(topicTail('shop/replicas/warehouse/orders', n).length).toBeLessThanOrEqual(n);
    expect(topicTail('shop/orders', 1)).toBe('…');
  });
});
