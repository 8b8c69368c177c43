import type { FlowDocument } from '../../shared/flow/FlowDocument';

/**
 * How a channel reads in a list: `source → target` by node name (labels such as "every
 * order" or "replica" repeat across channels), with its label as secondary text.
 *
 * @example
 * channelEnds(doc, 'orders-payment') // => { ends: 'Order events → Payment service', label: 'every order' }
 */
export function channelEnds(doc: Pick<FlowDocument, 'nodes' | 'edges'>, edgeId: string): { ends: string; label?: string } {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge) return { ends: edgeId };
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.name || id;
  return { ends: `${name(edge.source)} → ${name(edge.target)}`, ...(edge.label ? { label: edge.label } : {}) };
}
