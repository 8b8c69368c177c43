import { useFileStore } from './useFileStore';

/** Show the New (template gallery) or Open dialog. */
export function requestNewOrOpen(which: 'new' | 'open'): void {
  useFileStore.getState().set({ dialog: which });
}
