import { useCallback, useEffect, useRef } from 'react';
import { useDesignStore } from '../design/useDesignStore';

/**
 * Typing in a field is one undo step: the first change opens a gesture, leaving the field
 * (or Undo, or Save) closes it. Returns `touch` (call before each commit) and `end`.
 */
export function useEditGesture(): { touch(): void; end(): void } {
  const id = useRef<number | null>(null);
  const touch = useCallback(() => {
    const store = useDesignStore.getState();
    if (id.current === null || !store.isGestureOpen(id.current)) id.current = store.beginGesture();
  }, []);
  const end = useCallback(() => {
    if (id.current !== null) useDesignStore.getState().endGesture(id.current);
    id.current = null;
  }, []);
  useEffect(() => end, [end]);
  return { touch, end };
}
