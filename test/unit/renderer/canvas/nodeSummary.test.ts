import { describe, expect, it } from 'vitest';
import { brokerNodeSchema, consumerNodeSchema, producerNodeSchema } from '../../../../shared/flow/FlowDocument';
import { nodeEventTypes, nodeSummary } from '../../../../renderer/canvas/nodeSummary';

describe('what a node card says', () => {
  it('a producer: rate, profile, jitter', () => {
    const p = producerNodeSchema.parse({ id: 'p', kind: 'producer', name: 'P', settings: { eventType: 'a.b', ratePerSecond: 5, jitter: 0.2, profile: { kind: 'spike', everySeconds: 10, forSeconds: 2, multiplier: 4 } } });
    expect(nodeSummary(p, 1)).toBe('5/s · ×4 spikes · jitter 20%');
    expect(nodeEventTypes(p)).toEqual(['a.b']);
  });

  it('a broker: mode and routes', () => {
    const b = brokerNodeSchema.parse({ id: 'b', kind: 'broker', name: 'B', settings: { mode: 'first-match' } });
    expect(nodeSummary(b, 1)).toBe('First match · 1 route');
  });

  it('a consumer: instances, processing time, failures; a monitor: its rules and alert type', () => {
    const c = consumerNodeSchema.parse({
      id: 'c',
      kind: 'consumer',
      name: 'C',
      settings: { instances: 2, processing: { distribution: 'uniform', minMs: 100, maxMs: 400 }, failure: { probability: 0.05 }, outputs: [{ on: 'success', eventType: 'x' }, { on: 'failure', eventType: 'y' }] },
    });
    expect(nodeSummary(c, 0)).toBe('×2 instances · 100–400 ms · fails 5%');
    expect(nodeEventTypes(c)).toEqual(['x', 'y']);
    const m = consumerNodeSchema.parse({
      id: 'm',
      kind: 'consumer',
      name: 'M',
      settings: { role: 'monitor', monitor: { rules: [{ name: 'r', windowSeconds: 1, aggregate: 'count', threshold: 1, alertType: 'alert' }] } },
    });
    expect(nodeSummary(m, 0)).toBe('Monitor · 1 rule');
    expect(nodeEventTypes(m)).toEqual(['alert']);
  });
});
