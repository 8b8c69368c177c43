import { create } from 'zustand';
import type { LabelPlacement } from './placeChannelLabels';

export interface LabelPlacementState {
  /** Each channel's label placement; an unchanged placement keeps its object, so its label does not re-render. */
  byEdge: Readonly<Record<string, LabelPlacement>>;
  setPlacements(next: ReadonlyMap<string, LabelPlacement>): void;
}

/**
 * Where every channel label sits, computed from the whole graph at once (a label must know
 * the nodes and the other labels to stay clear of them). Channels read their own entry; the
 * pulse overlay reads them all to keep pulses from running under labels.
 */
export const useLabelPlacementStore = create<LabelPlacementState>()((set, get) => ({
  byEdge: {},
  setPlacements(next) {
    const prev = get().byEdge;
    let changed = Object.keys(prev).length !== next.size;
    const byEdge: Record<string, LabelPlacement> = {};
    for (const [id, p] of next) {
      const old = prev[id];
      if (old && samePlacement(old, p)) byEdge[id] = old;
      else {
        byEdge[id] = p;
        changed = true;
      }
    }
    if (changed) set({ byEdge });
  },
}));

function samePlacement(a: LabelPlacement, b: LabelPlacement): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.text === b.text && a.anchor === b.anchor && a.compact === b.compact;
}
