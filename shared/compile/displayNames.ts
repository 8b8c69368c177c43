import type { FlowEdge, FlowNode, NodeKind } from '../flow/FlowDocument';

/**
 * How diagnostics name things: by what the user sees on the canvas (node names, channel
 * labels or their ends, topics), never by internal ids alone.
 */

/**
 * The word for a node kind, as a sentence starts it.
 *
 * @example
 * kindTitle('consumer') // => 'Consumer'
 */
export function kindTitle(kind: NodeKind): string {
  switch (kind) {
    case 'producer':
      return 'Producer';
    case 'broker':
      return 'Broker';
    case 'consumer':
      return 'Consumer';
  }
}

/**
 * A node as a sentence names it.
 *
 * @example
 * nodeTitle({ kind: 'consumer', name: 'Payment', ... }) // => 'Consumer "Payment"'
 */
export function nodeTitle(node: Pick<FlowNode, 'kind' | 'name'>): string {
  return `${kindTitle(node.kind)} "${node.name}"`;
}

/**
 * A channel as a sentence names it: its label, or its two ends, and its topic. An end that
 * names no node is shown by the id it names.
 *
 * @example
 * channelTitle({ source: 'shop', target: 'orders', topic: 'shop/orders', ... }, nodesById)
 * // => 'channel "Storefront → Orders" (topic shop/orders)'
 */
export function channelTitle(
  edge: Pick<FlowEdge, 'source' | 'target' | 'topic' | 'label'>,
  nodesById: ReadonlyMap<string, { node: Pick<FlowNode, 'name'> }>,
): string {
  const end = (id: string) => nodesById.get(id)?.node.name ?? id;
  const name = edge.label ? edge.label : `${end(edge.source)} → ${end(edge.target)}`;
  return `channel "${name}" (topic ${edge.topic})`;
}

/**
 * A short list for a message: quoted, comma-separated, cut after `max` items.
 *
 * @example
 * listNames(['a', 'b', 'c', 'd'], 3) // => '"a", "b", "c" and 1 more'
 */
export function listNames(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
