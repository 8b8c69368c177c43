import { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Below this zoom, text on nodes and channels is too small to read and is not painted. */
export const FAR_ZOOM = 0.35;

/**
 * Mark the canvas `is-far` while zoomed out below FAR_ZOOM (see canvas.css): a large graph
 * then paints boxes and lines instead of hundreds of unreadable labels. A class toggled from
 * a store subscription, so zooming re-renders no component; `onChange` hears each flip.
 *
 * While a gesture moves the view (`moving` is true) the class is not flipped: the switch
 * restyles and repaints every card (70 to 110 ms on a 300-node graph), and a wheel zoom that
 * crosses FAR_ZOOM back and forth would pay it on every crossing. The returned function is
 * called when the gesture ends and applies the zoom it ended at.
 */
export function useFarZoomClass(
  ref: RefObject<HTMLDivElement | null>,
  moving: RefObject<boolean>,
  onChange?: (far: boolean) => void,
): () => void {
  const store = useStoreApi();
  const far = useRef<boolean | null>(null);
  const apply = useCallback(
    (zoom: number) => {
      const now = zoom < FAR_ZOOM;
      if (now === far.current) return;
      far.current = now;
      ref.current?.classList.toggle('is-far', now);
      onChange?.(now);
    },
    [ref, onChange],
  );
  useEffect(() => {
    far.current = null;
    apply(store.getState().transform[2]);
    return store.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2] && !moving.current) apply(s.transform[2]);
    });
  }, [store, apply, moving]);
  return useCallback(() => apply(store.getState().transform[2]), [apply, store]);
}
