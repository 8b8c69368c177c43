import type { Position } from '../../shared/flow/FlowDocument';
import { notify } from '../app/useNoticeStore';
import { instantiatePreset, presetById } from '../palette/nodePresets';
import { copyElements, type FlowClipboard } from './clipboardEdits';
import { layoutWithElk } from './layoutWithElk';
import { useCanvasStore } from './useCanvasStore';
import { useDesignStore } from './useDesignStore';
import { useSelectionStore } from './useSelectionStore';

/** How far each successive paste lands from the last. */
export const PASTE_STEP: Position = { x: 40, y: 40 };

/**
 * The user's editing actions: a store command plus what a person expects around it (the new
 * node selected, a message when nothing happened). Shortcuts, the toolbar and the palette
 * all call these, so a key and a button do exactly the same thing.
 */

let clipboard: FlowClipboard | null = null;
let pasteCount = 0;

/** Add a node from a palette preset at a flow position, and select it. */
export function addPresetAt(presetId: string, position: Position): string | null {
  const preset = presetById(presetId);
  if (!preset) return null;
  const store = useDesignStore.getState();
  const { node, eventTypes } = instantiatePreset(store.doc, preset, position);
  store.addNodes([node], eventTypes);
  useSelectionStore.getState().select([node.id]);
  return node.id;
}

export function deleteSelection(): void {
  const { nodes, edges } = useSelectionStore.getState();
  const nodeIds = Object.keys(nodes);
  const edgeIds = Object.keys(edges);
  if (nodeIds.length === 0 && edgeIds.length === 0) return;
  useDesignStore.getState().removeElements(nodeIds, edgeIds);
  useSelectionStore.getState().clear();
}

export function selectAll(): void {
  const { doc } = useDesignStore.getState();
  useSelectionStore.getState().select(
    doc.nodes.map((n) => n.id),
    doc.edges.map((e) => e.id),
  );
}

export function copySelection(): boolean {
  const ids = Object.keys(useSelectionStore.getState().nodes);
  const clip = copyElements(useDesignStore.getState().doc, ids);
  if (!clip) return false;
  clipboard = clip;
  pasteCount = 0;
  notify('info', `Copied ${clip.nodes.length} node${clip.nodes.length === 1 ? '' : 's'}`);
  return true;
}

export function pasteClipboard(): void {
  if (!clipboard) {
    notify('info', 'Nothing to paste: select nodes and press Ctrl+C first.');
    return;
  }
  pasteCount++;
  const offset = { x: PASTE_STEP.x * pasteCount, y: PASTE_STEP.y * pasteCount };
  const { nodeIds, edgeIds } = useDesignStore.getState().paste(clipboard, offset);
  useSelectionStore.getState().select(nodeIds, edgeIds);
}

export function duplicateSelection(): void {
  const ids = Object.keys(useSelectionStore.getState().nodes);
  if (ids.length === 0) return;
  const { nodeIds, edgeIds } = useDesignStore.getState().duplicate(ids);
  useSelectionStore.getState().select(nodeIds, edgeIds);
}

/** Lay the flow out left to right with elkjs (one undo step), then fit it in view. */
export async function autoLayout(): Promise<void> {
  const { doc } = useDesignStore.getState();
  if (doc.nodes.length === 0) return;
  try {
    const positions = await layoutWithElk(doc, useCanvasStore.getState().measured);
    if (useDesignStore.getState().doc !== doc) return; // edited meanwhile: a stale layout would undo that edit
    useDesignStore.getState().autoLayout(positions);
    useCanvasStore.getState().requestFit();
  } catch (err) {
    notify('error', `Automatic layout failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
