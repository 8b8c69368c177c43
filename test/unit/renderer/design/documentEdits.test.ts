import { describe, expect, it } from 'vitest';
import { flowDocumentSchema } from '../../../../shared/flow/FlowDocument';
import { validateFlow } from '../../../../shared/flow/loadFlow';
import { copyElements, pasteElements } from '../../../../renderer/design/clipboardEdits';
import { connectNodes, updateFlow } from '../../../../renderer/design/documentEdits';
import { uniqueName } from '../../../../renderer/design/nodeIds';

const base = flowDocumentSchema.parse({
  schemaVersion: 1,
  name: 'Base',
  eventTypes: [{ name: 't' }, { name: 'unused' }],
  nodes: [
    { id: 'shop', kind: 'producer', name: 'Shop', position: { x: 0, y: 0 }, settings: { eventType: 't' } },
    { id: 'pay', kind: 'consumer', name: 'Payment', position: { x: 300, y: 0 } },
    { id: 'dlq', kind: 'consumer', name: 'Dead letters', position: { x: 300, y: 200 } },
  ],
  edges: [{ id: 'e1', source: 'shop', target: 'pay', topic: 'shop/orders' }],
});

describe('document edits', () => {
  it('a channel into a dead-letter sink starts as the dead-letter channel, once per source', () => {
    const first = connectNodes(base, 'shop', 'dlq');
    expect(first.ok && first.doc.edges.at(-1)?.deadLetter).toBe(true);
    const second = connectNodes(base, 'pay', 'dlq');
    expect(second.ok && second.doc.edges.at(-1)?.deadLetter).toBe(true);
  });

  it('copy keeps the channels among the copied nodes and the event types they use', () => {
    const clip = copyElements(base, ['shop', 'pay']);
    expect(clip?.edges.map((e) => e.id)).toEqual(['e1']);
    expect(clip?.eventTypes.map((t) => t.name)).toEqual(['t']);
    expect(copyElements(base, ['nope'])).toBeNull();
  });

  it('pasting twice gives distinct ids, names and topics, and a document that still validates', () => {
    const clip = copyElements(base, ['shop', 'pay'])!;
    const once = pasteElements(base, clip, { x: 40, y: 40 });
    const twice = pasteElements(once.doc, clip, { x: 80, y: 80 });
    expect(twice.nodeIds).toEqual(['shop-3', 'payment-2']);
    expect(new Set(twice.doc.edges.map((e) => e.topic)).size).toBe(twice.doc.edges.length);
    expect(twice.doc.nodes.map((n) => n.name)).toEqual(['Shop', 'Payment', 'Dead letters', 'Shop 2', 'Payment 2', 'Shop 3', 'Payment 3']);
    expect(validateFlow(twice.doc).ok).toBe(true);
  });

  it('removing an optional flow field leaves no undefined behind', () => {
    const withDescription = updateFlow(base, { description: 'x' });
    const without = updateFlow(withDescription, { description: undefined });
    expect('description' in without).toBe(false);
    expect(updateFlow(base, { name: 'Base' })).toBe(base);
  });

  it('names count up instead of stacking numbers', () => {
    expect(uniqueName('Producer 2', new Set(['Producer 2', 'Producer 3']))).toBe('Producer 4');
  });
});
