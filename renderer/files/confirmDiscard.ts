import { isDirty } from './useIsDirty';
import { useDesignStore } from '../design/useDesignStore';
import { fileNameOf, useFileStore } from './useFileStore';

/** Before replacing the document: true when there is nothing unsaved or the user agrees to lose it. */
export function confirmDiscard(): boolean {
  if (!isDirty()) return true;
  const { path } = useFileStore.getState();
  return window.confirm(`Discard the unsaved changes to ${path ? fileNameOf(path) : useDesignStore.getState().doc.name}?`);
}
