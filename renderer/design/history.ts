import { useStore } from 'zustand';
import { useDesignStore } from './useDesignStore';

/**
 * Undo and redo of document edits. An open gesture (a text field still focused) is closed
 * first, so what the user just typed is one step that Undo takes back.
 */
export function undo(): void {
  closeGestures();
  useDesignStore.temporal.getState().undo();
}

export function redo(): void {
  closeGestures();
  useDesignStore.temporal.getState().redo();
}

export function useCanUndo(): boolean {
  return useStore(useDesignStore.temporal, (s) => s.pastStates.length > 0);
}

export function useCanRedo(): boolean {
  return useStore(useDesignStore.temporal, (s) => s.futureStates.length > 0);
}

function closeGestures(): void {
  useDesignStore.getState().settleGestures();
}
