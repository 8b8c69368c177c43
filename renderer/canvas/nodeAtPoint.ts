import type { FlowDocument, Position } from '../../shared/flow/FlowDocument';
import { DEFAULT_NODE_SIZE } from '../design/layoutWithElk';
import type { Size } from '../design/useCanvasStore';

/** The topmost node under a point in flow coordinates, or null. */
export function nodeAtPoint(doc: FlowDocument, sizes: Readonly<Record<string, Size>>, point: Position): string | null {
  for (let i = doc.nodes.length - 1; i >= 0; i--) {
    const node = doc.nodes[i];
    if (!node) continue;
    const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
    const { x, y } = node.position;
    if (point.x >= x && point.x <= x + size.width && point.y >= y && point.y <= y + size.height) return node.id;
  }
  return null;
}
