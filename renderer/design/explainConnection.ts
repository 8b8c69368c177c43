import type { FlowDocument } from '../../shared/flow/FlowDocument';

/**
 * Why a channel from `source` to `target` cannot be drawn, or null when it can. The canvas
 * asks this while a connection is being dragged (to refuse the drop and show the reason next
 * to the pointer) and again when the connection is made.
 */
export function explainConnection(doc: FlowDocument, source: string, target: string | null): string | null {
  const from = doc.nodes.find((n) => n.id === source);
  if (!from) return 'Start the channel from a node on the canvas.';
  if (target === null) return null;
  const to = doc.nodes.find((n) => n.id === target);
  if (!to) return 'Drop the channel on a broker or a consumer.';
  if (from.id === to.id) return `“${from.name}” cannot send events to itself: connect it to another node.`;
  if (to.kind === 'producer') {
    return `“${to.name}” is a producer: producers only send events. Connect into a broker or a consumer.`;
  }
  if (doc.edges.some((e) => e.source === from.id && e.target === to.id)) {
    return `“${from.name}” already sends to “${to.name}”: select that channel to change its topic or rule.`;
  }
  return null;
}
