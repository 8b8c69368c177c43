import { useDesignStore } from './useDesignStore';
import { useSelectionStore } from './useSelectionStore';

/**
 * Keep the selection to what exists: after Undo removes a node, or a file replaces the
 * document, ids that are gone leave the selection (the inspector then shows the flow).
 * Returns the function that stops it.
 */
export function startSelectionPruning(): () => void {
  return useDesignStore.subscribe((state, prev) => {
    if (state.doc === prev.doc) return;
    const { nodes, edges } = useSelectionStore.getState();
    const nodeIds = Object.keys(nodes);
    const edgeIds = Object.keys(edges);
    if (nodeIds.length === 0 && edgeIds.length === 0) return;
    const liveNodes = new Set(state.doc.nodes.map((n) => n.id));
    const liveEdges = new Set(state.doc.edges.map((e) => e.id));
    const keptNodes = nodeIds.filter((id) => liveNodes.has(id));
    const keptEdges = edgeIds.filter((id) => liveEdges.has(id));
    if (keptNodes.length !== nodeIds.length || keptEdges.length !== edgeIds.length) {
      useSelectionStore.getState().select(keptNodes, keptEdges);
    }
  });
}
