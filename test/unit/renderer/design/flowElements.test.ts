import { describe, expect, it } from 'vitest';
import { flowDocumentSchema } from '../../../../shared/flow/FlowDocument';
import { updateNode } from '../../../../renderer/design/documentEdits';
import { createFlowElementsDeriver } from '../../../../renderer/design/flowElements';

const doc = flowDocumentSchema.parse({
  schemaVersion: 1,
  name: 'D',
  eventTypes: [{ name: 't' }],
  nodes: [
    { id: 'p', kind: 'producer', name: 'P', settings: { eventType: 't' } },
    { id: 'b', kind: 'broker', name: 'B' },
    { id: 'c', kind: 'consumer', name: 'C' },
  ],
  edges: [
    { id: 'pb', source: 'p', target: 'b', topic: 'x' },
    { id: 'bc', source: 'b', target: 'c', topic: 'y' },
  ],
});

describe('createFlowElementsDeriver', () => {
  it('types nodes by kind and counts outputs', () => {
    const derive = createFlowElementsDeriver();
    const { nodes, edges } = derive(doc, {}, {}, {});
    expect(nodes.map((n) => [n.id, n.type, n.data.outputs])).toEqual([
      ['p', 'producer', 1],
      ['b', 'broker', 1],
      ['c', 'consumer', 0],
    ]);
    expect(edges.map((e) => [e.id, e.type])).toEqual([
      ['pb', 'channel'],
      ['bc', 'channel'],
    ]);
  });

  it('returns the same objects for what did not change, so memoised components skip rendering', () => {
    const derive = createFlowElementsDeriver();
    const first = derive(doc, {}, {}, {});
    expect(derive(doc, {}, {}, {})).toBe(first);
    const renamed = updateNode(doc, 'c', (n) => ({ ...n, name: 'C2' }));
    const second = derive(renamed, {}, {}, {});
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[1]).toBe(first.nodes[1]);
    expect(second.nodes[2]).not.toBe(first.nodes[2]);
    expect(second.edges).toBe(first.edges);
    const selected = derive(renamed, { p: true }, {}, { b: { width: 216, height: 90 } });
    expect(selected.nodes[0]?.selected).toBe(true);
    expect(selected.nodes[1]?.measured).toEqual({ width: 216, height: 90 });
    expect(selected.nodes[2]).toBe(second.nodes[2]);
  });
});
