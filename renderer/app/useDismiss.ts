import { useEffect, type RefObject } from 'react';

/**
 * While `active`, call `onClose` on Escape and on a pointer press outside `inside` (anywhere,
 * without it): how a menu or a popover closes. The listeners are on window and removed when
 * it closes or unmounts.
 */
export function useDismiss(active: boolean, onClose: () => void, inside?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!active) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !inside?.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [active, onClose, inside]);
}
