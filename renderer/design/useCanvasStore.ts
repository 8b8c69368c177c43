import { create } from 'zustand';

export interface Size {
  width: number;
  height: number;
}

export interface CanvasState {
  /** Node sizes React Flow measured in the DOM; layout and hit-testing need them. */
  measured: Readonly<Record<string, Size>>;
  setMeasured(id: string, size: Size): void;
  /** A request to fit the view, to everything (`ids` null) or to some nodes; `seq` makes each request new. */
  fitRequest: { seq: number; ids: string[] | null };
  requestFit(ids?: string[] | null): void;
  /** A request to zoom the canvas (View > Zoom in the desktop menu); `seq` makes each request new. */
  zoomRequest: { seq: number; direction: ZoomDirection };
  requestZoom(direction: ZoomDirection): void;
}

export type ZoomDirection = 'in' | 'out' | 'reset';

/**
 * Canvas state that is neither the document nor the selection: DOM measurements and view
 * requests from outside the canvas (open a file, click a problem). Never in undo history.
 */
export const useCanvasStore = create<CanvasState>()((set, get) => ({
  measured: {},
  setMeasured(id, size) {
    const current = get().measured[id];
    if (current && current.width === size.width && current.height === size.height) return;
    set({ measured: { ...get().measured, [id]: size } });
  },
  fitRequest: { seq: 0, ids: null },
  requestFit(ids = null) {
    set({ fitRequest: { seq: get().fitRequest.seq + 1, ids } });
  },
  zoomRequest: { seq: 0, direction: 'reset' },
  requestZoom(direction) {
    set({ zoomRequest: { seq: get().zoomRequest.seq + 1, direction } });
  },
}));
