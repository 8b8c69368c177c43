import { describe, expect, it } from 'vitest';
import { channelEnds } from '../../../../renderer/eventInspector/channelEnds';

const doc = {
  nodes: [
    { id: 'orders', name: 'Order events' },
    { id: 'pay', name: 'Payment service' },
    { id: 'inv', name: '' },
  ],
  edges: [
    { id: 'e1', source: 'orders', target: 'pay', label: 'every order' },
    { id: 'e2', source: 'orders', target: 'inv' },
  ],
} as unknown as Parameters<typeof channelEnds>[0];

describe('channelEnds', () => {
  it('names a channel by its nodes, with its label apart', () => {
    expect(channelEnds(doc, 'e1')).toEqual({ ends: 'Order events → Payment service', label: 'every order' });
  });

  it('falls back to ids for an unnamed node and to the edge id for an unknown channel', () => {
    expect(channelEnds(doc, 'e2')).toEqual({ ends: 'Order events → inv' });
    expect(channelEnds(doc, 'gone')).toEqual({ ends: 'gone' });
  });
});
