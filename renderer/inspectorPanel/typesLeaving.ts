import type { FlowDocument } from '../../shared/flow/FlowDocument';
import { nodeEventTypes } from '../canvas/nodeSummary';

/**
 * The event types that can leave a node: what a producer or consumer sends, and for a
 * broker whatever reaches it from upstream (brokers pass events on unchanged). The routing
 * rule tester offers these as sample events for the node's outgoing channels.
 */
export function typesLeaving(doc: FlowDocument, nodeId: string, visited = new Set<string>()): string[] {
  if (visited.has(nodeId)) return [];
  visited.add(nodeId);
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  if (node.kind !== 'broker') return nodeEventTypes(node);
  const out = new Set<string>();
  for (const e of doc.edges) {
    if (e.target !== nodeId) continue;
    for (const t of typesLeaving(doc, e.source, visited)) out.add(t);
  }
  return [...out];
}
