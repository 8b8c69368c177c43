import { create } from 'zustand';

/** Selected ids keyed for O(1) lookup; a new object whenever the selection changes. */
export type IdSet = Readonly<Record<string, true>>;

export interface SelectionState {
  nodes: IdSet;
  edges: IdSet;
  /** Replace the selection. */
  select(nodeIds: Iterable<string>, edgeIds?: Iterable<string>): void;
  /** Apply React Flow's per-element select changes. */
  setSelected(kind: 'nodes' | 'edges', id: string, selected: boolean): void;
  clear(): void;
}

const EMPTY: IdSet = Object.freeze({});

const toSet = (ids: Iterable<string>): IdSet => {
  const out: Record<string, true> = {};
  for (const id of ids) out[id] = true;
  return Object.keys(out).length === 0 ? EMPTY : out;
};

/**
 * What is selected on the canvas. Kept apart from the document: selecting is not an edit,
 * never enters undo history, and does not mark the file unsaved.
 */
export const useSelectionStore = create<SelectionState>()((set, get) => ({
  nodes: EMPTY,
  edges: EMPTY,
  select(nodeIds, edgeIds = []) {
    set({ nodes: toSet(nodeIds), edges: toSet(edgeIds) });
  },
  setSelected(kind, id, selected) {
    const current = get()[kind];
    if (Boolean(current[id]) === selected) return;
    const next: Record<string, true> = { ...current };
    if (selected) next[id] = true;
    else delete next[id];
    set({ [kind]: Object.keys(next).length === 0 ? EMPTY : next } as Pick<SelectionState, typeof kind>);
  },
  clear() {
    if (get().nodes === EMPTY && get().edges === EMPTY) return;
    set({ nodes: EMPTY, edges: EMPTY });
  },
}));

/** The one selected node or channel the inspector shows, or null for none or several. */
export function singleSelection(s: Pick<SelectionState, 'nodes' | 'edges'>): { kind: 'node' | 'edge'; id: string } | null {
  const nodes = Object.keys(s.nodes);
  const edges = Object.keys(s.edges);
  if (nodes.length === 1 && edges.length === 0) return { kind: 'node', id: nodes[0] as string };
  if (edges.length === 1 && nodes.length === 0) return { kind: 'edge', id: edges[0] as string };
  return null;
}
