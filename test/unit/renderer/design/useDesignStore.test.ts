import { beforeEach, describe, expect, it } from 'vitest';
import { flowDocumentSchema, type FlowDocument } from '../../../../shared/flow/FlowDocument';
import { useCanvasStore } from '../../../../renderer/design/useCanvasStore';
import { useDesignStore } from '../../../../renderer/design/useDesignStore';
import { useSelectionStore } from '../../../../renderer/design/useSelectionStore';
import { startSelectionPruning } from '../../../../renderer/design/startSelectionPruning';
import { redo, undo } from '../../../../renderer/design/history';
import { BASIC_PRESETS, instantiatePreset } from '../../../../renderer/palette/nodePresets';

const store = () => useDesignStore.getState();
const history = () => useDesignStore.temporal.getState();

function threeNodes(): FlowDocument {
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    name: 'Three',
    eventTypes: [{ name: 'item.created', example: { id: 1 } }],
    nodes: [
      { id: 'p', kind: 'producer', name: 'P', position: { x: 0, y: 0 }, settings: { eventType: 'item.created' } },
      { id: 'b', kind: 'broker', name: 'B', position: { x: 300, y: 0 } },
      { id: 'c', kind: 'consumer', name: 'C', position: { x: 600, y: 0 } },
    ],
    edges: [],
  });
}

describe('useDesignStore', () => {
  beforeEach(() => {
    store().loadDocument(threeNodes());
    useSelectionStore.getState().clear();
  });

  it('loading a document starts history afresh', () => {
    expect(history().pastStates).toHaveLength(0);
    store().updateNode('p', (n) => ({ ...n, name: 'Shop' }));
    expect(history().pastStates).toHaveLength(1);
    store().loadDocument(threeNodes());
    expect(history().pastStates).toHaveLength(0);
    expect(history().futureStates).toHaveLength(0);
  });

  it('adds a node from a preset with its event types, as one step', () => {
    const { node, eventTypes } = instantiatePreset(store().doc, BASIC_PRESETS[0]!, { x: 10, y: 20 });
    store().addNodes([node], eventTypes);
    expect(store().doc.nodes.map((n) => n.id)).toEqual(['p', 'b', 'c', 'producer']);
    expect(store().doc.eventTypes.map((t) => t.name)).toEqual(['item.created']);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(store().doc.nodes).toHaveLength(3);
  });

  it('connects nodes and refuses producer targets, self-loops and duplicates with a reason', () => {
    expect(store().connect('p', 'b')).toMatchObject({ ok: true, edgeId: 'p-b' });
    expect(store().doc.edges[0]).toMatchObject({ source: 'p', target: 'b', topic: 'p/b', qos: 1, deadLetter: false });
    expect(store().connect('p', 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('already sends to') });
    expect(store().connect('b', 'p')).toMatchObject({ ok: false, reason: expect.stringContaining('is a producer') });
    expect(store().connect('c', 'c')).toMatchObject({ ok: false, reason: expect.stringContaining('itself') });
    expect(store().doc.edges).toHaveLength(1);
    expect(history().pastStates).toHaveLength(1);
  });

  it('removes a node together with its channels in one step', () => {
    store().connect('p', 'b');
    store().connect('b', 'c');
    store().removeElements(['b'], []);
    expect(store().doc.nodes.map((n) => n.id)).toEqual(['p', 'c']);
    expect(store().doc.edges).toHaveLength(0);
    undo();
    expect(store().doc.nodes).toHaveLength(3);
    expect(store().doc.edges).toHaveLength(2);
  });

  it('records a whole drag (many moves) as one undo step', () => {
    const start = store().doc;
    const gesture = store().beginGesture();
    for (let i = 1; i <= 30; i++) store().moveNodes(new Map([['c', { x: 600 + i * 10, y: i * 5 }]]));
    expect(history().pastStates).toHaveLength(0);
    store().endGesture(gesture);
    expect(history().pastStates).toHaveLength(1);
    expect(store().doc.nodes[2]!.position).toEqual({ x: 900, y: 150 });
    undo();
    expect(store().doc).toBe(start);
    redo();
    expect(store().doc.nodes[2]!.position).toEqual({ x: 900, y: 150 });
  });

  it('records nothing for a gesture that changed nothing', () => {
    store().endGesture(store().beginGesture());
    expect(history().pastStates).toHaveLength(0);
  });

  it('typing in a field is one step; Undo settles an open gesture first', () => {
    const gesture = store().beginGesture();
    for (const name of ['S', 'Sh', 'Sho', 'Shop']) store().updateNode('p', (n) => ({ ...n, name }));
    undo(); // the field is still focused: its gesture is settled, then undone
    expect(store().doc.nodes[0]!.name).toBe('P');
    expect(store().isGestureOpen(gesture)).toBe(false);
    store().endGesture(gesture); // the field's blur afterwards is harmless
    redo();
    expect(store().doc.nodes[0]!.name).toBe('Shop');
    expect(history().pastStates).toHaveLength(1);
  });

  it('pastes and duplicates with fresh ids, names and topics, as one step each', () => {
    store().connect('p', 'b');
    const dup = store().duplicate(['p', 'b']);
    expect(dup.nodeIds).toEqual(['p-2', 'b-2']);
    const copy = store().doc.edges.find((e) => e.source === 'p-2');
    expect(copy).toMatchObject({ target: 'b-2', topic: 'p/b-2' });
    expect(store().doc.nodes.find((n) => n.id === 'p-2')).toMatchObject({ name: 'P 2', position: { x: 40, y: 40 } });
    expect(history().pastStates).toHaveLength(2);
  });

  it('never records selection, measured sizes or fit requests', () => {
    useSelectionStore.getState().select(['p', 'b'], []);
    useSelectionStore.getState().setSelected('nodes', 'c', true);
    useCanvasStore.getState().setMeasured('p', { width: 216, height: 90 });
    useCanvasStore.getState().requestFit();
    expect(history().pastStates).toHaveLength(0);
  });

  it('a command that changes nothing records nothing', () => {
    store().moveNodes(new Map([['p', { x: 0, y: 0 }]]));
    store().updateNode('p', (n) => n);
    store().removeElements(['nope'], []);
    expect(history().pastStates).toHaveLength(0);
  });

  it('applies a layout as one step', () => {
    store().autoLayout(new Map([['p', { x: 5, y: 5 }], ['b', { x: 300.4, y: 5 }]]));
    expect(store().doc.nodes.map((n) => n.position)).toEqual([{ x: 5, y: 5 }, { x: 300, y: 5 }, { x: 600, y: 0 }]);
    expect(history().pastStates).toHaveLength(1);
  });
});

describe('selection pruning', () => {
  it('drops ids that Undo removed from the document', () => {
    const stop = startSelectionPruning();
    store().loadDocument(threeNodes());
    const result = store().connect('p', 'b');
    if (!result.ok) throw new Error(result.reason);
    useSelectionStore.getState().select(['c'], [result.edgeId]);
    undo();
    expect(useSelectionStore.getState().edges).toEqual({});
    expect(useSelectionStore.getState().nodes).toEqual({ c: true });
    stop();
  });
});
