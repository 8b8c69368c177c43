import type { ELK } from 'elkjs/lib/elk-api';
import type { FlowDocument, Position } from '../../shared/flow/FlowDocument';
import type { Size } from './useCanvasStore';

/** A node card's size (fixed in canvas.css, .ef-node), assumed until React Flow has measured it. */
export const DEFAULT_NODE_SIZE: Size = { width: 216, height: 96 };

/**
 * elkjs "layered" (Sugiyama) laid out left to right: producers on the left, events flowing
 * right through brokers to consumers, the way a data-flow graph reads. Layers are 114 px
 * apart so a channel between neighbouring layers has room for its topic label, and rows
 * 34 px apart so a label beside its target card fits between the cards above and below (the
 * checkout example uses the same grid: 330 px columns, 130 px rows).
 */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '34',
  'elk.layered.spacing.nodeNodeBetweenLayers': '114',
  'elk.spacing.componentComponent': '72',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'true',
};

let elk: ELK | null = null;

/**
 * New positions for every node (top-left corners, whole pixels), from elkjs's layered layout
 * over the document's channels and the nodes' measured sizes.
 */
export async function layoutWithElk(
  doc: FlowDocument,
  sizes: Readonly<Record<string, Size>>,
): Promise<Map<string, Position>> {
  // elkjs is large (1.6 MB): loaded the first time Layout is used, not with the app.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'flow',
    layoutOptions: LAYOUT_OPTIONS,
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? DEFAULT_NODE_SIZE) })),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, Position>();
  for (const child of graph.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}
