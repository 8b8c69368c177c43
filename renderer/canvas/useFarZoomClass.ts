import { useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/** Below this zoom, text on nodes and channels is too small to read and is not painted. */
export const FAR_ZOOM = 0.35;

/**
 * Mark the canvas `is-far` while zoomed out below FAR_ZOOM (see canvas.css): a large graph
 * then paints boxes and lines instead of hundreds of unreadable labels. A class toggled from
 * a store subscription, so zooming re-renders no component; `onChange` hears each flip.
 */
export function useFarZoomClass(ref: RefObject<HTMLDivElement | null>, onChange?: (far: boolean) => void): void {
  const store = useStoreApi();
  useEffect(() => {
    let far: boolean | null = null;
    const apply = (zoom: number) => {
      const now = zoom < FAR_ZOOM;
      if (now === far) return;
      far = now;
      ref.current?.classList.toggle('is-far', now);
      onChange?.(now);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2]) apply(s.transform[2]);
    });
  }, [ref, store, onChange]);
}
